# expect: local UNSUPPORTED_IMPORT
import pandas as pd, numpy as np
print(pd.Series(np.ones(3)))
