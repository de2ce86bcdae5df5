# expect: browser DEFAULT_BROWSER
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print(f"{n} items")
key = lambda x: -x
print(sorted(data, key=key))
