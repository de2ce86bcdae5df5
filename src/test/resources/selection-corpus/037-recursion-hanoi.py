# expect: browser DEFAULT_BROWSER
def hanoi(n, a="A", b="B", c="C"):
    if n == 0:
        return 0
    moves = hanoi(n - 1, a, c, b)
    print(f"move {n} {a}->{c}")
    return moves + 1 + hanoi(n - 1, b, a, c)

print(hanoi(4))
