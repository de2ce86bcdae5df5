# expect: local MULTI_FILE
import m1, m2, m3
print(m1.v)
