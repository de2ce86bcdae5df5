PIECES = ["K", "Q"]
