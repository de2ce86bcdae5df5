# expect: local UNSUPPORTED_IMPORT
try:
    import numpy as np
except ImportError:
    np = None
print(np)
