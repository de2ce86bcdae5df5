# expect: local SOCKETS
import socketserver

class H(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(b"hi")
