# expect: local UNSUPPORTED_IMPORT
# also: CHOICE_NOT_ALLOWED
# context: requested=e2b
import pandas
