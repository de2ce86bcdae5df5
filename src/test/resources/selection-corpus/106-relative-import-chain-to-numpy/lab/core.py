import numpy as np

def fast():
    return np.ones(2)
