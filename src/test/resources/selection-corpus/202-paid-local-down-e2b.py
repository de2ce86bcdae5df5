# expect: e2b HTTP_CLIENT
# context: tier=PAID local=down
import requests
