from .pieces import PIECES
from . import rules

def show():
    print(PIECES, rules.size())
