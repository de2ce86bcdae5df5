# expect: local LONG_RUNTIME
from time import sleep as pause
pause(30)
