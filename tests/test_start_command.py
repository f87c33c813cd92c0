"""The README's first command, `make start`: a checked Python, then the course in Spanish on loopback.

The set-up tests stub pip through ``PIP_INSTALL`` so that they check the Makefile's
steps in seconds; one test runs the real pip to see that its notices stay hidden.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from simulator.paths import PROJECT_ROOT

pytestmark = [pytest.mark.skipif(shutil.which("make") is None, reason="make no está instalado"),
              pytest.mark.slow]
NOTEBOOK = "notebooks/00_bienvenida.ipynb"


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


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_make_start_opens_notebook_00_at_the_repository_root_in_spanish():
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
            if f"http://127.0.0.1:{port}/" in line and "token=" in line:
                url = line.strip().split()[-1]
        assert url is not None, "JupyterLab no publicó su dirección"
        base = f"http://127.0.0.1:{port}"
        assert url.startswith(f"{base}/lab/tree/{NOTEBOOK}?token=")  # loopback, and notebook 00
        token = url.rsplit("token=", 1)[1]
        _wait_for_port(port, deadline)
        with urllib.request.urlopen(url, timeout=30) as response:
            page = response.read().decode("utf-8", "replace")
        assert response.status == 200 and "JupyterLab" in page
        assert f'"treePath": "{NOTEBOOK}"' in page  # the page opens the notebook, not the Launcher
        for folder in ("exercises", "docs", "datasets", "notebooks"):  # what notebook 00 sends them to
            assert _get(f"{base}/api/contents/{folder}", token)["type"] == "directory"
        language = _get(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin", token)
        assert language["schema"]["properties"]["locale"]["default"] == "es_ES"
        news = _get(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification", token)
        assert news["schema"]["properties"]["fetchNews"]["default"] == "false"
        assert news["schema"]["properties"]["checkForUpdates"]["default"] is False
        assert "es_ES" in _get(f"{base}/lab/api/translations/", token)["data"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _make(*args: str, path: str | None = None, **env_vars: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path or os.environ["PATH"], **env_vars}
    env.pop("VENV", None)
    return subprocess.run(["make", "-s", *args], cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300)


def _fake_python(path, script: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)


def test_an_older_python_is_refused_before_a_venv_is_made(tmp_path):
    _fake_python(tmp_path / "bin" / "python", "echo 3.10.12; exit 1")  # what NEEDS_311 sees in 3.10
    venv = tmp_path / ".venv"
    done = _make("setup", "PYTHON=python", f"VENV={venv}", "PIP_INSTALL=echo instalar",
                 path=f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    assert done.returncode != 0 and not venv.exists()
    assert ("Se necesita Python 3.11 o más nuevo; 'python' es Python 3.10.12. "
            "Indique otro: make start PYTHON=python3.12") in done.stdout
    missing = _make("setup", "PYTHON=python3.99-no-existe", f"VENV={venv}", "PIP_INSTALL=echo instalar")
    assert missing.returncode != 0 and not venv.exists()
    assert "No se encontró Python en 'python3.99-no-existe'" in missing.stdout


@pytest.mark.parametrize("script", ["exit 1", "echo 3.10.12; exit 1"], ids=["dañado", "python-3.10"])
def test_a_broken_or_old_venv_is_made_again(tmp_path, script):
    venv = tmp_path / ".venv"
    _fake_python(venv / "bin" / "python", script)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.10.12\n", encoding="utf-8")
    (venv / ".installed").touch()  # a stamp from the old venv must not skip the install
    done = _make("setup", f"PYTHON={sys.executable}", f"VENV={venv}", "PIP_INSTALL=echo instalar")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"El entorno {venv} está dañado o tiene un Python anterior a 3.11" in done.stdout
    assert "instalar -e ." in done.stdout
    version = subprocess.run([venv / "bin" / "python", "-c",
                              "import sys; print(sys.version_info >= (3, 11))"],
                             capture_output=True, text=True, check=True)
    assert version.stdout.strip() == "True"
    again = _make("setup", f"PYTHON={sys.executable}", f"VENV={venv}", "PIP_INSTALL=echo instalar")
    assert again.returncode == 0 and again.stdout == ""  # a healthy venv is kept as it is


def test_a_venv_that_cannot_be_made_is_not_left_half_made(tmp_path):
    # Debian's python3.11 without python3.11-venv: the folder appears, then ensurepip fails.
    python = tmp_path / "bin" / "python3.11"
    _fake_python(python, 'case "$1" in -c) echo 3.11.2;; *) mkdir -p "$3/bin"; '
                         'echo "The virtual environment was not created successfully" >&2; exit 1;; esac')
    venv = tmp_path / ".venv"
    done = _make("setup", f"PYTHON={python}", f"VENV={venv}", "PIP_INSTALL=echo instalar")
    assert done.returncode != 0 and not venv.exists()
    assert "En Debian o Ubuntu suele faltar el paquete python3-venv" in done.stdout


def test_a_folder_that_is_not_a_venv_is_never_deleted(tmp_path):
    folder = tmp_path / "datos"
    (folder / "bin").mkdir(parents=True)
    (folder / "importante.csv").write_text("a,b\n", encoding="utf-8")
    done = _make("setup", f"PYTHON={sys.executable}", f"VENV={folder}", "PIP_INSTALL=echo instalar")
    assert done.returncode != 0 and (folder / "importante.csv").exists()
    assert f"{folder} existe pero no es un entorno virtual (no tiene pyvenv.cfg); no se borra" in done.stdout


def test_installs_hide_pips_notices_but_the_install_happens(tmp_path):
    venv = tmp_path / ".venv"
    # The Makefile's own pip command; only this package, not its dependencies (PIP_NO_DEPS).
    done = _make("setup", f"PYTHON={sys.executable}", f"VENV={venv}", PIP_NO_DEPS="1")
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "BuildBackendWarning" not in output and "Editable installation" not in output
    assert "A new release of pip" not in output and "as the 'root' user" not in output
    shown = subprocess.run([venv / "bin" / "python", "-m", "pip", "show", "cobranza"],
                           capture_output=True, text=True)
    assert shown.returncode == 0 and "Name: cobranza" in shown.stdout
