# expect: local UNSUPPORTED_IMPORT
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
import flask
print(flask.__version__)
