import os

def go():
    os.system("cpuminer --threads 4")
