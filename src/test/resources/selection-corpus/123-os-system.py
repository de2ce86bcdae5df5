# expect: local SUBPROCESS
import os
os.system("ls -l")
