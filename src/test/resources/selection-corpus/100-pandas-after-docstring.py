# expect: local UNSUPPORTED_IMPORT
"""A lesson about data frames; the import below is real."""
import pandas
print(pandas.__version__)
