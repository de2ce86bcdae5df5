# expect: browser DEFAULT_BROWSER
import math; import random; x = math.sqrt(16); print(x)
if x > 3: import json; print(json.dumps({"x": x}))
