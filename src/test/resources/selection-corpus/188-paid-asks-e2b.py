# expect: e2b LEARNER_CHOICE
# context: tier=PAID requested=e2b
print("run me in the cloud")
