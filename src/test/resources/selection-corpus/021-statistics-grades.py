# expect: browser DEFAULT_BROWSER
import statistics as st

grades = [72, 88, 95, 61, 79, 88]
print(st.mean(grades), st.median(grades), st.mode(grades))
print(round(st.stdev(grades), 2))
