"""Read one image or 2-D array -> (float64 matrix, how it was made): PNG/TIFF/JPEG/BMP, 2-D NPY, CSV matrices.

* PNG, TIFF, JPEG, BMP and GIF go through Pillow, the image library that
  matplotlib itself depends on. Gray images (modes 1, L, I, I;16, F) keep
  their values; colour images become their luminance
  Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, the weights of Pillow's own
  ``convert("L")``, but kept as floats, not rounded to integers); alpha is
  ignored. A multi-frame TIFF or GIF gives its first frame. What was done is
  returned as ``conversion`` so the record can say it.
* NPY: a 2-D numeric array (never unpickled); a 3-D array with 3 or 4 colour
  channels last is converted as above.
* CSV, TSV or whitespace-separated text: a matrix of numbers, one image row
  per line, every line with the same number of fields; lines starting with
  ``#`` and blank lines are skipped. No header.

Every problem is an :class:`~tscomplex.io.errors.InputError` with one line.
"""

from __future__ import annotations

import os

import numpy as np

from .binary import check_npy_size, npy_header
from .errors import InputError

#: suffixes read as pictures through Pillow
PICTURE_SUFFIXES = (".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp", ".gif")
#: suffixes read as matrices
MATRIX_SUFFIXES = (".npy", ".csv", ".tsv", ".txt")
#: what a folder given to ``tscomplex image`` is searched for
IMAGE_PATTERNS = tuple(f"*{s}" for s in PICTURE_SUFFIXES + MATRIX_SUFFIXES) + tuple(
    f"*{s.upper()}" for s in PICTURE_SUFFIXES)
#: luminance weights of R, G, B (ITU-R BT.601)
LUMINANCE = (0.299, 0.587, 0.114)
LUMINANCE_TEXT = "luminance 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601)"
#: largest image read (pixels); Pillow's own guard against decompression bombs is twice its default
MAX_PIXELS = 1 << 28


def _luminance(rgb: np.ndarray) -> np.ndarray:
    rgb = rgb.astype(np.float64)
    return LUMINANCE[0] * rgb[..., 0] + LUMINANCE[1] * rgb[..., 1] + LUMINANCE[2] * rgb[..., 2]


def _read_picture(path: str) -> tuple[np.ndarray, str]:
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                if img.width * img.height > MAX_PIXELS:
                    raise InputError(f"image of {img.width} x {img.height} pixels is larger than "
                                     f"{MAX_PIXELS} pixels")
                frames = getattr(img, "n_frames", 1)
                img.seek(0)
                mode = img.mode
                if mode in ("1", "L", "I", "F") or mode.startswith("I;"):
                    array, conversion = np.asarray(img).astype(np.float64), f"gray ({mode})"
                elif mode in ("LA", "La"):
                    array, conversion = np.asarray(img.getchannel(0)).astype(np.float64), "gray, alpha ignored"
                else:
                    array, conversion = _luminance(np.asarray(img.convert("RGB"))), LUMINANCE_TEXT
                    if mode == "P":
                        conversion += " of the palette colours"
                    if "A" in mode or "transparency" in img.info:
                        conversion += "; alpha ignored"
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError("image is too large to read safely (Pillow's decompression-bomb limit)") from None
    except UnidentifiedImageError:
        raise InputError("not an image Pillow can read (PNG, TIFF, JPEG, BMP, GIF)") from None
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or damaged files
        raise InputError(f"damaged image: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    if frames > 1:
        conversion += f"; first of {frames} frames"
    return array, conversion


def _read_npy(path: str) -> tuple[np.ndarray, str]:
    with open(path, "rb") as fh:
        if fh.read(6) != b"\x93NUMPY":
            raise InputError("not a valid NPY file (no NPY signature at its start)")
    shape, _, dtype, offset = npy_header(path)
    if dtype.hasobject:
        raise InputError("NPY file holds Python objects; only numeric arrays are read")
    check_npy_size(path, shape, dtype, offset)
    try:
        array = np.load(path, allow_pickle=False, mmap_mode="r")
    except Exception as exc:
        raise InputError(f"not a valid NPY file ({type(exc).__name__})") from None
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool) or np.iscomplexobj(array):
        raise InputError(f"NPY array of dtype {array.dtype} is not real numbers")
    if array.ndim == 3 and array.shape[2] in (3, 4):
        alpha = "; alpha ignored" if array.shape[2] == 4 else ""
        return _luminance(np.asarray(array)), LUMINANCE_TEXT + alpha
    if array.ndim != 2:
        raise InputError(f"NPY array has shape {array.shape}; an image is 2-D (rows x columns), "
                         "or 3-D with 3 or 4 colour channels last")
    return np.array(array, dtype=np.float64), "none"


def _read_matrix_text(path: str) -> tuple[np.ndarray, str]:
    rows = []
    width = None
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                text = line.strip()
                if not text or text.startswith("#"):
                    continue
                sep = "," if "," in text else ";" if ";" in text else "\t" if "\t" in text else None
                fields = text.split(sep)
                try:
                    values = [float(f) for f in fields]
                except ValueError:
                    bad = next(f for f in fields if not _is_number(f))
                    raise InputError(f"line {number}: {bad.strip()[:40]!r} is not a number "
                                     "(a matrix file has numbers only, no header)") from None
                if width is None:
                    width = len(values)
                elif len(values) != width:
                    raise InputError(f"line {number} has {len(values)} values, the first row {width}: "
                                     "a matrix needs rows of equal length")
                rows.append(values)
    except UnicodeDecodeError:
        raise InputError("not a text matrix (the file is not UTF-8 text)") from None
    if not rows:
        raise InputError("file holds no numbers")
    return np.array(rows, dtype=np.float64), "none"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_image(path: str) -> tuple[np.ndarray, str]:
    """``(matrix, conversion)``: the image or 2-D array in ``path`` as float64 rows x columns, and what was
    done to make it (``"none"``, ``"gray (L)"``, or the luminance formula). Raises InputError."""
    if os.path.isdir(path):
        raise InputError("is a folder")
    suffix = os.path.splitext(path)[1].lower()
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\x93NUMPY"):
        return _read_npy(path)
    if suffix in PICTURE_SUFFIXES or head.startswith((b"\x89PNG", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff", b"GIF8",
                                                      b"BM")):
        return _read_picture(path)
    if suffix == ".npz":
        raise InputError("NPZ archives are not read as images; save one 2-D array with numpy.save (.npy)")
    if suffix in MATRIX_SUFFIXES or suffix == "":
        return _read_matrix_text(path)
    raise InputError(f"unknown image type {suffix!r}: give PNG, TIFF, JPEG, BMP, GIF, NPY or a CSV/TSV matrix")
