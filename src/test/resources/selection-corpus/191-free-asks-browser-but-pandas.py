# expect: local UNSUPPORTED_IMPORT
# also: LEARNER_CHOICE
# context: requested=browser
import pandas
