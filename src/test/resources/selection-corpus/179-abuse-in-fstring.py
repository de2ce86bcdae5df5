# expect: none ABUSE
host = "pool.example.net"
url = f"stratum+tcp://{host}:3333"
