# expect: browser DEFAULT_BROWSER
values = [
    1, 2,
    3,  # import threading
    4,
]
result = sum(
    v * 2
    for v in values
)
print(result)
