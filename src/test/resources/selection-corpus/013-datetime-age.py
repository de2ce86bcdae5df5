# expect: browser DEFAULT_BROWSER
from datetime import date, timedelta

born = date(2001, 5, 17)
today = date(2026, 11, 26)
print((today - born).days // 365, "years")
print(today + timedelta(days=30))
