# expect: browser DEFAULT_BROWSER
import csv, io

buf = io.StringIO("name,score\nada,90\nbob,75\n")
for row in csv.DictReader(buf):
    print(row["name"], int(row["score"]) + 5)
