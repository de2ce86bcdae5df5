# expect: browser DEFAULT_BROWSER
# also: CHOICE_NOT_ALLOWED
# context: requested=local
print("I want the server")
