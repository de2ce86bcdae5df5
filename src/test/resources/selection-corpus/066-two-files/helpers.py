def greet(n):
    return "Hi " + n
