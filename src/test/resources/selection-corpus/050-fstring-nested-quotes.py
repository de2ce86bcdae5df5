# expect: browser DEFAULT_BROWSER
d = {"key": "value", "n": 3}
print(f"{d["key"]} and {d['n']:>5} {'yes' if d["n"] > 2 else 'no'}")
print(f"{'{'}braces{'}'} {{literal}}")
