# expect: e2b REQUIREMENTS
# context: tier=PAID
# settings: server-engine.paid=local
import arrow
print(arrow.now())
