import os
import matplotlib.pyplot as plt

xs = list(range(11))
plt.plot(xs, [x * x for x in xs], label="squares")
plt.xlabel("x")
plt.legend()

os.makedirs("out", exist_ok=True)
plt.savefig("out/chart.png")
print("Saved out/chart.png")
