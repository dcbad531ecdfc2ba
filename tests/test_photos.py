"""Photo fingerprints: SHA-256 for exact copies, the 64-bit difference hash for near copies."""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pytest
from PIL import Image

from ekinerja.photos import dhash_bits, dhash_hex, hamming, hashes_of, open_image, sha256_bytes


def _jpeg(pixels: np.ndarray, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def test_sha256_is_the_standard_digest() -> None:
    assert sha256_bytes(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_bytes(b"selfie") == hashlib.sha256(b"selfie").hexdigest()


@pytest.mark.parametrize(
    ("name", "row", "expected"),
    [
        # Brighter to the right: every pixel is brighter than its left neighbour, all 64 bits set.
        ("rising left to right", np.arange(9) * 20, "ffffffffffffffff"),
        ("falling left to right", 200 - np.arange(9) * 20, "0000000000000000"),
        ("flat", np.full(9, 100), "0000000000000000"),
    ],
)
def test_dhash_of_simple_gradients(name: str, row: np.ndarray, expected: str) -> None:
    grid = np.tile(row, (8, 1))
    assert f"{dhash_bits(grid):016x}" == expected
    # The same picture at a normal size gives the same hash after shrinking.
    big = np.kron(grid, np.ones((8, 8))).astype(np.uint8)
    assert dhash_hex(Image.fromarray(big, "L")) == expected


def test_dhash_bit_order_is_row_major_most_significant_first() -> None:
    grid = np.zeros((8, 9))
    grid[0, 1] = 10  # only the first comparison of the first row is "brighter"
    assert dhash_bits(grid) == 1 << 63
    grid = np.zeros((8, 9))
    grid[7, 8] = 10  # only the last comparison of the last row
    assert dhash_bits(grid) == 1


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("0000000000000000", "0000000000000000", 0), ("0000000000000000", "ffffffffffffffff", 64),
     ("f0f0f0f0f0f0f0f0", "0f0f0f0f0f0f0f0f", 64), ("0000000000000001", "0000000000000003", 1)],
)  # fmt: skip
def test_hamming_counts_differing_bits(a: str, b: str, distance: int) -> None:
    assert hamming(a, b) == distance


def test_re_encoded_photo_is_a_near_copy_and_another_photo_is_not() -> None:
    rng = np.random.default_rng(7)
    coarse = rng.uniform(0, 255, (8, 9, 3))
    pixels = np.kron(coarse, np.ones((8, 8, 1)))[:64, :72]
    original = _jpeg(pixels, 85)
    brighter = _jpeg(np.clip(pixels + 6, 0, 255), 95)
    other = _jpeg(np.kron(rng.uniform(0, 255, (8, 9, 3)), np.ones((8, 8, 1)))[:64, :72])
    sha_a, dh_a = hashes_of(original)
    sha_b, dh_b = hashes_of(brighter)
    _, dh_c = hashes_of(other)
    assert sha_a != sha_b
    assert hamming(dh_a, dh_b) <= 3
    assert hamming(dh_a, dh_c) > 12


def test_only_jpeg_and_png_are_decoded() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    gif = io.BytesIO()
    Image.new("RGB", (4, 4)).save(gif, format="GIF")
    for data in (svg, gif.getvalue(), b"", b"\xff\xd8\xff\xe0 truncated"):
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as it refuses
            open_image(data)
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, format="PNG")
    assert open_image(png.getvalue()).size == (4, 4)
