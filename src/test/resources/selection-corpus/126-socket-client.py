# expect: local SOCKETS
import socket

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("example.org", 80))
s.sendall(b"GET / HTTP/1.0\r\n\r\n")
print(s.recv(100))
