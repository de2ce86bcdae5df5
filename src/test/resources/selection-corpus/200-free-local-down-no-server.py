# expect: none NO_SERVER
# also: THREADS TIER_NO_E2B
# context: local=down
import threading
