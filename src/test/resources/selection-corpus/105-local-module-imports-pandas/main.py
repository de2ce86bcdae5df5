# expect: local UNSUPPORTED_IMPORT
import analysis
analysis.run()
