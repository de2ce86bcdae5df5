# expect: browser DEFAULT_BROWSER
print("Hello, world!")
