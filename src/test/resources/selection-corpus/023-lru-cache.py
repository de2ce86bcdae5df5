# expect: browser DEFAULT_BROWSER
from functools import lru_cache, reduce

@lru_cache(maxsize=None)
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)

print(paths(16, 16))
print(reduce(lambda a, b: a * b, range(1, 8)))
