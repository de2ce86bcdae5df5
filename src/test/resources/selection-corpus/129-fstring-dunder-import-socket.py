# expect: local SOCKETS
print(f"host: {__import__('socket').gethostname()}")
