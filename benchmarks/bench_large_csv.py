"""Peak memory and time of loading a large portfolio CSV, against the file's size and the table's.

Usage: python benchmarks/bench_large_csv.py [--accounts 1000000]

The loader reads the whole file as text and validates every column at once,
so its peak is a multiple of the file size; this prints that multiple, so a
change that makes loading copy more shows up as a larger ratio. The CSV is
generated and loaded in separate processes, each measured on its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_LOAD = """
import json, resource, sys, time
started = time.perf_counter()
from simulator import load_portfolio
imported = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
frame = load_portfolio(sys.argv[1])
seconds = time.perf_counter() - began
print(json.dumps({"rows": len(frame), "seconds": round(seconds, 2),
                  "table_mb": round(frame.memory_usage(deep=True).sum() / 2**20, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "rss_after_imports_mb": round(imported / 1024, 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "cartera.csv"
        subprocess.run([sys.executable, "-m", "simulator.portfolio.generate", "--accounts",
                        str(args.accounts), "--seed", "2026", "--out", str(csv)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        loaded = json.loads(subprocess.run([sys.executable, "-c", _LOAD, str(csv)], check=True,
                                           capture_output=True, text=True).stdout)
        file_mb = csv.stat().st_size / 2**20
    growth = loaded["peak_rss_mb"] - loaded["rss_after_imports_mb"]
    print(json.dumps({"accounts": args.accounts, "file_mb": round(file_mb, 1), **loaded,
                      "peak_over_file": round(growth / file_mb, 2),
                      "rows_per_s": round(loaded["rows"] / loaded["seconds"])}))


if __name__ == "__main__":
    main()
