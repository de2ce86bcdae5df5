# expect: browser DEFAULT_BROWSER
# also: NO_SERVER
# context: tier=PAID requested=local local=down e2b=down
print("hi")
