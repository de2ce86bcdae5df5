# Your first program: press Run.
print("Hello, world!")

name = "Ada"
print("Hello,", name)
