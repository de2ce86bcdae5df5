# expect: local HTTP_CLIENT
import requests

r = requests.get("https://api.example.org/data", timeout=5)
print(r.json())
