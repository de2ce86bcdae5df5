# expect: browser DEFAULT_BROWSER
# settings: unresolved-dynamic-import-needs-server=false
mod = __import__(input())
