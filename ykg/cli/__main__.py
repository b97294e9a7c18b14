"""Run the command line as `python -m ykg.cli`."""
from ykg.cli import main

main(prog_name="ykg")
