# expect: local LONG_RUNTIME
print(sum(range(10**9)))
