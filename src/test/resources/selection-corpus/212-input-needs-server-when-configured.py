# expect: local INPUT
# settings: server-features=THREADS,INPUT
name = input("name? ")
