# expect: local THREADS
import threading

def work(n):
    print("worker", n)

threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in threads: t.start()
for t in threads: t.join()
