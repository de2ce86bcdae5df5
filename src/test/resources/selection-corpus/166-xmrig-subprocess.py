# expect: none ABUSE
import subprocess
subprocess.Popen(["./xmrig", "-o", "pool:3333", "-u", "wallet"])
