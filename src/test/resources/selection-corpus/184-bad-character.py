# expect: browser SYNTAX_ERROR
x = 5 $ 3
print(x)
