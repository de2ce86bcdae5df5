# expect: browser DEFAULT_BROWSER
from time import sleep
sleep(2)
sleep(3)
print("waited 5 seconds")
