# expect: local UNSUPPORTED_IMPORT
from importlib import import_module
sympy = import_module("sympy")
print(sympy.symbols("x"))
