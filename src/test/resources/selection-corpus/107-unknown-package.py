# expect: local UNSUPPORTED_IMPORT
import totally_unknown_lib
print(totally_unknown_lib.run())
