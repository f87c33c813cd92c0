"""The README's first command, `make start`, serves the course on loopback."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from simulator.paths import PROJECT_ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nada escucha en 127.0.0.1:{port}")


@pytest.mark.skipif(shutil.which("make") is None, reason="make no está instalado")
def test_make_start_serves_jupyterlab_on_loopback():
    port = _free_port()
    env = {**os.environ, "NO_BROWSER": "1", "PORT": str(port)}
    server = subprocess.Popen(["make", "start"], cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            if f"http://127.0.0.1:{port}/lab?token=" in line:
                url = line.strip().split()[-1]
        assert url is not None, "JupyterLab no publicó su dirección"
        assert url.startswith(f"http://127.0.0.1:{port}/")  # loopback only
        _wait_for_port(port, deadline)
        with urllib.request.urlopen(url, timeout=30) as response:
            page = response.read().decode("utf-8", "replace")
        assert response.status == 200 and "JupyterLab" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
