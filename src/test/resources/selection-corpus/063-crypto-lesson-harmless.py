# expect: browser DEFAULT_BROWSER
import hashlib

def proof_of_work(prefix, difficulty=3):
    nonce = 0
    while True:
        h = hashlib.sha256(f"{prefix}{nonce}".encode()).hexdigest()
        if h.startswith("0" * difficulty):
            return nonce, h
        nonce += 1

print(proof_of_work("block1"))
