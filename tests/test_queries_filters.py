"""The filter bar's parameters: parsing, defaults, scope checks and the employee search."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

import db
from ekinerja.access import Scope, Viewer
from ekinerja.models import Employee
from ekinerja.queries import filters as qf
from ekinerja.texts import analytics as t
from tests import factories as f

TODAY = date(2026, 11, 18)
ADMIN = Viewer("admin", "admin")
SUPERVISOR = Viewer("atasan", "supervisor", Scope.units([1, 2]))
KNOWN = {1, 2, 3}


def parse(params: dict[str, str], viewer: Viewer = ADMIN, months_back: int = 0) -> qf.Filters:
    return qf.parse(params, viewer=viewer, known_units=KNOWN, today=TODAY, months_back=months_back)


def test_no_parameters_mean_this_month_to_today() -> None:
    got = parse({})
    assert (got.start, got.end, got.unit_id, got.search, got.warnings) == (
        date(2026, 11, 1),
        TODAY,
        None,
        "",
        (),
    )


def test_months_back_moves_the_default_start_over_year_ends() -> None:
    assert parse({}, months_back=2).start == date(2026, 9, 1)
    got = qf.parse({}, viewer=ADMIN, known_units=KNOWN, today=date(2026, 1, 5), months_back=2)
    assert got.start == date(2025, 11, 1)


@pytest.mark.parametrize(
    ("params", "start", "end", "warning"),
    [
        ({"dari": "2026-10-03", "sampai": "2026-10-20"}, date(2026, 10, 3), date(2026, 10, 20), None),
        ({"dari": "03-10-2026"}, date(2026, 11, 1), TODAY, t.WARN_BAD_DATE.format(param="dari", value="03-10-2026")),
        ({"sampai": "2026-02-30"}, date(2026, 11, 1), TODAY, t.WARN_BAD_DATE.format(param="sampai", value="2026-02-30")),
        ({"sampai": "2027-01-01"}, date(2026, 11, 1), TODAY, t.WARN_FUTURE.format(day="1 Januari 2027")),
        ({"dari": "2026-11-10", "sampai": "2026-11-02"}, date(2026, 11, 1), date(2026, 11, 2), t.WARN_ORDER),
        ({"dari": "2020-01-01", "sampai": "2026-11-18"}, date(2025, 10, 14), TODAY, t.WARN_RANGE.format(days=400)),
    ],
)  # fmt: skip
def test_dates_are_checked_and_replaced_with_a_warning(
    params: dict[str, str], start: date, end: date, warning: str | None
) -> None:
    got = parse(params)
    assert (got.start, got.end) == (start, end)
    assert got.warnings == (() if warning is None else (warning,))


@pytest.mark.parametrize(
    ("viewer", "raw", "unit", "warned"),
    [
        (ADMIN, "3", 3, False),
        (SUPERVISOR, "2", 2, False),
        (SUPERVISOR, "3", None, True),  # a real unit, but not this supervisor's
        (ADMIN, "99", None, True),  # no such unit
        (ADMIN, "1 OR 1=1", None, True),
        (ADMIN, "-1", None, True),
        (ADMIN, "１", None, True),  # full-width digit
        (ADMIN, "", None, False),
    ],
)
def test_unit_must_exist_and_be_in_scope(
    viewer: Viewer, raw: str, unit: int | None, warned: bool
) -> None:
    got = parse({"unit": raw}, viewer)
    assert got.unit_id == unit
    assert got.warnings == ((t.WARN_UNIT,) if warned else ())


def test_unit_filter_narrows_the_scope_and_never_widens_it() -> None:
    assert parse({"unit": "2"}, SUPERVISOR).scope(SUPERVISOR) == Scope.units([2])
    assert parse({}, SUPERVISOR).scope(SUPERVISOR) == Scope.units([1, 2])
    assert parse({"unit": "3"}, SUPERVISOR).scope(SUPERVISOR) == Scope.units([1, 2])


def test_list_values_use_the_last_one() -> None:
    assert parse({"unit": ["1", "2"]}).unit_id == 2  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  budi   santoso ", "budi santoso"),
        ("bu\x00di", "bu di"),
        ("a\u202eb", "a b"),  # right-to-left override
        ("x\r\nFAKE LOG", "x FAKE LOG"),
        ("ｂｕｄｉ", "budi"),  # NFKC folds full-width letters
        ("z" * 100, "z" * qf.MAX_SEARCH),
    ],
)
def test_search_text_is_one_clean_line(raw: str, clean: str) -> None:
    assert parse({"cari": raw}).search == clean


def test_params_round_trip_through_parse() -> None:
    got = parse({"dari": "2026-10-03", "sampai": "2026-10-20", "unit": "2", "cari": "sri"})
    assert got.params() == {
        "dari": "2026-10-03",
        "sampai": "2026-10-20",
        "unit": "2",
        "cari": "sri",
    }
    assert parse(got.params()) == got


def test_cache_key_ignores_warnings_only() -> None:
    got = parse({"unit": "99"})
    assert got.warnings and not got.key().warnings
    assert got.key() == parse({}).key()


def _names(engine: Engine, search: str) -> list[str]:
    filters = qf.Filters(date(2026, 11, 1), TODAY, search=search)
    with db.read_session(engine) as session:
        stmt = select(Employee.name).where(qf.employee_condition(Employee.id, filters))
        return sorted(session.exec(stmt.order_by(col(Employee.name))).all())


def test_search_matches_name_any_case_or_nip_digits_and_hides_erased(engine: Engine) -> None:
    with db.write_session(engine) as s:
        u = f.unit(s)
        f.employee(s, u, 1, name="Sri Wahyuni")
        f.employee(s, u, 2, name="SRIYANTO")
        f.employee(s, u, 3, name="Budi 100% Rajin")
        f.employee(s, u, 4, name="Ani_Putri")
        f.employee(s, u, 5, name="Sri Dihapus", status="dihapus")
    assert _names(engine, "sri") == ["SRIYANTO", "Sri Wahyuni"]
    assert _names(engine, "") == ["Ani_Putri", "Budi 100% Rajin", "SRIYANTO", "Sri Wahyuni"]
    # LIKE wildcards typed by a person are plain characters.
    assert _names(engine, "%") == ["Budi 100% Rajin"]
    assert _names(engine, "_") == ["Ani_Putri"]
    # NIP digits, written with or without the usual spaces.
    assert _names(engine, f.nip(2)[8:]) == ["SRIYANTO"]
    assert _names(engine, "19850101 201001 1 003") == ["Budi 100% Rajin"]
    assert _names(engine, "' OR 1=1 --") == []


def test_units_and_employees_offered_are_the_viewers_own(engine: Engine) -> None:
    with db.write_session(engine) as s:
        a, b = f.unit(s, name="Alpha"), f.unit(s, name="Beta")
        f.employee(s, a, 1, name="Ana")
        f.employee(s, b, 2, name="Bob")
        f.employee(s, a, 3, name="Gone", status="dihapus")
    viewer = Viewer("atasan", "supervisor", Scope.units([a.id]))  # type: ignore[list-item]
    with db.read_session(engine) as s:
        assert [u.name for u in qf.units_in_scope(s, viewer)] == ["Alpha"]
        assert [u.name for u in qf.units_in_scope(s, ADMIN)] == ["Alpha", "Beta"]
        options = qf.employee_options(s, viewer, qf.Filters(date(2026, 11, 1), TODAY))
    assert [o.name for o in options] == ["Ana"]


@pytest.mark.parametrize(
    ("start", "end", "days", "tail_start"),
    [
        (date(2026, 1, 1), date(2026, 11, 18), 92, date(2026, 8, 19)),
        (date(2026, 11, 1), date(2026, 11, 18), 92, date(2026, 11, 1)),  # short ranges stay
        (date(2026, 11, 18), date(2026, 11, 18), 1, date(2026, 11, 18)),
    ],
)
def test_tail_keeps_the_last_days_of_the_range(
    start: date, end: date, days: int, tail_start: date
) -> None:
    got = qf.Filters(start, end, unit_id=2, search="x", warnings=("w",)).tail(days)
    assert (got.start, got.end, got.unit_id, got.search, got.warnings) == (
        tail_start,
        end,
        2,
        "x",
        (),
    )
    assert (got.end - got.start).days + 1 == min(days, (end - start).days + 1)


def test_previous_months_are_whole_months_before_the_end() -> None:
    got = qf.Filters(date(2026, 11, 1), date(2026, 11, 18), unit_id=3).previous_months(3)
    assert (got.start, got.end, got.unit_id) == (date(2026, 8, 1), date(2026, 10, 31), 3)
    january = qf.Filters(date(2026, 1, 1), date(2026, 1, 5)).previous_months(1)
    assert (january.start, january.end) == (date(2025, 12, 1), date(2025, 12, 31))
