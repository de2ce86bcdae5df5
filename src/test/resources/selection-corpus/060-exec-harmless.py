# expect: browser DEFAULT_BROWSER
exec("x = 6 * 7")
print(x)
