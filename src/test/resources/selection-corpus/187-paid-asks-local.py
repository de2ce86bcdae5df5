# expect: local LEARNER_CHOICE
# context: tier=PAID requested=local
print("run me on the server")
