# expect: none ABUSE
# context: tier=PAID requested=e2b
URL = "stratum+tcp://pool.example.net:4444"
print(URL)
