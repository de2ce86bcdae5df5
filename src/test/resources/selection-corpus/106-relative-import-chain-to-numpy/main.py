# expect: local UNSUPPORTED_IMPORT
from lab import compute
print(compute.go())
