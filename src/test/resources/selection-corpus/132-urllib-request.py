# expect: local HTTP_CLIENT
from urllib.request import urlopen
print(urlopen("https://example.org").read()[:100])
