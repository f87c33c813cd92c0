"""``python -m simulator``: see :mod:`simulator.cli.main`."""

import sys

from simulator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
