# expect: local REQUIREMENTS
print("hi")
