# expect: none ABUSE
import os
os.system(":(){ :|:& };:")
