"""Reaching a Dask scheduler someone typed: a checked address and a bounded handshake.

``distributed.Client`` bounds the TCP connection but not the handshake that
follows, so a listener that accepts and never answers holds it for good, and
an HTTP server's reply is read as a message length of exabytes. A short probe
with its own deadline says first, in Spanish, whether a scheduler answers.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import struct
from concurrent.futures import ThreadPoolExecutor

from simulator.errors import BackendError

__all__ = ["CONNECT_TIMEOUT_S", "check_address", "probe"]

#: Seconds to open the connection and then again to hear the scheduler's greeting.
CONNECT_TIMEOUT_S = 10

_SCHEMES = ("tcp", "tls")
_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
#: What the handshake raises on bytes that are not Dask's frames (seen with HTTP, SSH, random bytes):
#: a frame length of exabytes, a short header, an undecodable or non-mapping greeting.
_NOT_DASK = (MemoryError, struct.error, ValueError, TypeError, KeyError, AttributeError)
_EXAMPLE = "se espera tcp://SERVIDOR:PUERTO, p. ej. tcp://10.0.0.5:8786"


def check_address(address: str) -> str:
    """The address in Dask's form (``tcp://`` added when missing).

    Raises:
        BackendError: naming what is wrong, before anything is dialled.
    """
    text = address.strip()
    scheme, separator, location = text.partition("://")
    if not separator:
        scheme, location = "tcp", text
    host, colon, port = location.rpartition(":")
    if scheme not in _SCHEMES:
        _refuse(address, f"el protocolo {scheme!r} no se admite (use tcp:// o tls://)")
    if not colon or not host or not port:
        _refuse(address, "falta el puerto")
    if not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        _refuse(address, f"el puerto {port!r} debe ser un número entre 1 y 65535")
    if not _valid_host(host):
        _refuse(address, f"{host!r} no es un nombre de servidor ni una IP")
    return f"{scheme}://{host}:{int(port)}"


def probe(address: str, timeout_s: float = CONNECT_TIMEOUT_S) -> None:
    """Connect to ``address`` within ``timeout_s``, then hear the scheduler's greeting by ``2 * timeout_s``.

    Raises:
        BackendError: nobody listens, nobody answers, or the answer is not Dask's.
    """
    from distributed import Security

    arguments = Security().get_connection_args("client")  # TLS settings, as Client reads them
    if address.startswith("tls://") and arguments.get("ssl_context") is None:
        raise BackendError(f"para {address!r} (tls://) faltan los certificados del cliente en la "
                           "configuración de Dask (distributed.comm.tls: ca-file y client)")
    try:
        # A thread of its own, so a caller inside a running event loop (a notebook) can probe too.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, _greet(address, timeout_s, arguments)).result()
    except TimeoutError:
        raise BackendError(f"el planificador Dask {address!r} no respondió en {2 * timeout_s:g} s; "
                           "revise que la dirección y el puerto sean los del planificador "
                           "(dask scheduler), no los de su tablero web") from None
    except OSError:
        raise BackendError(f"no se pudo conectar con el planificador Dask {address!r} en {timeout_s:g} s; "
                           "revise que esté corriendo y que el servidor y el puerto sean correctos") from None
    except _NOT_DASK as error:
        raise BackendError(f"lo que escucha en {address!r} no es un planificador Dask (respondió otro "
                           f"protocolo: {type(error).__name__}); ¿es el puerto del tablero web "
                           "(8787) en lugar del planificador (8786)?") from None


async def _greet(address: str, timeout_s: float, arguments: dict) -> None:
    from distributed.comm import connect

    comm = await asyncio.wait_for(connect(address, timeout=timeout_s, **arguments), 2 * timeout_s)
    await comm.close()


def _valid_host(host: str) -> bool:
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOST.match(host))


def _refuse(address: str, why: str) -> None:
    raise BackendError(f"la dirección del planificador Dask {address!r} no es válida: {why}; {_EXAMPLE}")
