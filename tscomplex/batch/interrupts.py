"""One way to stop: SIGINT, SIGTERM and SIGHUP become :class:`Interrupted`, raised in the main thread.

The command line installs the handlers (:func:`install`); library users who
never call it keep Python's usual behaviour. Three tools keep a stop clean:

- :func:`deferred`: a block (writing one input's records, renaming a file)
  that a signal must not cut in half; the signal is raised when it ends.
- :func:`interruptible`: a long numba kernel runs on a helper thread (it
  releases the GIL) while the main thread waits and can react at once. A
  signal that lands inside compiled code otherwise surfaces as a crash
  ("returned a result with an exception set") or a segfault.
- :func:`worker_setup`: worker processes leave signals to their parent and
  die with it, even when it is killed with SIGKILL.

Exit codes follow the shell: 128 + the signal number (130 for Ctrl-C, 143
for SIGTERM, 129 for SIGHUP). A closed stdout pipe is not an interruption:
commands stop quietly with exit status 0.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

SIGNALS = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                if s is not None)


class Interrupted(KeyboardInterrupt):
    """A stop asked for by a signal. A KeyboardInterrupt, so every ``except KeyboardInterrupt`` also sees it."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signum)
        self.signum = int(signum)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"


def exit_code(exc: BaseException | None) -> int:
    """The exit status for an interruption: 128 + its signal, 130 for a plain KeyboardInterrupt."""
    return exc.exit_code if isinstance(exc, Interrupted) else 128 + signal.SIGINT


_state = {"installed": False, "defer": 0, "pending": None, "stopping": False, "handled": False}

#: Seconds after which a signal whose Interrupted nobody caught is delivered again (see _redeliver).
REDELIVER_AFTER = 0.5


def _handler(signum, frame):
    if _state["handled"]:  # already on the way out: a second Ctrl-C must not cut the clean-up short
        return
    if _state["defer"]:
        if _state["pending"] is None:
            _state["pending"] = signum
        return
    if not _state["stopping"]:
        _state["stopping"] = True
        threading.Thread(target=_redeliver, args=(signum,), name="tscomplex-redeliver", daemon=True).start()
    if _swallowed_here(frame):
        return  # raised here, it would be printed and dropped; _redeliver sends it again in a moment
    raise Interrupted(signum)


def _swallowed_here(frame) -> bool:
    """Whether an exception raised in ``frame`` would be dropped: numba's JIT calls back into llvmlite through
    ctypes, and exceptions in ctypes callbacks and ``__del__`` methods are printed and ignored."""
    return frame is not None and ("llvmlite" in frame.f_code.co_filename or frame.f_code.co_name == "__del__")


def _redeliver(signum: int) -> None:
    """Send the signal to the main thread again until its Interrupted is caught (:func:`acknowledge`).

    Python runs a signal handler at the next bytecode of the main thread,
    which can be inside a callback whose exceptions are printed and dropped
    (a ctypes callback of numba's JIT, a ``__del__``): the stop would be lost
    and the run would go on to the end.
    """
    import time

    main = threading.main_thread()
    for _ in range(40):
        time.sleep(REDELIVER_AFTER)
        if _state["handled"] or not main.is_alive():
            return
        try:
            signal.pthread_kill(main.ident, signum)
        except (OSError, ValueError, AttributeError):
            return


def acknowledge() -> None:
    """The Interrupted has reached code that stops the run: no more raising, no more redelivery."""
    _state["handled"] = True


def install() -> dict:
    """Turn SIGINT, SIGTERM and SIGHUP into :class:`Interrupted` in this process (main thread only).

    Returns the handlers it replaced, for :func:`settle`.
    """
    if threading.current_thread() is not threading.main_thread():
        return {}
    _state.update(installed=True, defer=0, pending=None, stopping=False, handled=False)
    return {signum: signal.signal(signum, _handler) for signum in SIGNALS}


def settle(previous: dict, exiting: bool) -> None:
    """The command is over: ``exiting`` (the process ends now) ignores these signals from here on, else the
    ``previous`` handlers come back (an in-process call, as from a test).

    Python restores the default action of every signal that has a Python handler while it shuts down, so a
    signal that lands then would kill the process and replace the exit status already decided; ignored
    signals stay ignored.
    """
    if not previous:
        return
    _state.update(installed=False, handled=True)  # also ends any redelivery
    for signum, handler in previous.items():
        signal.signal(signum, signal.SIG_IGN if exiting else handler)


def installed() -> bool:
    return _state["installed"]


@contextlib.contextmanager
def deferred():
    """Hold signals while the block runs; raise the first one that arrived when it ends."""
    if not _state["installed"] or threading.current_thread() is not threading.main_thread():
        yield
        return
    _state["defer"] += 1
    try:
        yield
    finally:
        _state["defer"] -= 1
        if not _state["defer"] and _state["pending"] is not None and not _state["handled"]:
            signum, _state["pending"] = _state["pending"], None
            _state["stopping"] = True
            raise Interrupted(signum)


def interruptible(func, *args):
    """``func(*args)``, run so that a signal stops the command at once.

    With the handlers installed and in the main thread, ``func`` (a numba
    kernel compiled with ``nogil=True``) runs on a daemon thread and the main
    thread waits in short, interruptible slices; on a signal the kernel is
    abandoned (the process is about to exit) and :class:`Interrupted` is
    raised. Anywhere else (library use, worker processes) it is a plain call.
    """
    if not _state["installed"] or threading.current_thread() is not threading.main_thread():
        return func(*args)
    box = {}

    def target():
        try:
            box["result"] = func(*args)
        except BaseException as exc:  # handed to the main thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="tscomplex-kernel", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except KeyboardInterrupt:
        acknowledge()  # the kernel is abandoned; the process is about to exit
        raise
    if "error" in box:
        raise box["error"]
    return box["result"]


# --------------------------------------------------------------------------- worker processes


def _parent_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies (prctl PR_SET_PDEATHSIG). False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, interval: float) -> None:
    import time

    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)


def worker_setup(parent: int | None = None, interval: float = 0.5) -> None:
    """Initializer of a worker process: signals go to the parent, and the worker dies with it.

    SIGINT is ignored (Ctrl-C reaches the whole process group; the parent
    decides and terminates the workers), SIGTERM and SIGHUP kill at once
    (a worker may be deep in compiled code). The parent-death signal covers
    a parent killed with SIGKILL on Linux; a watchdog thread that polls the
    parent's pid covers the rest (and the moment before prctl took effect).
    """
    _state.update(installed=False, defer=0, pending=None, stopping=False, handled=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in SIGNALS[1:]:
        signal.signal(signum, signal.SIG_DFL)
    if parent is None:
        parent = os.getppid()
    _parent_death_signal()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGKILL)
    threading.Thread(target=_watch_parent, args=(parent, interval), name="tscomplex-watchdog",
                     daemon=True).start()
