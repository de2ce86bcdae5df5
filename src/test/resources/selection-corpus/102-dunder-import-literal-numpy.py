# expect: local UNSUPPORTED_IMPORT
np = __import__("numpy")
print(np.pi)
