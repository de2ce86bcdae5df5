# expect: local SUBPROCESS
from os import popen as run_cmd
print(run_cmd("date").read())
