# expect: browser DEFAULT_BROWSER
import pyodide

print(pyodide.__version__)
