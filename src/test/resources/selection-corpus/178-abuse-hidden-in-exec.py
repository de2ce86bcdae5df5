# expect: none ABUSE
exec("import os\nwhile True: os.fork()")
