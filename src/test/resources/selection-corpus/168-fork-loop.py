# expect: none ABUSE
import os
while True:
    os.fork()
