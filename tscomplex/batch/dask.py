"""Connecting to a Dask scheduler: the address checked first, the connection bounded by ``--dask-timeout``.

``distributed.Client`` waits without end on a port where something listens
but does not speak Dask, and reports a malformed address with a traceback.
:func:`check_address` refuses a malformed address as a wrong command line;
:func:`connect` gives up after ``timeout`` seconds with one line.
"""

from __future__ import annotations

import re
import threading

SCHEMES = ("tcp", "tls", "ucx", "ws", "wss", "inproc")
DEFAULT_TIMEOUT = 10.0
_ADDRESS = re.compile(r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*)://)?(?P<host>\[[0-9a-fA-F:.]+\]|[^:/\[\]\s]+)"
                      r"(?::(?P<port>\d{1,5}))?/?$")


class DaskConnectError(RuntimeError):
    """No scheduler could be reached (exit 1)."""


def check_address(address: str) -> str | None:
    """None for a usable scheduler address, else why it is not one."""
    match = _ADDRESS.match(address.strip())
    if not match:
        return f"{address!r} is not a scheduler address such as tcp://host:8786"
    scheme = match.group("scheme") or "tcp"
    if scheme not in SCHEMES:
        return f"{address!r}: unknown protocol {scheme!r}; use one of {', '.join(SCHEMES)}"
    if scheme != "inproc" and match.group("port") is None:
        return f"{address!r} has no port; for example tcp://host:8786"
    if match.group("port") is not None and not 0 < int(match.group("port")) < 65536:
        return f"{address!r}: port {match.group('port')} is out of range"
    if scheme in ("tls", "wss") and not _tls_configured():
        return (f"{address!r}: a {scheme}:// scheduler needs TLS settings in the Dask configuration "
                "(distributed.comm.tls.client.cert and key; see Dask's security documentation)")
    return None


def _tls_configured() -> bool:
    try:
        import dask.config
    except ImportError:  # --dask itself then says what to install
        return True
    return bool(dask.config.get("distributed.comm.tls.client.cert", None))


def connect(address: str, timeout: float = DEFAULT_TIMEOUT):
    """A ``distributed.Client`` for ``address``, or DaskConnectError after ``timeout`` seconds."""
    from distributed import Client

    outcome: dict = {}

    def attempt():
        try:
            outcome["client"] = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except BaseException as exc:  # reported below, in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=attempt, name="tscomplex-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    if "client" in outcome:
        return outcome["client"]
    if thread.is_alive() or isinstance(outcome.get("error"), (TimeoutError, OSError)):
        raise DaskConnectError(f"cannot connect to the Dask scheduler at {address}: no answer within "
                               f"{timeout:g} s (is it running, and is this its address? see --dask-timeout)")
    exc = outcome.get("error")
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    raise DaskConnectError(f"cannot connect to the Dask scheduler at {address} ({detail})")
