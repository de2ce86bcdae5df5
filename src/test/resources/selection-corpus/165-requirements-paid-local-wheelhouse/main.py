# expect: local REQUIREMENTS
# context: tier=PAID local-installs=true
# settings: server-engine.paid=local
import arrow
print(arrow.now())
