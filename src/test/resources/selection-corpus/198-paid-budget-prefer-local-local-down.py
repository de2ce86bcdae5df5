# expect: e2b SOCKETS
# also: LOCAL_UNAVAILABLE
# context: tier=PAID budget=PREFER_LOCAL local=down
import socket
