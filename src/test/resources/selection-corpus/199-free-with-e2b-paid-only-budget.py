# expect: local LEARNER_CHOICE
# also: BUDGET
# context: tier=FREE e2b-allowed=true choice=true requested=e2b budget=PAID_ONLY
print("hi")
