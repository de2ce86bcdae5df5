# expect: local HTTP_CLIENT
import http.client
conn = http.client.HTTPSConnection("example.org")
