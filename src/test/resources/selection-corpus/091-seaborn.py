# expect: local UNSUPPORTED_IMPORT
import seaborn as sns
print(sns.__version__)
