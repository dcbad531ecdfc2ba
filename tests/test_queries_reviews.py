"""Review Perilaku: distributions, 360 views, predicates, and the raters and pairs planted to be found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine

import db
from ekinerja.access import Scope, Viewer
from ekinerja.models import Employee
from ekinerja.models.work import BERAKHLAK
from ekinerja.queries import reviews
from ekinerja.queries.filters import Filters
from tests import factories as f

MONTHS = [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
FILTERS = Filters(date(2026, 8, 1), date(2026, 10, 31))
ADMIN = Viewer("admin", "admin")
NORMAL = [(2,) * 7, (2, 2, 3, 2, 2, 3, 2), (2, 3, 2, 2, 2, 2, 2)]  # the everyday ratings
TOP, LOW = (3,) * 7, (1,) * 7


@dataclass
class World:
    unit_a: int
    unit_b: int
    ids: dict[str, int]
    given: list[tuple[str, str, date, tuple[int, ...]]]  # (rater, ratee, period, values)


def build(engine: Engine) -> World:
    """Unit A: six ordinary raters, one harsh, one lenient, one mutual-praise pair (p, q) among
    the ordinary ones, a lenient rater who also praises p back (no pair: praises everyone), a
    pair with one ordinary rating (no pair), and a rater with too few reviews. Unit B: one person
    whose pair with someone in A crosses the scope of A's supervisor."""
    given: list[tuple[str, str, date, tuple[int, ...]]] = []
    with db.write_session(engine) as s:
        a, b = f.unit(s, "UA", name="Unit Alfa"), f.unit(s, "UB", name="Unit Beta")
        names = ["o1", "o2", "o3", "o4", "p", "q", "harsh", "lenient", "few", "r", "t"]
        people: dict[str, Employee] = {
            n: f.employee(s, a, i, name=f"Pegawai {n}") for i, n in enumerate(names, 1)
        }
        people["b1"] = f.employee(s, b, 50, name="Pegawai b1")
        people["erased"] = f.employee(s, a, 60, name="Pegawai erased", status="dihapus")
        ordinary = ["o1", "o2", "o3", "o4", "p", "q", "r", "t"]

        def give(
            rater: str, ratee: str, month: date, values: tuple[int, ...], rel: str = "rekan"
        ) -> None:
            f.review_values(s, people[rater], people[ratee], month, values, relation=rel)
            given.append((rater, ratee, month, values))

        for m, month in enumerate(MONTHS):
            for i, rater in enumerate(ordinary):
                for k in (1, 2, 3):  # each rates the next three ordinary colleagues
                    ratee = ordinary[(i + k) % len(ordinary)]
                    if {rater, ratee} in ({"p", "q"}, {"r", "t"}):
                        continue
                    give(rater, ratee, month, NORMAL[(i + k + m) % 3])
            for ratee in ["o1", "o2", "o3"]:
                give("harsh", ratee, month, LOW)
                give("lenient", ratee, month, TOP)
            give("p", "q", month, TOP)
            give("q", "p", month, TOP)
            give("lenient", "o4", month, TOP)
            give("o4", "lenient", month, TOP)
            give("r", "t", month, TOP)
            give("t", "r", month, TOP if month != MONTHS[1] else NORMAL[0])
            give("b1", "p", month, TOP)  # b1 praises p every month ...
            give("p", "b1", month, TOP)  # ... and p praises b1: a pair across units A and B
            give("erased", "o1", month, LOW)  # an erased rater never counts
        for ratee in ["o1", "o2", "o3", "o4", "q"]:
            give("few", ratee, MONTHS[0], TOP)
        ids = {n: e.id for n, e in people.items()}
        return World(a.id, b.id, ids, given)  # type: ignore[arg-type]


def test_rating_distribution_counts_every_value(engine: Engine) -> None:
    w = build(engine)
    supervisor = Viewer("atasan", "supervisor", Scope.units([w.unit_a]))
    with db.read_session(engine) as s:
        frame = reviews.distribution(s, supervisor, FILTERS)
    # Reviews of people in unit A (b1 is in B), by visible raters (not the erased one).
    visible = [g for g in w.given if g[1] != "b1" and g[0] != "erased"]
    for index, value in enumerate(BERAKHLAK):
        got = frame[frame["value"] == value].set_index("rating")["count"].to_dict()
        want = {level: sum(1 for g in visible if g[3][index] == level) for level in (1, 2, 3)}
        assert got == want, value
    shares = frame.groupby("value")["share"].sum()
    assert shares.tolist() == pytest.approx([1.0] * 7)


def test_harsh_and_lenient_raters_are_found_and_nobody_else(engine: Engine) -> None:
    w = build(engine)
    with db.read_session(engine) as s:
        flagged = reviews.rater_bias(s, ADMIN, FILTERS)
    verdicts = dict(zip(flagged["name"], flagged["verdict"], strict=True))
    assert verdicts == {"Pegawai harsh": "keras", "Pegawai lenient": "murah"}
    harsh = flagged.set_index("name").loc["Pegawai harsh"]
    # Leave-one-out unit mean: every visible review by a rater of unit A except the harsh ones.
    rest = [sum(g[3]) / 7 for g in w.given if g[0] not in ("harsh", "erased", "b1")]
    assert harsh["n"] == 9
    assert harsh["mean"] == pytest.approx(1.0)
    assert harsh["unit_mean"] == pytest.approx(sum(rest) / len(rest))


def test_rater_statistics_need_enough_reviews(engine: Engine) -> None:
    build(engine)
    # One month only: every rater has at most 5 reviews, below the minimum of 8.
    with db.read_session(engine) as s:
        flagged = reviews.rater_bias(s, ADMIN, Filters(date(2026, 8, 1), date(2026, 8, 31)))
    assert flagged.empty


def test_only_selective_mutual_praise_is_flagged(engine: Engine) -> None:
    build(engine)
    with db.read_session(engine) as s:
        pairs = reviews.mutual_praise(s, ADMIN, FILTERS)
    found = {frozenset((a, b)) for a, b in zip(pairs["name_a"], pairs["name_b"], strict=True)}
    # p/q always top both ways and ordinary to others; p/b1 as well (admin sees both units).
    # Not flagged: lenient/o4 (lenient praises everyone), r/t (one ordinary review).
    assert found == {frozenset(("Pegawai p", "Pegawai q")), frozenset(("Pegawai p", "Pegawai b1"))}
    row = pairs[(pairs["name_a"] == "Pegawai p") | (pairs["name_b"] == "Pegawai p")].iloc[0]
    assert row["n_ab"] == row["n_ba"] == 3


def test_a_pair_across_the_scope_is_not_shown_to_a_supervisor(engine: Engine) -> None:
    w = build(engine)
    supervisor = Viewer("atasan", "supervisor", Scope.units([w.unit_a]))
    with db.read_session(engine) as s:
        pairs = reviews.mutual_praise(s, supervisor, FILTERS)
    assert set(pairs["name_a"]) | set(pairs["name_b"]) == {"Pegawai p", "Pegawai q"}


def test_person_360_by_relation_without_reviewer_names(engine: Engine) -> None:
    with db.write_session(engine) as s:
        a, b = f.unit(s, "UA"), f.unit(s, "UB")
        boss, x, y, z, sub = (f.employee(s, a, n, name=f"E{n}") for n in range(1, 6))
        other = f.employee(s, b, 9)
        f.review_values(s, boss, x, MONTHS[2], TOP, relation="atasan", comment="Rajin sekali")
        f.review_values(s, y, x, MONTHS[2], (2,) * 7, relation="rekan")
        f.review_values(
            s,
            z,
            x,
            MONTHS[2],
            (1, 2, 3, 1, 2, 3, 2),
            relation="rekan",
            comment="[x](javascript:alert(1))",
        )
        f.review_values(s, sub, x, MONTHS[1], LOW, relation="bawahan")
        f.review_values(s, other, x, MONTHS[0], TOP, relation="rekan")
        f.work_result(s, x, MONTHS[2], 3)
        ids = (a.id, b.id, x.id)
    with db.read_session(engine) as s:
        person = reviews.person_360(s, ADMIN, FILTERS, ids[2])
        hidden = reviews.person_360(
            s, Viewer("s", "supervisor", Scope.units([ids[1]])), FILTERS, ids[2]
        )
    assert hidden is None
    assert person is not None
    rel = person.by_relation.set_index("relation")
    assert rel.index.tolist() == ["atasan", "rekan", "bawahan"]
    assert rel.loc["rekan", "reviews"] == 3 and rel.loc["rekan", "raters"] == 3
    assert rel.loc["rekan", "berorientasi_pelayanan"] == pytest.approx((2 + 1 + 3) / 3)
    assert rel.loc["bawahan", "overall"] == pytest.approx(1.0)
    assert list(person.comments.columns) == ["period", "relation", "comment"]
    assert sorted(person.comments["comment"]) == ["Rajin sekali", "[x](javascript:alert(1))"]
    october = person.predicates.set_index("period").loc[MONTHS[2]]
    # October: (21 + 14 + 14) / 3 / 7 = 2.33 -> sesuai; result 3 -> Baik.
    assert october["behaviour_mean"] == pytest.approx(49 / 21)
    assert (october["behaviour"], october["predicate"]) == (2, "Baik")


@pytest.mark.parametrize(
    ("reviews_given", "result", "behaviour", "predicate"),
    [
        ([TOP, (2,) * 7], 3, 3, "Sangat Baik"),  # mean exactly 2.5 rounds up
        ([TOP, (2,) * 7], 2, 3, "Baik"),
        ([LOW, (2,) * 7], 1, 2, "Butuh Perbaikan"),  # 1.5 rounds up to sesuai
        ([LOW], 2, 1, "Kurang/Misconduct"),
        ([LOW], 1, 1, "Sangat Kurang"),
        ([], 3, None, None),  # no reviews: incomplete
        ([TOP], None, 3, None),  # no work result: incomplete
    ],
)
def test_predicate_per_employee_for_a_month(
    engine: Engine, reviews_given: list[tuple[int, ...]], result: int | None, behaviour: int | None,
    predicate: str | None,
) -> None:  # fmt: skip
    with db.write_session(engine) as s:
        u = f.unit(s, "UA")
        who = f.employee(s, u, 1, name="Dinilai")
        for n, values in enumerate(reviews_given, start=2):
            f.review_values(s, f.employee(s, u, n), who, MONTHS[2], values)
        if result is not None:
            f.work_result(s, who, MONTHS[2], result)
        f.work_result(s, who, MONTHS[1], 1)  # another month never mixes in
    with db.read_session(engine) as s:
        table = reviews.predicates(s, ADMIN, FILTERS, MONTHS[2])
    row = table.set_index("name").loc["Dinilai"]
    assert (None if pd.isna(row["behaviour"]) else int(row["behaviour"])) == behaviour
    assert row["predicate"] == predicate


def test_units_and_months_means(engine: Engine) -> None:
    w = build(engine)
    with db.read_session(engine) as s:
        data = reviews.page_data(s, ADMIN, FILTERS)
    visible = [g for g in w.given if g[0] != "erased"]
    by_unit = data.by_unit.set_index("name")
    in_b = [g for g in visible if g[1] == "b1"]
    assert by_unit.loc["Unit Beta", "reviews"] == len(in_b)
    assert by_unit.loc["Unit Beta", "overall"] == pytest.approx(3.0)
    months = data.over_time.set_index("period")
    for month in MONTHS:
        rows = [g for g in visible if g[2] == month]
        assert months.loc[month, "reviews"] == len(rows)
        assert months.loc[month, "kompeten"] == pytest.approx(
            sum(g[3][2] for g in rows) / len(rows)
        )
