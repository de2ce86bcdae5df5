# expect: local UNSUPPORTED_IMPORT
import tkinter as tk
root = tk.Tk()
tk.Label(root, text="Hello").pack()
root.mainloop()
