# expect: browser DEFAULT_BROWSER
import time

for i in range(3, 0, -1):
    print(i)
    time.sleep(1)
print("Go!")
