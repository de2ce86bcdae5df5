# expect: browser DEFAULT_BROWSER
module = "pandas"
print(f"to use it, write: import {module} as pd")
print(f"{'import socket'}")
