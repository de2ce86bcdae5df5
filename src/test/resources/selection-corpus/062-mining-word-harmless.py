# expect: browser DEFAULT_BROWSER
# data mining lesson: count items (not xmrig, not a miner)
baskets = [["bread", "milk"], ["bread", "eggs"], ["milk", "eggs", "bread"]]
from collections import Counter
print(Counter(item for b in baskets for item in b))
print("The t-rex runner game is fun")
