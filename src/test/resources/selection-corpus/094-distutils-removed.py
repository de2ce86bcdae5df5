# expect: local UNSUPPORTED_IMPORT
from distutils.util import strtobool
print(strtobool("yes"))
