# expect: local UNSUPPORTED_IMPORT
import matplotlib.pyplot as plt

plt.plot([1, 2, 3], [4, 1, 9])
plt.savefig("out/plot.png")
