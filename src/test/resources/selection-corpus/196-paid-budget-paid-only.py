# expect: e2b THREADS
# context: tier=PAID budget=PAID_ONLY
import threading
