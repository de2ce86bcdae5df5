# expect: browser DEFAULT_BROWSER
from pathlib import Path

p = Path("out") / "result.txt"
p.parent.mkdir(exist_ok=True)
p.write_text("42")
print(p.read_text())
