from .core import fast

def go():
    return fast()
