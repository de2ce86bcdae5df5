from geometry import circle_area

for radius in (1, 2, 3):
    print(f"A circle of radius {radius} has area {circle_area(radius):.2f}")
