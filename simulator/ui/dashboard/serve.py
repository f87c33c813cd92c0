"""Serving the dashboard notebook with Voila on this machine only (127.0.0.1).

Voila runs the notebook in a fresh kernel for each page load and shows its
widgets without the code. Settings that must be numbers or secrets go in a
``voila.json`` that Voila reads from the temporary folder it starts in (a
folder only this user can read):

- the websocket limit, raised so that a portfolio of up to
  :data:`~simulator.ui.dashboard.inputs.MAX_UPLOAD_BYTES` can be uploaded
  (Tornado's default is 10 MB);
- kernel culling: a page load that never connects (``curl``) or a closed tab
  leaves a kernel with its worker processes (about 500 MB); once no browser is
  connected and the kernel has been quiet for :data:`CULL_IDLE_S` seconds it is
  shut down, and its workers with it;
- the optional access token, which never appears on a command line that any
  user of the machine can read with ``ps``.

The page uses the ``tablero`` template (``jupyter/voila/templates``), Voila's
``lab`` template without the icon font from a CDN, so it works offline.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path

from simulator.paths import PROJECT_ROOT
from simulator.terminal import INTERRUPTED
from simulator.ui.dashboard.inputs import MAX_UPLOAD_BYTES

__all__ = ["CULL_IDLE_S", "CULL_INTERVAL_S", "DEFAULT_PORT", "NOTEBOOK", "dashboard_url",
           "serve", "voila_command", "write_voila_config"]

DEFAULT_PORT = 8866
NOTEBOOK = PROJECT_ROOT / "notebooks" / "tablero_gerencial.ipynb"
#: Seconds a kernel with no browser connected may stay quiet before it is shut down.
CULL_IDLE_S = 30
#: Seconds between two checks for such kernels.
CULL_INTERVAL_S = 5
#: The uploaded file travels in one websocket message, with the widget's message around it.
_WEBSOCKET_BYTES = MAX_UPLOAD_BYTES + 4 * 2**20
#: Holds ``voila/templates/tablero``; given to Voila as a Jupyter data folder.
_TEMPLATES = Path(__file__).parent / "jupyter"
#: Seconds Voila gets to shut its kernels down before it is killed.
_STOP_S = 30


def voila_command(port: int) -> list[str]:
    """The ``voila`` command line: one fixed port (no retries), loopback only, warnings and errors only.

    Voila never opens the browser itself: :func:`serve` does, with the token in the address.
    """
    return [sys.executable, "-m", "voila", str(NOTEBOOK), f"--port={port}", "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0", "--no-browser", "--Voila.log_level=WARN"]


def write_voila_config(folder: Path, token: str | None = None) -> Path:
    """``voila.json`` in ``folder``, which Voila reads when started there; ``token`` None: no token."""
    path = Path(folder) / "voila.json"
    voila = {"tornado_settings": {"websocket_max_message_size": _WEBSOCKET_BYTES}}
    if token is not None:
        voila["token"] = token
    settings = {
        "Voila": voila,
        "VoilaConfiguration": {"template": "tablero", "show_tracebacks": False},
        "MappingKernelManager": {"cull_idle_timeout": CULL_IDLE_S, "cull_interval": CULL_INTERVAL_S,
                                 "cull_connected": False},
    }
    path.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    return path


def dashboard_url(port: int, token: str | None = None) -> str:
    """The address to open: with ``?token=...`` when the dashboard asks for one."""
    return f"http://127.0.0.1:{port}/" + (f"?token={token}" if token else "")


def serve(port: int | None = None, *, token: bool = False) -> int:
    """Serve until interrupted; opens the browser unless a port is given.

    Args:
        token: require a random token in the address (printed), for shared machines.

    Returns:
        Voila's status, 0 after SIGTERM, or :data:`~simulator.terminal.INTERRUPTED` after Ctrl+C.
    """
    open_browser, port = port is None, port or DEFAULT_PORT
    secret = secrets.token_urlsafe(24) if token else None
    url = dashboard_url(port, secret)
    print(f"Tablero en {url} (Ctrl+C para terminar)", file=sys.stderr, flush=True)
    signal.signal(signal.SIGTERM, _exit_on_terminate)  # so that Voila is stopped with this command
    with tempfile.TemporaryDirectory(prefix="tablero_voila_") as folder:
        write_voila_config(Path(folder), secret)
        voila = subprocess.Popen(voila_command(port), cwd=folder, env=_voila_environment())
        try:
            if open_browser:
                threading.Thread(target=_open_when_ready, args=(port, url, voila), daemon=True).start()
            return voila.wait()
        except KeyboardInterrupt:
            _stop(voila)
            print("Tablero detenido (Ctrl+C): se cerraron las sesiones abiertas.", file=sys.stderr)
            return INTERRUPTED
        except SystemExit:
            _stop(voila)
            return 0


def _voila_environment() -> dict[str, str]:
    """This environment with the ``tablero`` template's folder first among Jupyter's data folders."""
    folders = [str(_TEMPLATES), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {**os.environ, "JUPYTER_PATH": os.pathsep.join(folders)}


def _stop(voila: subprocess.Popen) -> None:
    """Stop Voila, which shuts its kernels (and their workers) down; kill it if it hangs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not leave Voila half-stopped
    voila.terminate()
    try:
        voila.wait(_STOP_S)
    except subprocess.TimeoutExpired:
        voila.kill()
        voila.wait()


def _open_when_ready(port: int, url: str, voila: subprocess.Popen) -> None:
    while voila.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                webbrowser.open(url)
                return
        time.sleep(0.2)


def _exit_on_terminate(_signal: int, _frame) -> None:
    raise SystemExit(0)
