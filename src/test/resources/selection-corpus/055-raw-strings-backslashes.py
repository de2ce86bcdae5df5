# expect: browser DEFAULT_BROWSER
path = r"C:\new\table\import os"
pattern = r'\d+\'s'
print(path, pattern)
