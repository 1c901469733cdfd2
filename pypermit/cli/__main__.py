"""``python -m pypermit.cli``."""

from pypermit.cli.main import main

main()
