# expect: browser DEFAULT_BROWSER
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
from sklearn.cluster import KMeans
print(KMeans)
