# expect: none ABUSE
import subprocess, sys
while True:
    subprocess.Popen([sys.executable, __file__])
