# expect: browser DEFAULT_BROWSER
import time
for i in range(100):
    x = i * 2
time.sleep(2)
print(x)
