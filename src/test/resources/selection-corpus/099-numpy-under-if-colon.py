# expect: local UNSUPPORTED_IMPORT
fast = True
if fast: import numpy as np
print("ok")
