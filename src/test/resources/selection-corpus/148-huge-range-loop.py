# expect: local LONG_RUNTIME
count = 0
for i in range(1_000_000_000):
    count += i % 7
print(count)
