# expect: browser DEFAULT_BROWSER
# also: CHOICE_NOT_ALLOWED
# context: tier=ANONYMOUS requested=e2b
print("free ride?")
