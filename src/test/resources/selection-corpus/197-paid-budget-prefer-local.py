# expect: local SOCKETS
# also: BUDGET
# context: tier=PAID budget=PREFER_LOCAL
import socket
