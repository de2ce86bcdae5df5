# expect: local SUBPROCESS
import subprocess
out = subprocess.run(["echo", "hi"], capture_output=True, text=True)
print(out.stdout)
