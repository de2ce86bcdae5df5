# expect: local LONG_RUNTIME
import time
for i in range(3):
    for j in range(4):
        time.sleep(0.5)
