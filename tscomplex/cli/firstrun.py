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
            cache = getattr(value, "_cache", None) if isinstance(value, CPUDispatcher) else None
            index = getattr(getattr(cache, "_cache_file", None), "_index_path", None)
            if index:
                paths.append(index)
    return paths


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
        if kernels_compiled(modules):
            return
        if not now:
            _listen()
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
