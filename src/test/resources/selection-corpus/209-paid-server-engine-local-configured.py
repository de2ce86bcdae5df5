# expect: local THREADS
# context: tier=PAID
# settings: server-engine.paid=local
import threading
