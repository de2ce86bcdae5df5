# expect: local THREADS
# also: BUDGET
# context: tier=PAID budget=NO_E2B
import threading
