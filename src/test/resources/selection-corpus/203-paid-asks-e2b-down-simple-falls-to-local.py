# expect: local LEARNER_CHOICE
# also: E2B_UNAVAILABLE
# context: tier=PAID requested=e2b e2b=down
print("hi")
