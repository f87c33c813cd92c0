"""Engine speed against a bare SimPy loop; same as ``python -m simulator bench``.

Usage: python benchmarks/bench_engine.py [--accounts 20000] [--days 180] [--strategy escalonada]
"""

from __future__ import annotations

import sys

from simulator.cli.main import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
