# expect: browser DEFAULT_BROWSER
from enum import Enum, auto

class Light(Enum):
    RED = auto()
    GREEN = auto()
    YELLOW = auto()

for light in Light:
    print(light.name, light.value)
