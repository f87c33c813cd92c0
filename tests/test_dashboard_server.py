"""``python -m simulator dashboard`` as a server: closed pages free their memory, the token, Ctrl+C.

Each page load starts a kernel and its worker processes (about half a GB);
these tests load the page as a manager and as a script would and check that
nothing is left behind. They need Debian's ``chromium`` (see
``test_dashboard_browser.py``).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import time
import urllib.parse

import pytest
from served_dashboard import CHROMIUM, CHROMIUM_ARGS, Served, need_chromium, start

from simulator.terminal import INTERRUPTED
from simulator.ui.dashboard.serve import CULL_IDLE_S, CULL_INTERVAL_S

pytestmark = pytest.mark.slow

LOADS = 5
#: Growth of the server's own memory allowed after the pages are gone (caches, templates).
RSS_TOLERANCE_MB = 120
#: Time for the last kernel to be noticed idle and shut down, with room for a busy machine.
SETTLE_S = CULL_IDLE_S + 2 * CULL_INTERVAL_S + 20


def _get(served: Served, target: str = "/") -> tuple[int, str]:
    """Status and body of one plain GET, redirects not followed (what ``curl`` does)."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=120)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _settle(served: Served, baseline: tuple[int, float]) -> tuple[int, float]:
    """Usage once back to ``baseline`` (same processes, memory within the tolerance) or after SETTLE_S."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        usage = served.usage()
        back = usage[0] <= baseline[0] and usage[1] <= baseline[1] + RSS_TOLERANCE_MB
        if back or time.monotonic() > deadline:
            return usage
        time.sleep(2)


@pytest.fixture()
def served(tmp_path):
    need_chromium()
    server = start(tmp_path)
    yield server
    server.stop()


def test_closed_pages_and_plain_gets_leave_no_kernel_nor_worker_behind(served):
    from playwright.sync_api import sync_playwright

    time.sleep(2)  # Voila settles after opening its port
    baseline = served.usage()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for load in range(LOADS):
            tab = browser.new_page()
            tab.goto(served.url)
            tab.locator(".tablero-ejecutar").wait_for(timeout=120_000)
            served.alive()  # remember the kernel and its workers
            tab.close(run_before_unload=load % 2 == 0)  # with and without the page's own goodbye
        browser.close()
    status, _ = _get(served)
    assert status == 200
    loaded, closed = served.usage(), time.monotonic()
    settled = _settle(served, baseline)
    print(f"\nprocesos y MB residentes: en reposo {baseline}, tras {LOADS} páginas y un GET {loaded}, "
          f"{time.monotonic() - closed:.0f} s después {settled}")
    assert loaded[0] > baseline[0]  # the pages did start kernels: the measure sees them
    assert settled[0] == baseline[0], [process.cmdline()[:3] for process in served.alive()]
    assert settled[1] <= baseline[1] + RSS_TOLERANCE_MB


def test_with_a_token_the_page_is_refused_without_it_and_served_with_it(tmp_path):
    served = start(tmp_path, "--token")
    try:
        printed = re.search(r"Tablero en (http://127\.0\.0\.1:\d+/\?token=([\w-]+)) ", served.output())
        assert printed, served.output()
        token = printed.group(2)
        assert len(token) >= 24 and token not in " ".join(served.process.args)
        idle = served.usage()[0]
        for target in ("/", "/?token=no-es-la-clave"):
            status, body = _get(served, target)
            assert status in (302, 403) and "jupyter-config-data" not in body, target
        assert served.usage()[0] == idle  # refused before any kernel started
        status, body = _get(served, "/?" + urllib.parse.urlencode({"token": token}))
        assert status == 200 and "jupyter-config-data" in body
        assert not re.search(r"""(href|src)=["']https?://""", body)  # nothing loaded off this machine
    finally:
        served.stop()


def test_ctrl_c_stops_voila_its_kernels_and_workers_with_one_spanish_line(served):
    status, _ = _get(served)  # a kernel and its workers to stop
    assert status == 200
    assert served.usage()[0] > 2
    os.killpg(served.process.pid, signal.SIGINT)  # Ctrl+C in a terminal: the command and Voila
    assert served.process.wait(60) == INTERRUPTED
    deadline = time.monotonic() + 15
    while served.alive() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert served.alive() == []
    output = served.output()
    assert "Traceback" not in output and "KeyboardInterrupt" not in output, output
    assert output.strip().splitlines()[-1] == "Tablero detenido (Ctrl+C): se cerraron las sesiones abiertas."
