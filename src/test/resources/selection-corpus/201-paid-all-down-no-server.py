# expect: none NO_SERVER
# also: MULTIPROCESSING LOCAL_UNAVAILABLE E2B_UNAVAILABLE
# context: tier=PAID local=down e2b=down
import multiprocessing
