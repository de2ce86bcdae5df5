def size():
    return 8
