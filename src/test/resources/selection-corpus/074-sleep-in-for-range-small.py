# expect: browser DEFAULT_BROWSER
import time
for i in range(4):
    time.sleep(0.5)
    print(i)
