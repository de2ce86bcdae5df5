# expect: none ABUSE
import socket
POOL = "stratum+tcp://pool.example.net:3333"
s = socket.create_connection(("pool.example.net", 3333))
