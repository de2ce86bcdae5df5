# expect: browser DEFAULT_BROWSER
total = 1 + \
        2 + \
        3
message = "import socket " \
          "is just text"
print(total, message)
