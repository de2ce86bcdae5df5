# expect: local DYNAMIC_IMPORT
name = input("module? ")
mod = __import__(name)
print(mod)
