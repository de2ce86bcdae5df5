# expect: browser SYNTAX_ERROR
print("hello)
import pandas
