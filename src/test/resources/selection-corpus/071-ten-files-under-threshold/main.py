# expect: browser DEFAULT_BROWSER
import m1, m2, m3, m4, m5, m6, m7, m8, m9
print(m1.v + m9.v)
