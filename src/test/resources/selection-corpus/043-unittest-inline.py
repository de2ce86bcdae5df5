# expect: browser DEFAULT_BROWSER
import unittest

def add(a, b):
    return a + b

class T(unittest.TestCase):
    def test_add(self):
        self.assertEqual(add(2, 2), 4)

unittest.main(argv=["x"], exit=False)
