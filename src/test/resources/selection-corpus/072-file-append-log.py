# expect: browser DEFAULT_BROWSER
for i in range(3):
    with open("log.txt", mode="a") as log:
        log.write(f"line {i}\n")
print(open("log.txt").read())
