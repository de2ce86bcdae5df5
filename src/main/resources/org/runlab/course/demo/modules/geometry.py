"""Shapes and their areas."""
import math


def circle_area(radius):
    """The area of a circle with the given radius."""
    return math.pi * radius ** 2
