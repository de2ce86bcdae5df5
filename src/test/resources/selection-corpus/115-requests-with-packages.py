# expect: local HTTP_CLIENT
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
import requests
print(requests.get("https://example.org").status_code)
