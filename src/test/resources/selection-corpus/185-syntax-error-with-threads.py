# expect: browser SYNTAX_ERROR
import threading
print("oops
