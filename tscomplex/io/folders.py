"""Turn the inputs a user names (files, folders, globs, '-') into the files to read, saying what was left out.

Folder rules (the README's "Inputs" section documents them):

- In a folder, only files with a data extension are read (:data:`DATA_EXTENSIONS`,
  also gzip/bzip2/xz-compressed text; a .txt file only when one of its first lines is all numbers, so a
  notes.txt is skipped), or those matching ``--glob PATTERN``
  (repeatable; matched against the path below the folder, ``*`` also crosses
  ``/``). Other files are skipped, counted, and reported in one line; hidden
  entries (names starting with '.') are ignored. A file named directly is
  always read, whatever its extension.
- ``-r`` descends into subfolders; each real folder is visited once (by device
  and inode), so a symbolic link that loops back is skipped and counted, never
  followed again. Without ``-r`` subfolders are counted as skipped.
- A real file reached twice through folders or globs (``many ./many/``) is read
  once and counted; a file named directly is read each time it is named.
- A folder or file that cannot be listed or does not exist is a failure of
  that entry alone; the other inputs still run.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
from dataclasses import dataclass, field

from .filetypes import SUPPORTED_SUFFIXES, is_supported

#: Extensions read from folders (lower case); compressed text adds .gz, .bz2 or .xz to a text extension.
DATA_EXTENSIONS = SUPPORTED_SUFFIXES
#: Extensions that hold prose as often as data (notes.txt): in a folder, such a file is read only when one of
#: its first lines is all numbers; otherwise it is skipped and counted. Named directly, it is always read.
SNIFFED_EXTENSIONS = (".txt",)
SNIFF_BYTES = 4096


def is_data_file(name: str) -> bool:
    """Whether a file name has a data extension (compressed text included)."""
    return is_supported(name)


@dataclass
class Discovery:
    """The files found for the inputs, in order, and what was not taken."""

    entries: list = field(default_factory=list)  # in input order: (path to read, None) or (entry, reason)
    skipped_files: int = 0
    skipped_folders: int = 0
    skipped_loops: int = 0
    skipped_duplicates: int = 0
    named: set = field(default_factory=set)  # indices of entries the user named as files: always read
    skipped_examples: list = field(default_factory=list)  # a few names, for the message

    @property
    def paths(self) -> list[str]:
        return [path for path, reason in self.entries if reason is None]

    @property
    def failures(self) -> list[tuple[str, str]]:
        return [(entry, reason) for entry, reason in self.entries if reason is not None]

    def skipped_message(self) -> str | None:
        """One line saying what the folders held that was not read, or None."""
        parts = []
        if self.skipped_files:
            names = ", ".join(self.skipped_examples[:3]) + (", ..." if self.skipped_files > 3 else "")
            parts.append(f"{self.skipped_files} " + ("file that is" if self.skipped_files == 1 else "files that are") + " not data "
                         f"({names}; choose files with --glob)")
        if self.skipped_folders:
            parts.append(f"{self.skipped_folders} subfolder{'s' * (self.skipped_folders != 1)} (use -r)")
        if self.skipped_duplicates:
            parts.append(f"{self.skipped_duplicates} file{'s' * (self.skipped_duplicates != 1)} found twice "
                         "(the same file by another path)")
        if self.skipped_loops:
            parts.append(f"{self.skipped_loops} link{'s' * (self.skipped_loops != 1)} to a folder already "
                         "visited (a loop or a second path)")
        return "skipped " + "; ".join(parts) if parts else None


def _matches(rel: str, path: str, patterns) -> bool:
    if patterns:
        name = os.path.basename(rel)
        return any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in patterns)
    if not is_data_file(rel):
        return False
    return not rel.lower().endswith(SNIFFED_EXTENSIONS) or looks_like_numbers(path)


_NUMBER_LINE = re.compile(r"^[\s,;]*[-+]?(\d+\.?\d*|\.\d+|nan|inf)([eE][-+]?\d+)?"
                          r"([\s,;]+[-+]?(\d+\.?\d*|\.\d+|nan|inf)([eE][-+]?\d+)?)*[\s,;]*$", re.IGNORECASE)


def looks_like_numbers(path: str) -> bool:
    """Whether a .txt file may be data: one of its first lines is all numbers. Only readable prose is
    refused; an unreadable or binary file counts as data, whose reader then says what is wrong with it."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return True
    if b"\x00" in head:
        return True  # binary: not prose, so a damaged data file, which its reader reports
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not a character cut at the end of the sample
            return True
        text = head[:exc.start].decode("utf-8")
    lines = text.splitlines()
    if len(head) == SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut
    return any(_NUMBER_LINE.match(line) for line in lines if line.strip() and not line.lstrip().startswith("#"))


def _walk(top: str, recursive: bool, patterns, found: Discovery, visited: set) -> list[str]:
    """The data files under folder ``top`` (sorted, folders depth first)."""
    out: list[str] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            found.entries.append((folder, "permission denied; cannot list this folder"))
            continue
        except OSError as exc:
            found.entries.append((folder, f"cannot list this folder ({exc.strerror or exc})"))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(folder, entry.name)
            rel = os.path.relpath(path, top)
            try:
                info = os.stat(path)  # follows links: a link to a folder is a folder
            except OSError:  # a dangling link, or a file removed while we list
                if entry.is_symlink():
                    found.entries.append((path, "broken symbolic link"))
                continue
            if stat.S_ISDIR(info.st_mode):
                if not recursive:
                    found.skipped_folders += 1
                elif (info.st_dev, info.st_ino) in visited:
                    found.skipped_loops += 1
                else:
                    visited.add((info.st_dev, info.st_ino))
                    subfolders.append(path)
            elif _matches(rel, path, patterns):
                out.append(path)
            else:
                found.skipped_files += 1
                if len(found.skipped_examples) < 3 and rel not in found.skipped_examples:
                    found.skipped_examples.append(rel)
        pending.extend(reversed(subfolders))
    return out


def discover(inputs, recursive: bool = False, patterns=()) -> Discovery:
    """Find the files of ``inputs`` (see the module notes); never raises for one bad entry."""
    found = Discovery()
    for item in inputs:
        if item == "-":
            found.entries.append((item, None))
            continue
        try:
            info = os.stat(item)
        except FileNotFoundError:
            info = None
        except PermissionError:
            found.entries.append((item, "permission denied; cannot reach it"))
            continue
        except OSError as exc:
            found.entries.append((item, exc.strerror or str(exc)))
            continue
        if info is not None and stat.S_ISDIR(info.st_mode):
            visited = {(info.st_dev, info.st_ino)}
            before = found.skipped_files + found.skipped_folders + found.skipped_loops
            failed = len(found.entries)
            files = _walk(item, recursive, patterns, found, visited)
            if files:
                found.entries.extend((p, None) for p in files)
            elif len(found.entries) == failed:
                what = f"matching {' or '.join(patterns)}" if patterns else \
                    f"(data extensions: {', '.join(DATA_EXTENSIONS)}; choose others with --glob)"
                extra = found.skipped_files + found.skipped_folders + found.skipped_loops - before
                found.entries.append((item, f"folder has no supported files {what}"
                                             + (f"; {extra} other entries" if extra else "")))
        elif info is not None:
            found.entries.append((item, None))
            found.named.add(len(found.entries) - 1)
        elif any(ch in item for ch in "*?["):
            matched = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if matched:
                found.entries.extend((p, None) for p in matched)
            else:
                found.entries.append((item, "no file matches this pattern"))
        else:
            found.entries.append((item, "no such file or folder"))
    return _without_duplicates(found)


def _without_duplicates(found: Discovery) -> Discovery:
    """Keep the first path to each real file found in a folder or by a glob (``many`` and ``./many/`` name the
    same files); a file named directly is read each time it is named."""
    seen = set()
    kept = []
    for index, (path, reason) in enumerate(found.entries):
        if reason is None and path != "-":
            try:
                info = os.stat(path)
                key = (info.st_dev, info.st_ino)
            except OSError:  # the reader will say what is wrong with it
                key = ("path", os.path.realpath(path))
            if key in seen and index not in found.named:
                found.skipped_duplicates += 1
                continue
            seen.add(key)
        kept.append((path, reason))
    found.entries = kept
    found.named = set()
    return found
