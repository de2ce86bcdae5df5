# expect: none ABUSE
import os
for i in range(50):
    os.fork()
