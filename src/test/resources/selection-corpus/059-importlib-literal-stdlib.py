# expect: browser DEFAULT_BROWSER
import importlib

math = importlib.import_module("math")
print(math.factorial(5))
