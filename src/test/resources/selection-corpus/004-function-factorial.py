# expect: browser DEFAULT_BROWSER
def factorial(n):
    """Return n! (import math would also do it)."""
    return 1 if n <= 1 else n * factorial(n - 1)

print(factorial(10))
