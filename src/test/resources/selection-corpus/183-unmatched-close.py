# expect: browser SYNTAX_ERROR
print("x"))
