# expect: local REQUIREMENTS
print("needs nothing, but asks for numpy")
