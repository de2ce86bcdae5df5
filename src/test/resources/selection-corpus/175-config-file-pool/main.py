# expect: none ABUSE
import json
cfg = json.load(open("config.json"))
print(cfg)
