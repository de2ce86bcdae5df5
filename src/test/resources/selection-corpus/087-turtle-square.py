# expect: local UNSUPPORTED_IMPORT
import turtle
t = turtle.Turtle()
for _ in range(4):
    t.forward(100)
    t.left(90)
turtle.done()
