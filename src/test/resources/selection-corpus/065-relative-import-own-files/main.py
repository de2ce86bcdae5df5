# expect: browser DEFAULT_BROWSER
from game import board

board.show()
