# expect: browser DEFAULT_BROWSER
os = __import__("os")
print(os.getcwd())
