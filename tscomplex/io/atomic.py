"""THE atomic writer: a file appears at its path complete or not at all (records, figures, sidecars, caches).

For a regular file (or a new name) the data go to a temporary file beside
the real target and are renamed over it; a symbolic link is followed, so the
file it points to is replaced and the link stays. A character device
(``/dev/null``, a terminal) or a FIFO is opened and written in place. Only the
standard library is imported, so any layer may use it.
"""

from __future__ import annotations

import os
import stat
import tempfile


def special_kind(path: str) -> str | None:
    """'device' or 'fifo' for an existing character device or FIFO (written in place), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISCHR(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "fifo"
    return None


def _umask() -> int:
    """The process umask, read without changing it where Linux allows (os.umask is racy with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile:
    """A binary file that appears at ``path`` complete or not at all.

    For a regular file (or a new name) the data go to a temporary file beside
    the real target, renamed over it by :meth:`commit`; :meth:`discard`
    removes it. A character device or FIFO is opened and written directly.
    """

    def __init__(self, path: str, suffix: str = ".tmp"):
        self.path = path
        self.direct = special_kind(path) is not None
        if self.direct:
            self.target, self.tmp = path, None
            self.fh = open(path, "wb")  # noqa: SIM115 - closed in commit or discard
            return
        self.target = os.path.realpath(path)  # through a symlink: replace the file, keep the link
        folder = os.path.dirname(self.target)
        fd, self.tmp = tempfile.mkstemp(prefix=".tscomplex-", suffix=suffix, dir=folder)
        self.fh = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.fh.close()
        if self.tmp is None:
            return
        try:
            os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes 0600; output should be readable like any file
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        self.tmp = None

    def discard(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


def atomic_write(path: str, write, suffix: str = ".tmp") -> None:
    """Call ``write(fh)`` on a binary file that replaces ``path`` only once complete (see :class:`AtomicFile`)."""
    out = AtomicFile(path, suffix)
    try:
        write(out.fh)
    except BaseException:
        out.discard()
        raise
    out.commit()


def atomic_write_path(path: str, write_to, suffix: str = ".tmp") -> None:
    """Call ``write_to(tmp_path)`` to fill a temporary file beside ``path``, then rename it into place.

    For writers that want a file name rather than a file object (matplotlib's
    ``savefig``). A device or FIFO is given its own name and written in place.
    """
    if special_kind(path):
        write_to(path)
        return
    out = AtomicFile(path, suffix)
    out.fh.close()
    try:
        write_to(out.tmp)
    except BaseException:
        out.discard()
        raise
    out.commit()


def atomic_write_bytes(path: str, data: bytes, suffix: str = ".tmp") -> None:
    """Write ``data`` so that ``path`` holds it complete or keeps what it held before."""
    atomic_write(path, lambda fh: fh.write(data), suffix)
