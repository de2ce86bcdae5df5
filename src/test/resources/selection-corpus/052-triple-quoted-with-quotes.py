# expect: browser DEFAULT_BROWSER
text = '''He said "import os" and 'from x import y' then left.'''
other = """import subprocess"""
print(text, other)
