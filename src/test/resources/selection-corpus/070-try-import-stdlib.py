# expect: browser DEFAULT_BROWSER
try:
    import tomllib
except ImportError:
    tomllib = None
print(tomllib is not None)
