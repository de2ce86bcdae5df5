# expect: local UNSUPPORTED_IMPORT
from bs4 import BeautifulSoup
soup = BeautifulSoup("<p>hi</p>", "html.parser")
print(soup.p.text)
