"""The PermenPANRB 6/2022 predicate matrix and the rounding of the behaviour level."""

from __future__ import annotations

import pytest

from ekinerja.performance import (
    PREDICATES,
    behaviour_level,
    predicate,
)

# (hasil kerja, perilaku) -> predikat, copied from the regulation's matrix (domain guide), row by row.
MATRIX_CELLS = [
    (3, 1, "Kurang/Misconduct"),
    (3, 2, "Baik"),
    (3, 3, "Sangat Baik"),
    (2, 1, "Kurang/Misconduct"),
    (2, 2, "Baik"),
    (2, 3, "Baik"),
    (1, 1, "Sangat Kurang"),
    (1, 2, "Butuh Perbaikan"),
    (1, 3, "Butuh Perbaikan"),
]


@pytest.mark.parametrize(("result", "behaviour", "expected"), MATRIX_CELLS)
def test_predicate_follows_the_regulation_matrix(
    result: int, behaviour: int, expected: str
) -> None:
    assert predicate(result, behaviour) == expected


def test_every_predicate_is_reachable_and_listed_best_first() -> None:
    assert {cell[2] for cell in MATRIX_CELLS} == set(PREDICATES)
    assert PREDICATES[0] == "Sangat Baik" and PREDICATES[-1] == "Sangat Kurang"


@pytest.mark.parametrize(("result", "behaviour"), [(0, 2), (2, 4), (-1, 1), (3, 0)])
def test_levels_outside_one_to_three_are_refused(result: int, behaviour: int) -> None:
    with pytest.raises(ValueError):
        predicate(result, behaviour)


@pytest.mark.parametrize(
    ("mean", "level"),
    [
        (1.0, 1),
        (1.49, 1),
        (1.5, 2),  # half rounds up
        (2.0, 2),
        (2.49, 2),
        (2.5, 3),  # half rounds up, not to even
        (17.5 / 7, 3),  # 2.5 computed in floating point
        (16 / 7, 2),  # 2.2857...
        (3.0, 3),
    ],
)
def test_behaviour_level_rounds_half_up(mean: float, level: int) -> None:
    assert behaviour_level(mean) == level


@pytest.mark.parametrize("mean", [None, float("nan"), float("inf")])
def test_behaviour_level_without_reviews_is_none(mean: float | None) -> None:
    assert behaviour_level(mean) is None
