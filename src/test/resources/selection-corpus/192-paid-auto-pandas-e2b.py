# expect: e2b UNSUPPORTED_IMPORT
# context: tier=PAID
import pandas as pd
print(pd.DataFrame())
