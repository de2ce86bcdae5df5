import pandas as pd

df = pd.read_csv("scores.csv")
print(df.head())
print()
print("Average score per student:")
print(df.groupby("student")["score"].mean().round(1))
