# expect: browser DEFAULT_BROWSER
import requests

print(requests.fake_get("page"))
