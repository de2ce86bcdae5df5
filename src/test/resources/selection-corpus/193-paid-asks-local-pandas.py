# expect: local UNSUPPORTED_IMPORT
# also: LEARNER_CHOICE
# context: tier=PAID requested=local
import pandas as pd
