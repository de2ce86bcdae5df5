# expect: browser DEFAULT_BROWSER
total = 0
for i in range(1, 101):
    total += i
print("Sum:", total)
