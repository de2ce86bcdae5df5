# expect: browser DEFAULT_BROWSER
print("import pandas as pd")
print('from socket import socket')
