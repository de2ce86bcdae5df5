# expect: local UNSUPPORTED_IMPORT
# also: E2B_UNAVAILABLE
# context: tier=PAID
# settings: e2b-enabled=false
import pandas
