# expect: local UNSUPPORTED_IMPORT
import importlib
pd = importlib.import_module("pandas")
print(pd)
