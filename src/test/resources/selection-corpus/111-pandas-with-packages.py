# expect: browser DEFAULT_BROWSER
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
import pandas as pd
print(pd.DataFrame({"x": [1, 2]}))
