# expect: local LONG_RUNTIME
total = 0
for i in range(2 * 10**8):
    total += 1
