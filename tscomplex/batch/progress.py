"""A one-line progress bar on stderr for a batch: items done, rate and time left; silent off a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    """A one-line progress bar on a terminal (stderr by default); silent when the stream is not a terminal."""

    def __init__(self, total: int | None, label: str = "", stream=None, enabled: bool | None = None,
                 interval: float = 0.1):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = (self.stream.isatty() if enabled is None else enabled)
        self.total, self.label, self.done, self.interval = total, label, 0, interval
        self.start = self._last = time.monotonic()
        self._shown = False

    def update(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.interval or (self.total is not None and self.done >= self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            frac = min(self.done / self.total, 1.0)
            width = 24
            filled = int(frac * width)
            bar = "#" * filled + "-" * (width - filled)
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            text = (f"{self.label} [{bar}] {self.done}/{self.total} {100 * frac:5.1f}% "
                    f"{rate:.1f}/s eta {int(eta) // 60}:{int(eta) % 60:02d}")
        else:
            text = f"{self.label} {self.done} done {rate:.1f}/s"
        self.stream.write("\r" + text.strip() + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the bar (before another line is printed on the same stream)."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()
