# expect: browser DEFAULT_BROWSER
from itertools import permutations, combinations, product

print(list(permutations("abc", 2)))
print(list(combinations(range(4), 2)))
print(len(list(product([0, 1], repeat=4))))
