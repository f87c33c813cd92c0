"""`make curso`: the agent track served by Voila (code hidden) on the loopback only.

The command line is read with ``make -n`` (nothing runs, no server is left);
a slow test starts that same line and fetches one exercise page, and a browser
test answers an exercise on that page as an agent would: mark, press Revisar, read.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from served_dashboard import CHROMIUM, CHROMIUM_ARGS, need_chromium

from simulator.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make no está instalado")


def _voila_line(port: int, *extra: str) -> list[str]:
    """The Voila command `make curso` would run, with this interpreter's environment as the venv."""
    printed = subprocess.run(["make", "-n", "curso", f"COURSE_PORT={port}", f"VENV={sys.prefix}", *extra],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=True).stdout
    joined = printed.replace("\\\n", " ")
    lines = [line for line in joined.splitlines() if " -m voila " in line]
    assert len(lines) == 1, printed
    return shlex.split(lines[0])


def test_make_curso_serves_the_repository_with_voila_on_the_loopback_only():
    command = _voila_line(9999, "NO_BROWSER=1")
    assert command[:4] == [str(Path(sys.prefix) / "bin" / "python"), "-m", "voila", str(PROJECT_ROOT)]
    for flag in ("--port=9999", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--no-browser"):
        assert flag in command, flag
    assert not any(flag.startswith(("--ip=", "--Voila.ip=0", "--token")) for flag in command)
    assert "--no-browser" not in _voila_line(9999)  # without NO_BROWSER the browser opens


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def _served():
    """The course served by the `make curso` command line on a free port; its base address."""
    port = _free_port()
    server = subprocess.Popen(_voila_line(port, "NO_BROWSER=1"), cwd=PROJECT_ROOT, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                              env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert time.monotonic() < deadline and server.poll() is None, "Voila no abrió su puerto"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/voila/render"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.slow
def test_the_served_exercise_page_shows_no_code():
    with _served() as base:
        with urllib.request.urlopen(f"{base}/exercises/00_bienvenida.ipynb", timeout=60) as response:
            page = response.read().decode("utf-8", "replace")
    assert response.status == 200 and "Ejercicios de bienvenida" in page
    assert "get_exercise" not in page  # the cells' code is not sent to the page


@pytest.mark.browser
def test_an_agent_answers_an_exercise_in_the_served_page():
    need_chromium()
    from playwright.sync_api import sync_playwright

    with _served() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_default_timeout(90_000)
        tab.goto(f"{base}/exercises/01_fundamentos.ipynb")
        tab.get_by_text("31-60", exact=False).first.wait_for()
        assert tab.locator("text=get_exercise").count() == 0  # no code on the page
        tab.get_by_role("radio", name=re.compile(r"\) 31-60$")).check()
        tab.get_by_role("button", name="Revisar").first.click()
        tab.get_by_text("Correcto.").first.wait_for()
        field = tab.get_by_placeholder("un número, p. ej. 1,850 o 12.5")
        field.fill("0.15")
        tab.get_by_role("button", name="Revisar").nth(1).click()
        tab.get_by_text("Todavía no.").first.wait_for()
        browser.close()
