# expect: browser DEFAULT_BROWSER
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
plt.plot([1, 2])
