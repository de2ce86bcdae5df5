# expect: local THREADS
# also: TIER_NO_E2B
# context: tier=FREE
# settings: server-engine.free=e2b
import threading
