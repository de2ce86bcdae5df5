# expect: browser DEFAULT_BROWSER
squares = [x * x for x in range(10) if x % 2 == 0]
pairs = {x: x ** 3 for x in range(5)}
print(squares, pairs)
