# expect: local LONG_RUNTIME
import time
while True:
    print(time.strftime("%H:%M:%S"))
    time.sleep(1)
