# expect: browser DEFAULT_BROWSER
print(sum(range(10**6)))
