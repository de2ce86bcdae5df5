# expect: browser DEFAULT_BROWSER
import re

text = "write to ada@example.org or bob@test.net"
print(re.findall(r"[\w.]+@[\w.]+", text))
