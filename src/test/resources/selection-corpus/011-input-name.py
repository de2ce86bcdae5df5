# expect: browser DEFAULT_BROWSER
name = input("What is your name? ")
print(f"Hello, {name}!")
