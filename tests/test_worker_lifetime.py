"""Local worker processes belong to the process that started them: no Ctrl+C of their own, no life after it.

A dashboard page's kernel starts two workers; the kernel is interrupted (SIGINT
to its process group) before every shutdown and may be killed outright, so
workers that reacted to SIGINT printed tracebacks into the terminal and
workers that outlived their kernel kept half a gigabyte each.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

pytestmark = pytest.mark.slow

#: Starts two warm workers, prints their process ids, then runs what the test sends on stdin.
_PARENT = textwrap.dedent("""
    import sys
    from concurrent.futures import wait
    from simulator.experiments.backends import warm_up, worker_pool
    wait(warm_up(2))
    print(*worker_pool(2)._processes, flush=True)
    for line in sys.stdin:
        print(worker_pool(2).submit(abs, int(line)).result(), flush=True)
""")


def _start_parent() -> tuple[subprocess.Popen, list[int]]:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2, parent.stderr.read()
    return parent, workers


def _alive(pids: list[int]) -> list[int]:
    running = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                running.append(pid)
        except psutil.NoSuchProcess:
            continue
    return running


def test_workers_end_when_their_parent_is_killed():
    parent, workers = _start_parent()
    try:
        parent.kill()  # SIGKILL to the parent alone: no atexit, no pool shutdown
        parent.wait()
        deadline = time.monotonic() + 30
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _alive(workers) == []
    finally:
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)


def test_a_workers_sigint_is_ignored_and_the_pool_keeps_working():
    parent, workers = _start_parent()
    try:
        for pid in workers:
            os.kill(pid, signal.SIGINT)  # what a kernel interrupt or Ctrl+C sends them
        time.sleep(1)
        assert _alive(workers) == workers
        output, errors = parent.communicate("-7\n", timeout=60)
        assert output.split() == ["7"] and parent.returncode == 0
        assert "Traceback" not in errors and "KeyboardInterrupt" not in errors, errors
    finally:
        parent.kill()
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)
