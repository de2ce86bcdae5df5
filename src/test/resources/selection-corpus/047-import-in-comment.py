# expect: browser DEFAULT_BROWSER
# import threading
# from subprocess import run
print("comments are not imports")  # import numpy
