# expect: none ABUSE
import worker
worker.go()
