"""``python -m mocr_factsheet``: the same as the ``mocr`` command."""

from mocr_factsheet.cli import main

main()
