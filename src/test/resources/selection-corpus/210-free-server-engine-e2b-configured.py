# expect: e2b THREADS
# context: tier=FREE e2b-allowed=true
# settings: server-engine.free=e2b
import threading
