# expect: local UNSUPPORTED_IMPORT
# also: THREADS
import pandas as pd
import threading
print(pd, threading)
