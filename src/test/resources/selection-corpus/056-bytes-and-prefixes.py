# expect: browser DEFAULT_BROWSER
data = b"import socket"
print(data.decode(), Rb"\x00", BR'x', u"unicode")
