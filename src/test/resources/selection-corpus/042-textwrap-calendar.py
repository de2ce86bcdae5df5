# expect: browser DEFAULT_BROWSER
import textwrap, calendar

print(textwrap.fill("Python is a programming language that lets you work quickly.", 20))
print(calendar.month(2026, 11))
