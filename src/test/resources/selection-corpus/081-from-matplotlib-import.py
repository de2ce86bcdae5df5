# expect: local UNSUPPORTED_IMPORT
from matplotlib import pyplot as plt
plt.bar(["a", "b"], [3, 5])
plt.show()
