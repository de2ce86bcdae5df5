# expect: browser DEFAULT_BROWSER
def bubble(xs):
    xs = list(xs)
    for i in range(len(xs)):
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs

print(bubble([5, 2, 9, 1, 5, 6]))
