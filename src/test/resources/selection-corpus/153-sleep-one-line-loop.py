# expect: local LONG_RUNTIME
import time
for i in range(10): time.sleep(1)
