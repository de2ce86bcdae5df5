# expect: browser DEFAULT_BROWSER
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
import numpy as np
print(np.linspace(0, 1, 5))
