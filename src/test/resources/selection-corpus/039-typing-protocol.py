# expect: browser DEFAULT_BROWSER
from typing import Protocol, Iterable

class Named(Protocol):
    name: str

def names(xs: Iterable[Named]) -> list[str]:
    return [x.name for x in xs]

class P:
    def __init__(self, n): self.name = n

print(names([P("a"), P("b")]))
