# expect: local REQUIREMENTS
# also: TIER_NO_E2B
import arrow
print(arrow.now())
