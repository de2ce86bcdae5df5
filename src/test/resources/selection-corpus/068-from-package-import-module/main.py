# expect: browser DEFAULT_BROWSER
from utils import text, numbers

print(text.shout("hi"), numbers.double(2))
