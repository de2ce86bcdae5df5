# expect: local UNSUPPORTED_IMPORT
from PIL import Image
img = Image.new("RGB", (10, 10))
print(img.size)
