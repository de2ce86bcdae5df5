# expect: browser DEFAULT_BROWSER
text = """It was the best of times, it was the worst of times"""
freq = {}
for w in text.lower().replace(",", "").split():
    freq[w] = freq.get(w, 0) + 1
for w, c in sorted(freq.items(), key=lambda kv: -kv[1]):
    print(w, c)
