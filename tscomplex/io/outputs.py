"""Where outputs may go: checks made before any work, and the run's lock (the writer is :mod:`.atomic`).

The rules (docs/batch.md states them for users):

- An output that is also an input (the same file by device and inode, however
  it is spelled, or a file a folder or glob among the inputs expands to) is
  refused before anything is opened.
- A regular file that exists is replaced only with ``--force``, and then
  atomically: the new file is written beside it and renamed over it, so a
  reader never sees half a file. A symbolic link is followed: the file it
  points to is replaced and the link stays.
- A character device (``/dev/null``, a terminal) or a FIFO is written by
  opening it, never renamed over; nothing is lost, so no ``--force`` is
  needed. Anything else that is not a regular file (a block device, a socket)
  is refused.
- One run at a time writes an output: a run takes an exclusive lock on
  ``.NAME.lock`` beside ``NAME`` for its whole life and removes it at the end.
  A second run on the same output is refused at once (exit 2).
"""

from __future__ import annotations

import os
import stat

from .atomic import special_kind
from .errors import OutputError
from .folders import discover


def check_output_path(path: str, force: bool, inputs=(), what: str = "output") -> None:
    """Refuse an output that is an input, cannot be replaced safely, exists without force, or has no folder."""
    _check_not_input(path, inputs, what)
    if special_kind(path):
        return
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise OutputError(f"{what} folder {folder} does not exist; create it first")
    if os.path.isdir(path):
        raise OutputError(f"{what} {path} is a folder")
    if os.path.lexists(path):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            mode = None  # a dangling link: the file it names is created
        if mode is not None and not stat.S_ISREG(mode):
            raise OutputError(f"{what} {path} is not a regular file, a character device or a FIFO; "
                              "it cannot be replaced safely")
        if mode is not None and not force:
            raise OutputError(f"{what} {path} exists; use --force to overwrite")
    if not os.access(os.path.dirname(os.path.realpath(path)) or ".", os.W_OK):
        raise OutputError(f"{what} folder {folder} is not writable")


def _check_not_input(path: str, inputs, what: str) -> None:
    """The output must not be one of the inputs: it would be truncated, or renamed over, before it is read."""
    try:
        out = os.stat(path)
    except OSError:
        return  # nothing there yet, so it is no input
    if not stat.S_ISREG(out.st_mode):
        return  # a device or FIFO is opened, not replaced: reading /dev/stdin and writing /dev/stdout is fine
    for item in inputs:
        if item == "-":
            continue
        try:  # an entry that fails is skipped: its own error is reported when it is read
            paths = discover([item], recursive=os.path.isdir(item)).paths
        except OSError:
            continue
        for candidate in paths:
            try:
                same = os.path.samestat(out, os.stat(candidate))
            except OSError:
                continue
            if same:
                shown = item if candidate == item else f"{candidate} (from {item})"
                raise OutputError(f"{what} {path} is also an input ({shown}); writing it would destroy it. "
                                  "Choose another name")


def lock_path(path: str) -> str:
    real = os.path.realpath(path)
    folder, name = os.path.split(real)
    return os.path.join(folder, f".{name}.lock")


class OutputLock:
    """An exclusive lock held by one run on one output, through a lock file beside it.

    ``fcntl.flock`` on ``.NAME.lock``; the file is removed at :meth:`release`.
    A lock file left by a killed run holds no lock and is simply taken over.
    """

    def __init__(self, path: str, what: str = "output"):
        self.path = path
        self.file = lock_path(path)
        self.fd = None
        self.what = what

    def acquire(self) -> "OutputLock":
        import fcntl

        for _ in range(20):
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise OutputError(f"{self.what} {self.path} is being written by another tscomplex run "
                                  f"(it holds {self.file}); wait for it to finish or choose another name") from None
            # the holder before us may have removed the file after we opened it: then our lock is on a file
            # nobody else can see, and a third run could lock a new one; take the lock again on what is there
            try:
                if os.path.samestat(os.fstat(fd), os.stat(self.file)):
                    self.fd = fd
                    os.write(fd, f"{os.getpid()}\n".encode())
                    return self
            except OSError:
                pass
            os.close(fd)
        raise OutputError(f"could not lock {self.file}")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            if os.path.samestat(os.fstat(self.fd), os.stat(self.file)):
                os.unlink(self.file)  # still holding the lock, so no other run is using this file
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None


def lock_output(path: str, what: str = "output") -> OutputLock | None:
    """Take the lock of an output file; None for stdout, devices and FIFOs, which are not replaced."""
    if not path or special_kind(path):
        return None
    lock = OutputLock(path, what).acquire()
    import atexit

    atexit.register(lock.release)
    return lock
