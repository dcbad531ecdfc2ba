"""The performance predicate of PermenPANRB 6/2022: work result x work behaviour.

Both dimensions use the regulation's three levels (1 di bawah, 2 sesuai, 3 di atas ekspektasi).
The work result comes from the supervisor (`WorkResultRating`); the behaviour level is the mean of
every BerAKHLAK value of every review of the period, rounded half up, so a mean of exactly 2.5
counts as "di atas" (the reviewers' balance tips upward, as a person would round it).
"""

from __future__ import annotations

import math

BELOW, MEETS, ABOVE = 1, 2, 3
LEVELS = (BELOW, MEETS, ABOVE)

SANGAT_BAIK = "Sangat Baik"
BAIK = "Baik"
BUTUH_PERBAIKAN = "Butuh Perbaikan"
KURANG = "Kurang/Misconduct"
SANGAT_KURANG = "Sangat Kurang"
# Best first: the order of legends and tables.
PREDICATES = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# (work result, behaviour) -> predicate: the matrix of the regulation's appendix.
MATRIX: dict[tuple[int, int], str] = {
    (ABOVE, BELOW): KURANG,
    (ABOVE, MEETS): BAIK,
    (ABOVE, ABOVE): SANGAT_BAIK,
    (MEETS, BELOW): KURANG,
    (MEETS, MEETS): BAIK,
    (MEETS, ABOVE): BAIK,
    (BELOW, BELOW): SANGAT_KURANG,
    (BELOW, MEETS): BUTUH_PERBAIKAN,
    (BELOW, ABOVE): BUTUH_PERBAIKAN,
}


def predicate(result: int, behaviour: int) -> str:
    """The predicate of one cell; levels outside 1..3 are a programming error."""
    try:
        return MATRIX[(result, behaviour)]
    except KeyError:
        raise ValueError(f"level harus 1..3 (hasil kerja {result}, perilaku {behaviour})") from None


def behaviour_level(mean_rating: float | None) -> int | None:
    """Round a mean rating half up to a level (None when there were no reviews)."""
    if mean_rating is None or not math.isfinite(mean_rating):
        return None
    # A tiny epsilon keeps float noise (2.4999999999999996 for a true 2.5) from rounding down.
    level = math.floor(mean_rating + 0.5 + 1e-9)
    return min(max(level, BELOW), ABOVE)
