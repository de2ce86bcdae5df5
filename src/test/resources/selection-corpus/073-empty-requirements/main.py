# expect: browser DEFAULT_BROWSER
print("requirements.txt is empty")
