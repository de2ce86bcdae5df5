# expect: none ABUSE
from os import fork as spawn
while True:
    spawn()
