# expect: browser LEARNER_CHOICE
# context: tier=PAID requested=browser
print("browser please")
