def fake_get(url):
    return f"pretend we fetched {url}"
