# expect: local LONG_RUNTIME
import time
for i in range(20):
    print(i)
    time.sleep(1)
