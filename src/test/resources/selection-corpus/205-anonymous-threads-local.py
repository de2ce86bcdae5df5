# expect: local THREADS
# context: tier=ANONYMOUS
import threading
