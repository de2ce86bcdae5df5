# expect: browser DEFAULT_BROWSER
from urllib.parse import urlparse, urlencode
print(urlparse("https://example.org/a?b=1").netloc, urlencode({"q": "x"}))
