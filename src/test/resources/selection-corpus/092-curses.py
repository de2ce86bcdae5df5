# expect: local UNSUPPORTED_IMPORT
import curses

def main(stdscr):
    stdscr.addstr(0, 0, "hello")

curses.wrapper(main)
