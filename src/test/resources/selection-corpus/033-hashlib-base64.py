# expect: browser DEFAULT_BROWSER
import hashlib, base64

digest = hashlib.sha256(b"hello").hexdigest()
print(digest)
print(base64.b64encode(b"runlab").decode())
