"""``python -m pypermit``."""

from pypermit.cli.main import main

main()
