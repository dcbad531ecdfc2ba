"""Small synthetic selfie files for the demo: unique JPEGs with their SHA-256 and dHash.

A picture is a random low-frequency background with a face-like oval, drawn from a seed, so the
same seed gives the same bytes (Pillow's JPEG encoder is deterministic). The background dominates
the 9x8 difference hash, so two ordinary selfies differ in about half of the 64 bits, while:
- a "copy" job writes the byte-identical file again under another name (a reused photo),
- an "alter" job brightens the same picture slightly and re-encodes it at another quality: a
  different SHA-256 with a dHash within a few bits (a near-duplicate).
Work is split into batches that a process pool runs beside the database writes.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ekinerja.photos import dhash_hex, open_image, sha256_bytes

SIZE = 64
QUALITY = 80
ALTER_QUALITY = 92
NEW, COPY, ALTER = 0, 1, 2
# Below this many photos a process pool costs more to start than it saves.
POOL_THRESHOLD = 2500
BATCH = 1500

_grid = np.linspace(0.0, 1.0, SIZE)
_YY, _XX = np.meshgrid(_grid, _grid, indexing="ij")


@dataclass(frozen=True)
class PhotoJob:
    rel_path: str
    seed: int
    kind: int = NEW


def _interp(n: int) -> np.ndarray:
    """Bilinear interpolation weights from n coarse cells to SIZE pixels: a (SIZE, n) matrix."""
    pos = np.linspace(0, n - 1, SIZE)
    lo = np.floor(pos).astype(int).clip(0, n - 2)
    frac = pos - lo
    w = np.zeros((SIZE, n))
    w[np.arange(SIZE), lo] = 1 - frac
    w[np.arange(SIZE), lo + 1] += frac
    return w


# The background's brightness is a smooth enlargement of a random 8x9 grid: the dHash cells, so
# every bit of an ordinary selfie's hash is an independent coin toss.
_WY, _WX = _interp(8), _interp(9)


def pictures(seeds: Sequence[int]) -> np.ndarray:
    """RGB pixels (uint8, shape (n, SIZE, SIZE, 3)) of the selfies drawn from the seeds."""
    n = len(seeds)
    coarse = np.empty((n, 8, 9), dtype=np.float32)
    params = np.empty((n, 11), dtype=np.float32)
    noise = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    for i, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        coarse[i] = rng.uniform(0.3, 1.2, (8, 9))
        params[i] = rng.uniform(0, 1, 11)
        noise[i] = np.frombuffer(rng.bytes(SIZE * SIZE * 3), dtype=np.uint8).reshape(SIZE, SIZE, 3)
    wy = _WY.astype(np.float32)
    wx = _WX.astype(np.float32)
    # A wall of one colour per picture, with light and shade from the random grid.
    light = wy @ coarse @ wx.T
    wall = 80 + 130 * params[:, 8:11]
    img = light[..., None] * wall[:, None, None, :]
    cy = (0.55 + 0.16 * (params[:, 0] - 0.5))[:, None, None]
    cx = (0.5 + 0.2 * (params[:, 1] - 0.5))[:, None, None]
    ry = (0.22 + 0.08 * params[:, 2])[:, None, None]
    rx = (0.16 + 0.06 * params[:, 3])[:, None, None]
    yy, xx = _YY.astype(np.float32), _XX.astype(np.float32)
    face = ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1.0
    hair = face & (yy < cy - ry * 0.45)
    eye_y = ((yy - (cy - ry * 0.15)) / 0.025) ** 2
    eyes = (eye_y + ((xx - (cx - rx * 0.4)) / 0.03) ** 2 <= 1.0) | (
        eye_y + ((xx - (cx + rx * 0.4)) / 0.03) ** 2 <= 1.0
    )
    skin = np.stack(
        [150 + 75 * params[:, 4], 105 + 65 * params[:, 5], 75 + 55 * params[:, 6]], axis=1
    )
    hair_tone = (10 + 40 * params[:, 7])[:, None]
    # One blend pass: face over background, hair over face, eyes dark.
    colour = np.where(hair[..., None], hair_tone[:, None, None, :], skin[:, None, None, :])
    alpha = np.where(eyes, 1.0, np.where(hair, 0.6, np.where(face, 0.4, 0.0))).astype(np.float32)
    colour = np.where(eyes[..., None], np.float32(25.0), colour)
    img = img * (1 - alpha[..., None]) + colour * alpha[..., None]
    img += (noise & 15).astype(np.float32) - 7.5
    return np.clip(img, 0, 255).astype(np.uint8)


def picture(seed: int) -> np.ndarray:
    one: np.ndarray = pictures([seed])[0]
    return one


def encode(pixels: np.ndarray, quality: int = QUALITY) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def render_many(jobs: Sequence[PhotoJob]) -> list[bytes]:
    pixels = pictures([job.seed for job in jobs])
    out = []
    for job, px in zip(jobs, pixels, strict=True):
        if job.kind == ALTER:
            brighter = np.clip(px.astype(np.int16) + 6, 0, 255).astype(np.uint8)
            out.append(encode(brighter, ALTER_QUALITY))
        else:
            out.append(encode(px))
    return out


def run_batch(root: str, jobs: Sequence[PhotoJob]) -> list[tuple[str, str]]:
    """Write the files of a batch under `root`; return (sha256, dhash) per job, in order."""
    out = []
    made: set[str] = set()
    for lo in range(0, len(jobs), 200):
        part = jobs[lo : lo + 200]
        for job, data in zip(part, render_many(part), strict=True):
            path = os.path.join(root, job.rel_path)
            folder = os.path.dirname(path)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(path, "wb") as fh:
                fh.write(data)
            out.append((sha256_bytes(data), dhash_hex(open_image(data))))
    return out


class PhotoWriter:
    """Runs photo batches in a worker process (or inline for small demos) while the caller works."""

    def __init__(self, root: Path, expected: int) -> None:
        self.root = str(root)
        self._pool: ProcessPoolExecutor | None = None
        if expected >= POOL_THRESHOLD:
            # spawn: the caller may be a threaded server (Streamlit), where fork is unsafe.
            workers = max(1, min(2, (os.cpu_count() or 2) - 1))
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn")
            )

    def submit(self, jobs: Sequence[PhotoJob]) -> list[Future[list[tuple[str, str]]]]:
        futures: list[Future[list[tuple[str, str]]]] = []
        for lo in range(0, len(jobs), BATCH):
            batch = list(jobs[lo : lo + BATCH])
            if self._pool is None:
                done: Future[list[tuple[str, str]]] = Future()
                done.set_result(run_batch(self.root, batch))
                futures.append(done)
            else:
                futures.append(self._pool.submit(run_batch, self.root, batch))
        return futures

    def collect(
        self, futures: Sequence[Future[list[tuple[str, str]]]], jobs: Sequence[PhotoJob]
    ) -> list[tuple[str, str]]:
        """Results of submitted jobs, in order. If the worker died (for instance because the
        calling script cannot be imported by a spawned process), the batch is redone here."""
        out: list[tuple[str, str]] = []
        for k, f in enumerate(futures):
            try:
                out.extend(f.result())
            except BrokenProcessPool:
                out.extend(run_batch(self.root, jobs[k * BATCH : (k + 1) * BATCH]))
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
