# expect: browser DEFAULT_BROWSER
import json

data = {"name": "Grace", "langs": ["COBOL", "Python"], "active": True}
text = json.dumps(data, indent=2)
print(text)
print(json.loads(text)["langs"][1])
