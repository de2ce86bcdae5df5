# expect: local UNSUPPORTED_IMPORT
def stats(xs):
    import numpy
    return numpy.mean(xs)

print(stats([1, 2, 3]))
