name = input("What is your name? ")
year = int(input("In which year were you born? "))
print(f"Hello {name}, you turn {2026 - year} this year.")
