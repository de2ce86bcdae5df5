# expect: local UNSUPPORTED_IMPORT
import imp
print(imp.get_suffixes())
