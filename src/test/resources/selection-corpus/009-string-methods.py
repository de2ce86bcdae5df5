# expect: browser DEFAULT_BROWSER
s = "  The quick brown fox  "
print(s.strip().upper())
print(s.split())
print("-".join(reversed(s.split())))
print(s.count("o"), s.find("fox"))
