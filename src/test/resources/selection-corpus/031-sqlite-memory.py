# expect: browser DEFAULT_BROWSER
import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t (x int)")
con.executemany("insert into t values (?)", [(i,) for i in range(5)])
print(con.execute("select sum(x) from t").fetchone())
