# expect: browser DEFAULT_BROWSER
from bisect import bisect_left

def find(xs, x):
    i = bisect_left(xs, x)
    return i if i < len(xs) and xs[i] == x else -1

print(find([1, 3, 5, 7, 9], 7))
