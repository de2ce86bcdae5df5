# expect: browser DEFAULT_BROWSER
def today():
    from datetime import date
    return date.today()

print(today())
