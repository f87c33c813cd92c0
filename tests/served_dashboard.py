"""The dashboard as a manager starts it, for the browser and server tests: start, wait, measure, stop.

Not a test module: ``test_dashboard_browser.py`` and ``test_dashboard_server.py`` import it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_chromium() -> None:
    """Skip without Debian's chromium on a developer's machine; fail in CI, where it must be."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"no está {CHROMIUM}: .ci/run debe instalar el paquete chromium de Debian")
    pytest.skip(f"no está {CHROMIUM} (apt-get install --no-install-recommends chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """``python -m simulator dashboard`` running, with every process it ever had."""

    process: subprocess.Popen
    port: int
    log: Path
    seen: set[int] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for_port(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"el tablero terminó al arrancar:\n{self.output()}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        pytest.fail(f"el tablero no abrió el puerto {self.port} en {seconds} s:\n{self.output()}")

    def alive(self) -> list[psutil.Process]:
        """The command, Voila, kernels and workers now running, also any that lost their parent."""
        try:
            root = psutil.Process(self.process.pid)
            self.seen.update(child.pid for child in [root, *root.children(recursive=True)])
        except psutil.NoSuchProcess:
            pass
        processes = []
        for pid in sorted(self.seen):
            try:
                process = psutil.Process(pid)
                if process.status() != psutil.STATUS_ZOMBIE:
                    processes.append(process)
            except psutil.NoSuchProcess:
                continue
        return processes

    def usage(self) -> tuple[int, float]:
        """Number of processes and the sum of their resident memory, in MB."""
        total = 0
        processes = self.alive()
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        return len(processes), total / 2**20

    def stop(self) -> None:
        """SIGTERM as a service manager would; then nothing of it may be left running."""
        self.alive()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for process in self.alive():  # a leak found by a failing test must not outlive it
            process.kill()


def start(folder: Path, *options: str) -> Served:
    """Start the dashboard on a free port in its own session (so a test can Ctrl+C it)."""
    port = free_port()
    log = folder / "tablero.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen([sys.executable, "-m", "simulator", "dashboard", "--port", str(port),
                                    *options], stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    served = Served(process, port, log)
    served.wait_for_port()
    return served
