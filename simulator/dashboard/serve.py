"""Serving the dashboard notebook with Voila on this machine only (127.0.0.1).

Voila runs the notebook in a fresh kernel for each visitor and shows its
widgets without the code. The websocket limit is raised so that a portfolio of
up to :data:`~simulator.dashboard.inputs.MAX_UPLOAD_BYTES` can be uploaded
(Tornado's default is 10 MB); that setting must be a number, which only a
config file can give, so Voila starts in a temporary folder holding its
``voila.json``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from simulator.dashboard.inputs import MAX_UPLOAD_BYTES
from simulator.paths import PROJECT_ROOT

__all__ = ["DEFAULT_PORT", "NOTEBOOK", "serve", "voila_command", "write_voila_config"]

DEFAULT_PORT = 8866
NOTEBOOK = PROJECT_ROOT / "notebooks" / "tablero_gerencial.ipynb"
#: The uploaded file travels in one websocket message, with the widget's message around it.
_WEBSOCKET_BYTES = MAX_UPLOAD_BYTES + 4 * 2**20


def voila_command(port: int, *, open_browser: bool) -> list[str]:
    """The ``voila`` command line; one fixed port (no retries), loopback only, no tracebacks in the page."""
    command = [sys.executable, "-m", "voila", str(NOTEBOOK), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--Voila.port_retries=0", "--VoilaConfiguration.show_tracebacks=False"]
    if not open_browser:
        command.append("--no-browser")
    return command


def write_voila_config(folder: Path) -> Path:
    """``voila.json`` in ``folder``, which Voila reads when started there."""
    path = Path(folder) / "voila.json"
    settings = {"Voila": {"tornado_settings": {"websocket_max_message_size": _WEBSOCKET_BYTES}}}
    path.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    return path


def serve(port: int | None = None) -> int:
    """Serve until interrupted; opens the browser unless a port is given. Returns voila's status."""
    command = voila_command(port or DEFAULT_PORT, open_browser=port is None)
    print(f"Tablero en http://127.0.0.1:{port or DEFAULT_PORT}/ (Ctrl+C para terminar)", file=sys.stderr)
    signal.signal(signal.SIGTERM, _exit_on_terminate)  # so that Voila is stopped with this command
    with tempfile.TemporaryDirectory(prefix="tablero_voila_") as folder:
        write_voila_config(Path(folder))
        voila = subprocess.Popen(command, cwd=folder)
        try:
            return voila.wait()
        except (KeyboardInterrupt, SystemExit):
            voila.terminate()
            voila.wait()
            return 0


def _exit_on_terminate(_signal: int, _frame) -> None:
    raise SystemExit(0)
