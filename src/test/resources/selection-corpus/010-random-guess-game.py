# expect: browser DEFAULT_BROWSER
import random

secret = random.randint(1, 100)
guess = None
tries = 0
while guess != secret:
    guess = int(input("Your guess: "))
    tries += 1
    if guess < secret:
        print("Higher")
    elif guess > secret:
        print("Lower")
print("Got it in", tries, "tries")
