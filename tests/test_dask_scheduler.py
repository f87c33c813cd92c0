"""A Dask scheduler address someone typed: malformed, silent or not Dask, always a Spanish line.

Before: a listener that accepts and never answers held the run for good, an
HTTP reply crashed with a 3 EiB ``_ArrayMemoryError`` and ``not a scheduler::``
gave a ``ValueError`` traceback.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from contextlib import contextmanager

import pytest

from simulator.cli.main import main
from simulator.errors import BackendError
from simulator.experiments import dask_scheduler
from simulator.experiments.backends import map_replications
from simulator.experiments.dask_scheduler import check_address
from simulator.ui.dashboard import JobState, TableroApp

pytest.importorskip("distributed")

RUN = ["run", "--portfolio", "datasets/portfolios/demo.csv", "--strategy",
       "datasets/strategies/escalonada.yaml", "--days", "5", "--replications", "2", "--backend", "dask"]
HTTP_REPLY = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@contextmanager
def _listener(reply: bytes | None):
    """A local server that accepts and then sends ``reply`` (or stays silent); yields its address."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)  # so the thread notices the end of the test
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            accepted.append(connection)
            if reply is not None:
                connection.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        server.close()
        for connection in accepted:
            connection.close()


@pytest.fixture()
def quick(monkeypatch):
    """A one-second deadline, so a silent listener fails in two seconds, not twenty."""
    monkeypatch.setattr(dask_scheduler, "CONNECT_TIMEOUT_S", 1)


@pytest.mark.parametrize(("address", "why"), [
    ("not a scheduler::", "falta el puerto"),
    ("tcp://10.0.0.5", "falta el puerto"),
    ("tcp://10.0.0.5:99999", "entre 1 y 65535"),
    ("tcp://10.0.0.5:ochenta", "entre 1 y 65535"),
    ("http://10.0.0.5:8786", "el protocolo 'http' no se admite"),
    ("tcp://mi servidor:8786", "no es un nombre de servidor ni una IP"),
    ("tcp://:8786", "falta el puerto"),
])
def test_a_malformed_address_is_refused_before_dialling(address, why):
    with pytest.raises(BackendError, match=why) as caught:
        check_address(address)
    assert "tcp://SERVIDOR:PUERTO" in str(caught.value)


def test_a_bare_host_and_port_is_dask_tcp():
    assert check_address(" 10.0.0.5:8786 ") == "tcp://10.0.0.5:8786"
    assert check_address("tls://planificador.empresa.mx:08786") == "tls://planificador.empresa.mx:8786"
    assert check_address("[::1]:8786") == "tcp://[::1]:8786"


def test_tls_without_certificates_says_what_is_missing():
    with pytest.raises(BackendError, match="faltan los certificados del cliente"):
        map_replications(abs, [1, 2], backend="dask", scheduler="tls://127.0.0.1:8786")


def test_a_silent_listener_is_reported_within_the_deadline(quick):
    with _listener(None) as address, pytest.raises(BackendError, match="no respondió en 2 s"):
        map_replications(abs, [1, 2], backend="dask", scheduler=address)


@pytest.mark.parametrize("reply", [HTTP_REPLY, b"SSH-2.0-OpenSSH_9.6\r\n", b"\x02" + bytes(15) + b"\x01"],
                         ids=["http", "ssh", "marcos-cortos"])
def test_a_server_that_is_not_dask_is_not_taken_for_a_scheduler(reply):
    with _listener(reply) as address, pytest.raises(BackendError, match="no es un planificador Dask"):
        map_replications(abs, [1, 2], backend="dask", scheduler=address)


@pytest.mark.slow
def test_the_cli_says_one_spanish_line_and_exits_2(cli, quick, capsys):
    with _listener(HTTP_REPLY) as address:
        done = cli(*RUN, "--scheduler", address, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: lo que escucha en")
    malformed = cli(*RUN, "--scheduler", "not a scheduler::", timeout=120)
    assert malformed.returncode == 2 and "Traceback" not in malformed.stderr
    assert "error: la dirección del planificador Dask 'not a scheduler::' no es válida" in malformed.stderr
    with _listener(None) as address:  # in this process, so the one-second deadline applies
        assert main([*RUN, "--scheduler", address]) == 2
    assert "no respondió en 2 s" in capsys.readouterr().err


def test_the_dashboard_run_shows_the_message(quick):
    page = TableroApp()
    page.days.value, page.replications.value, page.workers.value, page.precision.value = 5, 2, 1, 0.0
    with _listener(None) as address:
        page.scheduler.value = address
        page.run_button.click()
        assert page.job.wait(60) and page.job.state == JobState.FAILED
    assert "no respondió en 2 s" in page.status.value


def test_a_notebook_with_a_running_event_loop_gets_the_same_message(quick):
    async def cell():  # a Jupyter cell runs while the kernel's event loop runs
        map_replications(abs, [1, 2], backend="dask", scheduler=address)

    with _listener(None) as address, pytest.raises(BackendError, match="no respondió en 2 s"):
        asyncio.run(cell())
