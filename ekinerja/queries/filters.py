"""The filter bar of the analytics pages, without Streamlit: URL parameters in, a checked Filters out.

Parameters (all optional, all text, as they arrive from `st.query_params`):
    dari=2026-11-01  sampai=2026-11-28  unit=12  cari=budi

Anything wrong is replaced by the default and reported in `Filters.warnings` (Indonesian), never
raised: a shared link with an old or foreign parameter still opens. A unit outside the viewer's
scope is ignored, so the URL can only narrow what the account may see, never widen it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlmodel import Session, col

from ekinerja.access import Scope, Viewer
from ekinerja.models import Employee, Unit
from ekinerja.texts import analytics as t

START, END, UNIT, SEARCH = "dari", "sampai", "unit", "cari"
PARAMS = (START, END, UNIT, SEARCH)
# About thirteen months: a year compared with the month before it, and no more.
MAX_RANGE_DAYS = 400
MAX_SEARCH = 60


@dataclass(frozen=True)
class Filters:
    """What the filter bar selected; hashable, so it can key a cache."""

    start: date
    end: date
    unit_id: int | None = None
    search: str = ""
    warnings: tuple[str, ...] = ()

    def scope(self, viewer: Viewer) -> Scope:
        """The viewer's scope, narrowed to the chosen unit (never widened)."""
        return viewer.scope.narrow(None if self.unit_id is None else [self.unit_id])

    def params(self) -> dict[str, str]:
        """The canonical URL parameters of this view (empty values left out)."""
        out = {START: self.start.isoformat(), END: self.end.isoformat()}
        if self.unit_id is not None:
            out[UNIT] = str(self.unit_id)
        if self.search:
            out[SEARCH] = self.search
        return out

    def with_unit(self, unit_id: int | None) -> Filters:
        """The same view for one unit (for a drill-down; the target page checks the scope again)."""
        return replace(self, unit_id=unit_id, warnings=())

    def tail(self, days: int) -> Filters:
        """At most the last `days` days of the range: for reads over big raw tables (activities,
        punches) whose cost grows with the range; the page says so when it cuts."""
        start = max(self.start, self.end - timedelta(days=days - 1))
        return replace(self, start=start, warnings=())

    def previous_months(self, months: int) -> Filters:
        """The `months` whole months before the month of `end` (reviews of a month come after it)."""
        end = self.end.replace(day=1) - timedelta(days=1)
        return replace(self, start=default_start(end, months - 1), end=end, warnings=())

    def key(self) -> Filters:
        """The same filters without warnings: what a cached result depends on."""
        return replace(self, warnings=())


def default_start(today: date, months_back: int = 0) -> date:
    """First day of the month `months_back` months before today's month."""
    first = today.replace(day=1)
    for _ in range(months_back):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def _one(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    return None if value is None else str(value)


def _date(raw: str | None, name: str, warnings: list[str]) -> date | None:
    if raw is None or raw == "":
        return None
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        warnings.append(t.WARN_BAD_DATE.format(param=name, value=raw[:20]))
        return None


def clean_text(raw: str | None, limit: int) -> str:
    """One line: NFKC, no control or format characters (line breaks, NUL, RTL override), trimmed."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())[:limit]


def clean_search(raw: str | None) -> str:
    return clean_text(raw, MAX_SEARCH)


def parse(
    params: Mapping[str, Any],
    *,
    viewer: Viewer,
    known_units: Collection[int],
    today: date,
    months_back: int = 0,
) -> Filters:
    """Check URL parameters against the calendar, the viewer's scope and the known units."""
    warnings: list[str] = []
    start = _date(_one(params, START), START, warnings)
    end = _date(_one(params, END), END, warnings)
    if end is None:
        end = today
    if end > today:
        warnings.append(t.WARN_FUTURE.format(day=t.fmt_date(end)))
        end = today
    if start is None:
        start = min(default_start(today, months_back), end)
    if start > end:
        warnings.append(t.WARN_ORDER)
        start = min(default_start(end, months_back), end)
    if (end - start).days > MAX_RANGE_DAYS:
        warnings.append(t.WARN_RANGE.format(days=MAX_RANGE_DAYS))
        start = end - timedelta(days=MAX_RANGE_DAYS)

    unit_id: int | None = None
    raw_unit = _one(params, UNIT)
    if raw_unit:
        candidate = int(raw_unit) if raw_unit.isascii() and raw_unit.isdigit() else None
        # One message for unknown and foreign units: the link only learns "not for you".
        if candidate is None or candidate not in known_units or not viewer.scope.allows(candidate):
            warnings.append(t.WARN_UNIT)
        else:
            unit_id = candidate
    return Filters(start, end, unit_id, clean_search(_one(params, SEARCH)), tuple(warnings))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_condition(search: str) -> ColumnElement[bool] | None:
    """Employees whose name contains the text (any case) or whose NIP contains its digits."""
    if not search:
        return None
    pattern = f"%{_escape_like(search.casefold())}%"
    conditions = [func.lower(col(Employee.name)).like(pattern, escape="\\")]
    digits = search.replace(" ", "")
    if digits.isascii() and digits.isdigit():
        conditions.append(col(Employee.nip).like(f"%{digits}%"))
    return or_(*conditions)


def visible_employee(employee_column: Any) -> ColumnElement[bool]:
    """`employee_column` belongs to an employee who is not erased (status `dihapus`)."""
    visible = select(col(Employee.id)).where(col(Employee.status) != "dihapus")
    return employee_column.in_(visible)  # type: ignore[no-any-return]


def employee_condition(employee_column: Any, filters: Filters) -> ColumnElement[bool]:
    """`employee_column` belongs to a visible employee (not `dihapus`) matching the search."""
    visible = select(col(Employee.id)).where(col(Employee.status) != "dihapus")
    match = search_condition(filters.search)
    if match is not None:
        visible = visible.where(match)
    return employee_column.in_(visible)  # type: ignore[no-any-return]


def unit_condition(unit_column: Any, viewer: Viewer, filters: Filters) -> ColumnElement[bool]:
    return filters.scope(viewer).clause(unit_column)


@dataclass(frozen=True)
class UnitOption:
    id: int
    code: str
    name: str


def units_in_scope(session: Session, viewer: Viewer) -> list[UnitOption]:
    """Units the viewer may pick in the filter bar, by name."""
    stmt = select(col(Unit.id), col(Unit.code), col(Unit.name)).where(
        viewer.scope.clause(col(Unit.id))
    )
    rows = session.execute(stmt.order_by(col(Unit.name))).all()
    return [UnitOption(int(i), str(c), str(n)) for i, c, n in rows if i is not None]


def all_unit_ids(session: Session) -> set[int]:
    return {int(i) for i in session.execute(select(col(Unit.id))).scalars() if i is not None}


MAX_EMPLOYEE_OPTIONS = 300


def employee_options(session: Session, viewer: Viewer, filters: Filters) -> list[EmployeeOption]:
    """Visible employees in the (narrowed) scope matching the search, by name; at most 300."""
    stmt = (
        select(col(Employee.id), col(Employee.nip), col(Employee.name), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(
            col(Employee.status) != "dihapus",
            filters.scope(viewer).clause(col(Employee.unit_id)),
        )
        .order_by(col(Employee.name), col(Employee.nip))
        .limit(MAX_EMPLOYEE_OPTIONS)
    )
    match = search_condition(filters.search)
    if match is not None:
        stmt = stmt.where(match)
    return [
        EmployeeOption(int(i), str(n), str(nm), str(u))
        for i, n, nm, u in session.execute(stmt).all()
    ]


@dataclass(frozen=True)
class EmployeeOption:
    id: int
    nip: str
    name: str
    unit: str

    def label(self) -> str:
        return f"{self.name} · {self.nip} · {self.unit}"
