# expect: browser DEFAULT_BROWSER
import os

print(os.getcwd())
print(os.path.join("a", "b"))
print(os.environ.get("HOME", "?"))
