# expect: local HTTP_CLIENT
import httpx
print(httpx.get("https://example.org"))
