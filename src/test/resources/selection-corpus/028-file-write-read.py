# expect: browser DEFAULT_BROWSER
with open("notes.txt", "w") as f:
    f.write("first line\n")
with open("notes.txt") as f:
    print(f.read())
