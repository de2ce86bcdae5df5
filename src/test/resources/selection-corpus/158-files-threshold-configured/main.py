# expect: local MULTI_FILE
# settings: browser-max-files=1
import a
print(a.x)
