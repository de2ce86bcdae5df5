# expect: local SIZE
# settings: browser-max-bytes=4096
print(open("data.csv").read()[:20])
