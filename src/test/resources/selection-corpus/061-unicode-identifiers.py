# expect: browser DEFAULT_BROWSER
größe = 3
café = "naïve"
π = 3.14159
print(größe, café, round(π, 2), "emoji in a string: 🐍")
