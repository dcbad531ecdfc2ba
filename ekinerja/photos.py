"""Photo fingerprints: SHA-256 of the file (exact copies) and a 64-bit difference hash (near copies).

The difference hash (dHash) follows the common definition used by the `imagehash` package, so
values computed elsewhere compare: the picture is turned grey, shrunk to 9x8 pixels with Lanczos,
and each bit says whether a pixel is brighter than its left neighbour (row by row, first bit most
significant), written as 16 hex digits. Re-encoding, a small brightness change or a light crop
move only a few bits; two different selfies differ in about half of them.
"""

from __future__ import annotations

import hashlib
import io

import numpy as np
import numpy.typing as npt
from PIL import Image

HASH_BITS = 64
# Photos are decoded only as these formats: an SVG or anything else renamed .jpg is refused.
ALLOWED_FORMATS = ("JPEG", "PNG")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_image(data: bytes) -> Image.Image:
    """Decode a JPEG or PNG, keeping Pillow's decompression-bomb limit; raises on anything else."""
    img = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    img.load()
    return img


def dhash_bits(grey_9x8: npt.NDArray[np.floating] | npt.NDArray[np.integer]) -> int:
    """The 64-bit hash of an already shrunk grey picture (8 rows, 9 columns)."""
    pixels = np.asarray(grey_9x8)
    if pixels.shape != (8, 9):
        raise ValueError("dHash butuh gambar abu-abu 9x8 piksel")
    bits = (pixels[:, 1:] > pixels[:, :-1]).ravel()
    value = 0
    for bit in bits:
        value = (value << 1) | int(bit)
    return value


def dhash_hex(img: Image.Image) -> str:
    """Difference hash of a picture as 16 lower-case hex digits."""
    small = img.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    grey = np.asarray(small, dtype=np.int16)
    return f"{dhash_bits(grey):016x}"


def hamming(a: str, b: str) -> int:
    """Number of differing bits between two hex hashes (0 = same picture, about 32 = unrelated)."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def hashes_of(data: bytes) -> tuple[str, str]:
    """(sha256, dhash) of a photo file's bytes."""
    return sha256_bytes(data), dhash_hex(open_image(data))
