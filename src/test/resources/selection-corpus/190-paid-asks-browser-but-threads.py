# expect: e2b THREADS
# also: LEARNER_CHOICE
# context: tier=PAID requested=browser
import threading
threading.Thread(target=print).start()
