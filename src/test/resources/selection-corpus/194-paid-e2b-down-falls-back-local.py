# expect: local SUBPROCESS
# also: E2B_UNAVAILABLE
# context: tier=PAID e2b=down
import subprocess
subprocess.run(["ls"])
