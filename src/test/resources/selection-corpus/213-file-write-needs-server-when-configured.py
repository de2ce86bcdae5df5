# expect: local FILE_WRITE
# settings: server-features=FILE_WRITE
open("x.txt", "w").write("x")
