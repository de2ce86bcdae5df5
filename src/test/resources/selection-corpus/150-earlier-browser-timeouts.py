# expect: local LONG_RUNTIME
# context: timeouts=2
n = 0
while n < 10:
    n += 1
print(n)
