import pandas as pd

def run():
    print(pd.DataFrame())
