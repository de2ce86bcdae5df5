# expect: local SUBPROCESS
__import__("subprocess").run(["whoami"])
