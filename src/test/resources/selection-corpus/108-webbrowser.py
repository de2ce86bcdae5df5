# expect: local UNSUPPORTED_IMPORT
import webbrowser
webbrowser.open("https://example.org")
