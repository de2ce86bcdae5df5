# expect: browser DEFAULT_BROWSER
from js import console

console.log("hello from Python")
