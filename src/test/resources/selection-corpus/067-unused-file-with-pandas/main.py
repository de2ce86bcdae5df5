# expect: browser DEFAULT_BROWSER
print("main does not import scratch.py")
