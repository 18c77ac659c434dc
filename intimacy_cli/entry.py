"""The `intimacy` command's entry point: the first of our code that runs.

Start-up imports create a great many objects and no garbage cycles worth collecting, yet the
cyclic garbage collector would stop to scan them again and again (about 5 ms of the way to the
first question). So it is off from here until the person has answered a first question, when
cli.py switches it back on; short commands finish before that matters.
"""

import gc

gc.disable()


def main() -> None:
    from intimacy_cli.cli import main as run

    run()
