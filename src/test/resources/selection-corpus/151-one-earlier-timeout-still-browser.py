# expect: browser DEFAULT_BROWSER
# context: timeouts=1
print("only one earlier time-out")
