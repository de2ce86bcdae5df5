# expect: browser DEFAULT_BROWSER
width, prec = 10, 3
x = 3.14159
print(f"[{x:{width}.{prec}f}] [{x!r:>{width}}]")
