# expect: browser DEFAULT_BROWSER
import helpers

print(helpers.greet("Ada"))
