# expect: local THREADS
# settings: syntax-errors-run-in-browser=false
import threading
print("oops
