# expect: local DYNAMIC_IMPORT
import importlib
for name in ["math", "json"]:
    m = importlib.import_module(name)
    print(m.__name__)
