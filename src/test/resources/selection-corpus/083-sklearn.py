# expect: local UNSUPPORTED_IMPORT
from sklearn.linear_model import LinearRegression
model = LinearRegression()
print(model)
