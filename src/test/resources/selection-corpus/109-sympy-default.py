# expect: local UNSUPPORTED_IMPORT
import sympy as sp
x = sp.symbols("x")
print(sp.diff(x**3, x))
