# expect: browser DEFAULT_BROWSER
from collections import Counter, defaultdict, deque

words = "the cat and the hat and the bat".split()
print(Counter(words).most_common(2))
groups = defaultdict(list)
for w in words:
    groups[len(w)].append(w)
print(dict(groups))
q = deque([1, 2, 3]); q.rotate(1); print(q)
