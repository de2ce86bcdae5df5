# expect: browser SYNTAX_ERROR
print("start")
doc = '''never closed
import socket
