# expect: e2b REQUIREMENTS
# context: tier=PAID
import arrow
print(arrow.now())
