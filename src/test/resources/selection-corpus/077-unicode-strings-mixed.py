# expect: browser DEFAULT_BROWSER
s = "日本語 import socket 😀"
print(len(s), s[::-1])
