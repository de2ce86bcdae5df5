# expect: browser DEFAULT_BROWSER
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

for i, x in zip(range(15), fib()):
    print(i, x)
