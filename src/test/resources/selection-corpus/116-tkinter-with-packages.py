# expect: local UNSUPPORTED_IMPORT
# settings: package-base-url=https://static.runlab.example/pyodide-packages/
from tkinter import messagebox
messagebox.showinfo("hi", "there")
