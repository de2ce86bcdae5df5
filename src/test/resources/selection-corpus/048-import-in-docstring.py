# expect: browser DEFAULT_BROWSER
"""Lesson 3.

    import requests
    requests.get("https://example.org")
"""

def f():
    '''import multiprocessing'''
    return 1

print(f())
