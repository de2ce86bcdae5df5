# expect: local LONG_RUNTIME
import time
print("waiting")
time.sleep(10)
print("done")
