# expect: browser DEFAULT_BROWSER
from dataclasses import dataclass, field
from typing import List

@dataclass(order=True)
class Point:
    x: int
    y: int
    tags: List[str] = field(default_factory=list)

pts = sorted([Point(3, 1), Point(1, 2)])
print(pts)
