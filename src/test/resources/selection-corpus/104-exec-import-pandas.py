# expect: local UNSUPPORTED_IMPORT
exec("import pandas as pd")
print(pd)
