# expect: local THREADS
from threading import Thread, Lock
lock = Lock()
Thread(target=print, args=("hi",)).start()
