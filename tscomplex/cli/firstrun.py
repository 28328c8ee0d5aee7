"""The one-time note that numba is compiling the kernels: the first run after install is slow, and says why.

numba caches compiled kernels (``cache=True``) in an index file per function.
When none of the kernels a command uses has one yet, the run about to start
compiles them, which takes seconds to a minute; the note says so once, on
stderr, when the compiling starts (or, for work sent to worker processes,
just before it is sent). Later runs load the cache and print nothing.
"""

from __future__ import annotations

import importlib
import os

import click

#: The modules or packages (every module in them) whose kernels each command compiles (a command not named
#: here compiles none of its own).
KERNEL_MODULES = {
    "analyze": ("tscomplex.ordinal", "tscomplex.plane"),
    "plane": ("tscomplex.ordinal", "tscomplex.plane"),
    "sweep": ("tscomplex.ordinal", "tscomplex.plane"),
    "patch": ("tscomplex.patching",),
    "lyapunov": ("tscomplex.embedding", "tscomplex.lyapunov", "tscomplex.systems.integrators"),
    "simulate": ("tscomplex.systems.integrators",),
}

NOTE = ("tscomplex: note: compiling the numerical kernels for their first use (this run takes longer; "
        "later runs load them from numba's cache)")

_said = False


def cache_index_paths(modules) -> list[str]:
    """The numba cache index file of every cached kernel in ``modules`` (whether it exists or not)."""
    from numba.core.registry import CPUDispatcher

    paths = []
    for module in _modules(modules):
        for value in vars(module).values():
            index = _index_path(value) if isinstance(value, CPUDispatcher) else None
            if index:
                paths.append(index)
    return paths


def _index_path(dispatcher) -> str | None:
    """Where numba keeps the cache index of a ``cache=True`` kernel (None for a kernel it does not cache)."""
    return getattr(getattr(getattr(dispatcher, "_cache", None), "_cache_file", None), "_index_path", None)


def _modules(names):
    """The modules named, and every module inside those that are packages."""
    import pkgutil

    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            try:
                yield importlib.import_module(f"{name}.{info.name}")
            except ImportError:
                continue


def kernels_compiled(modules) -> bool:
    """True when at least one kernel of ``modules`` is already in numba's cache (or there is nothing to cache)."""
    paths = cache_index_paths(modules)
    return not paths or any(os.path.exists(p) for p in paths)


def note_first_compile(command: str | None, now: bool = False) -> None:
    """Print :data:`NOTE` once per process when ``command``'s kernels have never been compiled.

    With ``now`` the note is printed at once (the work is about to go to worker processes, which compile
    there); otherwise when this process starts its first compilation, so that a command line refused
    before any work prints its one error line and nothing else.
    """
    modules = KERNEL_MODULES.get(command or "")
    if _said or not modules or os.environ.get("NUMBA_DISABLE_JIT") == "1":
        return
    try:
        if not now:  # this process compiles: the note comes with numba's first compile event, if any
            _listen()
            return
        if kernels_compiled(modules):
            return
    except Exception:  # a note is not worth failing a run for
        return
    _say()


def _say() -> None:
    global _said
    if not _said:
        _said = True
        click.echo(NOTE, err=True)


_listening = False


def _listen() -> None:
    """Say the note when numba starts compiling in this process (a kernel loaded from the cache is silent)."""
    global _listening
    if _listening:
        return
    from numba.core import event

    class FirstCompile(event.Listener):
        def on_start(self, ev):
            _say()

        def on_end(self, ev):
            pass

    event.register("numba:compile", FirstCompile())
    _listening = True


#: The warm-up processes forked, and the group this process compiles itself (see start_warm_up).
_forked: list[int] = []
_own_group: list = []


def start_warm_up(command: str | None, jobs: int, integrates: bool = False) -> int:
    """Compile ``command``'s kernels side by side: a forked process per warm-up group not yet in the cache.

    The first run after install compiles its kernels one after the other on one
    core; the groups of :data:`tscomplex._warm.GROUPS` split them, so with two
    or more cores (``jobs``, which ``--jobs 1`` makes 1: then nothing is
    forked) they compile in parallel while this process goes on (reading its
    inputs, integrating a ``--system``). The last group is kept for this
    process (a third process on two cores was no faster, even while this one
    integrates a ``--system``): :func:`wait_warm_up`, called before the work
    starts, compiles it and waits for the others; the work then loads every
    kernel from numba's cache. With ``integrates`` (a ``--system`` run: this
    process compiles the integrator, about a second and a half) one forked
    process compiles every group, one after the other, and this one none:
    the two cores then carry about the same load.
    A process is forked only from a single-threaded process (fork is unsafe
    otherwise); it ignores Ctrl-C and dies with this process, as a batch worker
    does, and it never prints. Returns the number of groups to compile.
    """
    import threading

    from .._warm import GROUPS

    groups = GROUPS.get(command or "", ())
    if (jobs < 2 or not groups or _forked or _own_group or not hasattr(os, "fork") or threading.active_count() != 1
            or os.environ.get("NUMBA_DISABLE_JIT") == "1"):
        return 0
    try:
        cold = [group for group in groups if not _group_cached(group)]
    except Exception:  # a faster first run is not worth failing a run for
        return 0
    if not cold:
        return 0
    _say()
    import sys

    for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
        stream.flush()
    if integrates:
        forked, own = [tuple(cold)], []
    else:
        forked, own = [(group,) for group in cold[:-1]], cold[-1:]
    for groups_here in forked:
        pid = os.fork()
        if pid == 0:  # the child: compile, then leave without running this process's exit handlers
            try:
                from ..batch.interrupts import worker_setup

                worker_setup()
                for group in groups_here:
                    try:
                        group()
                    except Exception:  # noqa: BLE001 - whatever failed, the run compiles it itself
                        pass
            except BaseException:  # noqa: BLE001 - Ctrl-C or the like: leave quietly
                pass
            finally:
                os._exit(0)
        _forked.append(pid)
    _own_group.extend(own)
    return len(cold)


def wait_warm_up() -> None:
    """Compile the group :func:`start_warm_up` kept for this process, then wait for the processes it forked
    (every group's kernels are then in numba's cache)."""
    while _own_group:
        try:
            _own_group.pop()()
        except Exception:  # noqa: BLE001 - the run compiles whatever this missed
            pass
    while _forked:
        pid = _forked.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped
            pass


def _group_cached(group) -> bool:
    """True when the first kernel a warm-up group compiles is in numba's cache (its index file exists)."""
    module_name, _, name = group.sentinel.rpartition(".")
    index = _index_path(getattr(importlib.import_module(module_name), name))
    return index is None or os.path.exists(index)
