# expect: browser DEFAULT_BROWSER
import math

class Shape:
    def area(self):
        raise NotImplementedError

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return math.pi * self.r ** 2

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

for s in [Circle(1), Square(2)]:
    print(type(s).__name__, round(s.area(), 2))
