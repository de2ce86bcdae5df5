# expect: browser DEFAULT_BROWSER
def describe(cmd):
    match cmd.split():
        case ["go", direction]:
            return f"going {direction}"
        case ["quit"]:
            return "bye"
        case _:
            return "unknown"

print(describe("go north"), describe("quit"))
