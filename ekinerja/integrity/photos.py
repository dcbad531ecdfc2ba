"""Selfie reuse: the same photo file (SHA-256) or a near copy (dHash within a few bits).

Comparing every pair of a month's selfies is out of the question (10^10 pairs). Near copies are
found with multi-index hashing: the 64 bits are cut into m = t//2 + 1 blocks; two hashes at most
t bits apart then differ in at most one bit in some block (pigeonhole), so looking up each
block and its one-bit variants in a sorted array finds every candidate pair, which is then
checked on all 64 bits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from ekinerja.integrity.common import Candidate, as_date, per_employee_day
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import Inputs

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]


def parse_hashes(hexes: pd.Series) -> tuple[U64, npt.NDArray[np.bool_]]:
    """16-hex dHash strings to uint64 (and a mask of the valid ones)."""
    values = np.zeros(len(hexes), dtype=np.uint64)
    valid = np.zeros(len(hexes), dtype=bool)
    for i, h in enumerate(hexes.to_numpy(dtype=object)):
        if isinstance(h, str) and len(h) == 16:
            try:
                values[i] = np.uint64(int(h, 16))
                valid[i] = True
            except ValueError:
                pass
    return values, valid


def _blocks(bits: int, m: int) -> list[tuple[int, int]]:
    """(shift, width) of m nearly equal blocks covering `bits` bits."""
    widths = [bits // m + (1 if i < bits % m else 0) for i in range(m)]
    out, shift = [], 0
    for w in widths:
        out.append((shift, w))
        shift += w
    return out


def near_pairs(hashes: U64, max_distance: int) -> tuple[I64, I64, I64]:
    """Index pairs (i < j) of hashes at most `max_distance` bits apart, with their distance."""
    n = len(hashes)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    m = max_distance // 2 + 1
    found_i: list[I64] = []
    found_j: list[I64] = []
    for shift, width in _blocks(64, m):
        mask = np.uint64((1 << width) - 1)
        block = ((hashes >> np.uint64(shift)) & mask).astype(np.int64)
        order = np.argsort(block, kind="stable")
        ordered = block[order]
        table = width <= 22
        if table:
            # A direct table of where each block value starts: one lookup per probe.
            sizes = np.bincount(block, minlength=1 << width)
            starts_of = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        probes = [block] + ([block ^ (1 << b) for b in range(width)] if max_distance else [])
        for probe in probes:
            lo: I64
            count: I64
            if table:
                lo, count = starts_of[probe], sizes[probe]
            else:
                lo = np.asarray(np.searchsorted(ordered, probe, side="left"), dtype=np.int64)
                count = (
                    np.asarray(np.searchsorted(ordered, probe, side="right"), dtype=np.int64) - lo
                )
            if not count.any():
                continue
            left = np.repeat(np.arange(n, dtype=np.int64), count)
            starts = np.repeat(lo - np.concatenate(([0], np.cumsum(count)[:-1])), count)
            right = order[starts + np.arange(len(left))]
            # Check the full 64 bits right away: few candidates survive, so the de-duplication
            # below stays small.
            keep = (left < right) & (np.bitwise_count(hashes[left] ^ hashes[right]) <= max_distance)
            found_i.append(left[keep])
            found_j.append(right[keep])
    i = np.concatenate(found_i) if found_i else np.zeros(0, dtype=np.int64)
    j = np.concatenate(found_j) if found_j else np.zeros(0, dtype=np.int64)
    if len(i):
        pair = np.unique(i * n + j)
        i, j = pair // n, pair % n
    dist = np.bitwise_count(hashes[i] ^ hashes[j]).astype(np.int64)
    return i, j, dist


def photo_reuse(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """Punches in the period whose photo equals (or nearly equals) an earlier punch's photo."""
    cols = ["id", "employee_id", "ts", "work_date", "photo_sha256", "photo_phash"]
    recent = data.punches[
        data.punches["photo_sha256"].notna() | data.punches["photo_phash"].notna()
    ]
    photos = pd.concat([data.earlier_photos[cols], recent[cols]], ignore_index=True)
    photos = photos.sort_values(["ts", "id"], kind="stable").reset_index(drop=True)
    if len(photos) < 2:
        return []
    # Exact copies: every later punch with the same file hash as an earlier one.
    sha = photos["photo_sha256"]
    first_pos = (
        pd.Series(np.arange(len(photos)), index=photos.index)
        .groupby(sha, dropna=True)
        .transform("first")
    )
    exact = sha.notna() & (first_pos != np.arange(len(photos)))
    later_exact = np.flatnonzero(exact.to_numpy())
    orig_exact = first_pos.to_numpy()[later_exact].astype(np.int64)
    # Near copies among the perceptual hashes.
    hashes, valid = parse_hashes(photos["photo_phash"])
    pos = np.flatnonzero(valid)
    i, j, dist = near_pairs(hashes[pos], cfg.phash_max_distance)
    # Rows are in time order, so in each pair the higher position is the later punch.
    later_near, orig_near = pos[j], pos[i]
    matches = pd.DataFrame(
        {
            "later": np.concatenate([later_exact, later_near]),
            "original": np.concatenate([orig_exact, orig_near]),
            "hamming": np.concatenate([np.zeros(len(later_exact), dtype=np.int64), dist]),
            "exact": np.concatenate(
                [np.ones(len(later_exact), bool), np.zeros(len(later_near), bool)]
            ),
        }
    )
    if matches.empty:
        return []
    # For each reused photo keep its closest, earliest original.
    matches = matches.sort_values(["later", "hamming", "original"]).drop_duplicates("later")
    later = photos.loc[matches["later"].to_numpy()].reset_index(drop=True)
    orig = photos.loc[matches["original"].to_numpy()].reset_index(drop=True)
    flagged = later.assign(
        _orig_id=orig["id"].to_numpy(),
        _orig_emp=orig["employee_id"].to_numpy(),
        _orig_date=orig["work_date"].to_numpy(),
        _hamming=matches["hamming"].to_numpy(),
        _exact=matches["exact"].to_numpy()
        | (later["photo_sha256"].to_numpy() == orig["photo_sha256"].to_numpy()),
    )
    flagged = flagged[(flagged["work_date"] >= data.start) & (flagged["work_date"] <= data.end)]

    def evidence(g: pd.DataFrame) -> dict[str, Any]:
        return {
            "matches": [
                {
                    "punch_id": int(r["id"]),
                    "original_punch_id": int(r["_orig_id"]),
                    "original_employee_id": int(r["_orig_emp"]),
                    "original_date": as_date(r["_orig_date"]).isoformat(),
                    "hamming": int(r["_hamming"]),
                    "exact": bool(r["_exact"]),
                }
                for r in g.to_dict("records")
            ]
        }

    return per_employee_day(
        flagged,
        "photo_reuse",
        evidence,
        lambda g: "tinggi" if (g["_exact"] | (g["_hamming"] <= 2)).any() else "sedang",
    )
