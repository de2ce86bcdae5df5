# expect: none ABUSE
import requests
requests.post("https://api.supportxmr.com/miner", json={"w": "x"})
