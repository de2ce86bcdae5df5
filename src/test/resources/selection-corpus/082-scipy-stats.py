# expect: local UNSUPPORTED_IMPORT
from scipy import stats
print(stats.norm.cdf(1.96))
