# expect: local UNSUPPORTED_IMPORT
x = 1 + \
    2
import numpy
print(numpy.zeros(x))
