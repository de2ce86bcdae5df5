# expect: local SOCKETS
code = "x = 1"
exec("import socket\nprint(socket.gethostname())")
