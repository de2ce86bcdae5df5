# expect: local REQUIREMENTS
# context: tier=ANONYMOUS
import tabulate
