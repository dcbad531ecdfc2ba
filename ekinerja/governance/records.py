"""What the Kelola Data screen manages: the record kinds, their editable fields, and the search.

Each kind says which columns name the person (reviews name two), which dates place it in time
(for holds and retention), which fields an admin may correct and how each is checked, and
whether the daily summary depends on it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlmodel import Session, SQLModel

from ekinerja import summary, texts
from ekinerja.access import Viewer, require
from ekinerja.governance.common import ANONYMISED_PREFIX, NotFound, table_of
from ekinerja.models import (
    Activity,
    BehaviourReview,
    DailySummary,
    Employee,
    Leave,
    Punch,
    Unit,
)
from ekinerja.models.calendar import LEAVE_KINDS
from ekinerja.models.work import ACTIVITY_STATUSES, BERAKHLAK, RELATIONS
from ekinerja.texts import governance as T
from ekinerja.timeutil import WIB, utc_now, wib_date
from ekinerja.validation import ValidationError, check_coordinates

SEARCH_LIMIT = 500
LIKE_ESCAPE = "\\"


# --- field parsers: each takes what a form or the data editor gives and returns a clean value ----


def text_field(max_len: int, required: bool) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = ""
        text = str(value).strip()
        if "\x00" in text:
            raise ValidationError("Teks tidak boleh memuat karakter NUL.")
        if not text:
            if required:
                raise ValidationError("Kolom teks wajib diisi.")
            return None
        if len(text) > max_len:
            raise ValidationError(f"Teks terlalu panjang (maksimal {max_len} karakter).")
        return text

    return parse


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in options:
            raise ValidationError(
                f"Nilai {str(value)[:40]!r} tidak sah (pilih: {', '.join(options)})."
            )
        return str(value)

    return parse


def _labelled(labels: Mapping[str, str]) -> Callable[[Any], str]:
    """A code, or the Indonesian label the grid shows for it ("Masuk" for "in")."""
    by_label = {label.casefold(): code for code, label in labels.items()}

    def parse(value: Any) -> str:
        text = str(value).strip()
        code = text if text in labels else by_label.get(text.casefold())
        if code is None:
            raise ValidationError(
                f"Nilai {text[:40]!r} tidak sah (pilih: {', '.join(labels.values())})."
            )
        return code

    return parse


def _int_range(lo: int, hi: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"Harus berupa bilangan bulat {lo}-{hi}.") from exc
        if not math.isfinite(number) or not number.is_integer() or not lo <= number <= hi:
            raise ValidationError(f"Harus berupa bilangan bulat {lo}-{hi}.")
        return int(number)

    return parse


def _optional_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError("Koordinat harus berupa angka.") from exc
    return None if math.isnan(number) else number


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValidationError(
            f"Tanggal tidak sah: {str(value)[:40]!r} (pakai YYYY-MM-DD)."
        ) from exc


def parse_wib_datetime(value: Any) -> datetime:
    """A time from the screen: naive means WIB wall-clock (what the grid shows); never the future."""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value).strip().replace(" ", "T", 1))
        except ValueError as exc:
            raise ValidationError(f"Waktu tidak sah: {str(value)[:40]!r}.") from exc
    aware: datetime = value.replace(tzinfo=WIB) if value.tzinfo is None else value
    if aware > utc_now() + timedelta(minutes=5):
        raise ValidationError("Waktu absen tidak boleh di masa depan.")
    return aware.astimezone(UTC)


# --- record kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    parse: Callable[[Any], Any]
    # Free text can name people; audit entries keep only its length.
    free_text: bool = False


def _check_punch(row: dict[str, Any]) -> dict[str, Any]:
    derived: dict[str, Any] = {"work_date": wib_date(row["ts"])}
    coords = check_coordinates(row["lat"], row["lon"])
    if coords is None and row["channel"] in ("selfie", "wfh"):
        raise ValidationError("Absen selfie dan WFH wajib punya koordinat GPS.")
    return derived


def _check_leave(row: dict[str, Any]) -> dict[str, Any]:
    if row["end_date"] < row["start_date"]:
        raise ValidationError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if row["kind"] != "cuti" and row["subkind"]:
        raise ValidationError("Rincian jenis hanya untuk cuti.")
    return {}


def _no_check(_row: dict[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class EntitySpec:
    key: str
    model: type[SQLModel]
    employee_cols: tuple[str, ...]
    date_lo: str
    date_hi: str
    fields: Mapping[str, FieldSpec] = field(default_factory=dict)
    check: Callable[[dict[str, Any]], dict[str, Any]] = _no_check
    # "day": refresh the summary of the record's day(s); "span": over the record's date span.
    summary: str | None = None
    editable: bool = True
    # The date is the first day of a month that the record covers whole (reviews).
    monthly: bool = False

    @property
    def label(self) -> str:
        return T.ENTITY_LABELS[self.key]

    def span(self, row: Mapping[str, Any]) -> tuple[date, date]:
        """The first and last day a record covers (for holds)."""
        lo, hi = row[self.date_lo], row[self.date_hi]
        return lo, (month_end(hi) if self.monthly else hi)


_RATING = FieldSpec(_int_range(1, 3))

ENTITIES: dict[str, EntitySpec] = {
    "punch": EntitySpec(
        "punch", Punch, ("employee_id",), "work_date", "work_date",
        {
            "ts": FieldSpec(parse_wib_datetime),
            "direction": FieldSpec(_labelled(texts.DIRECTION_LABELS)),
            "lat": FieldSpec(_optional_float),
            "lon": FieldSpec(_optional_float),
        },
        _check_punch, summary="day",
    ),
    "leave": EntitySpec(
        "leave", Leave, ("employee_id",), "start_date", "end_date",
        {
            "kind": FieldSpec(_choice(LEAVE_KINDS)),
            "subkind": FieldSpec(text_field(30, required=False)),
            "start_date": FieldSpec(parse_date),
            "end_date": FieldSpec(parse_date),
            "note": FieldSpec(text_field(1000, required=False), free_text=True),
        },
        _check_leave, summary="span",
    ),
    "activity": EntitySpec(
        "activity", Activity, ("employee_id",), "work_date", "work_date",
        {
            "description": FieldSpec(text_field(2000, required=True), free_text=True),
            "minutes": FieldSpec(_int_range(1, 1440)),
            "status": FieldSpec(_choice(ACTIVITY_STATUSES)),
        },
    ),
    "review": EntitySpec(
        "review", BehaviourReview, ("reviewer_id", "reviewee_id"), "period", "period",
        {
            "relation": FieldSpec(_choice(RELATIONS)),
            **dict.fromkeys(BERAKHLAK, _RATING),
            "comment": FieldSpec(text_field(4000, required=False), free_text=True),
        },
        monthly=True,
    ),
    "summary": EntitySpec(
        "summary", DailySummary, ("employee_id",), "work_date", "work_date", editable=False
    ),
}  # fmt: skip
MANAGED = ("punch", "leave", "activity", "review")


def month_end(day: date) -> date:
    first_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next - timedelta(days=1)


def entity(key: str) -> EntitySpec:
    try:
        return ENTITIES[key]
    except KeyError:
        raise ValidationError(T.UNKNOWN_ENTITY.format(entity=str(key)[:40])) from None


def load_row(session: Session, spec: EntitySpec, record_id: int) -> dict[str, Any]:
    """The stored row as a dict (Core, so no stale ORM copy), or NotFound when it was purged."""
    table = table_of(spec.model)
    row = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise NotFound(T.NOT_FOUND.format(entity=spec.label, id=record_id))
    return dict(row)


def employees_of(spec: EntitySpec, row: Mapping[str, Any]) -> list[int]:
    return [int(row[c]) for c in spec.employee_cols if row.get(c) is not None]


# --- search -------------------------------------------------------------------------------------


def like_contains(text: str) -> str:
    """A LIKE pattern matching `text` literally: %, _ and the escape character lose their power."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )  # fmt: skip
    return f"%{escaped}%"


def employee_match(text: str | None, emp: Any) -> ColumnElement[bool] | None:
    """NIP (digits, spaces allowed: contained) or name (contains, any case); `emp`: columns."""
    query = (text or "").strip()
    if not query:
        return None
    digits = query.replace(" ", "")
    if digits.isdigit():
        return emp.nip.like(like_contains(digits)[1:], escape=LIKE_ESCAPE)  # type: ignore[no-any-return]
    return emp.name.ilike(like_contains(query), escape=LIKE_ESCAPE)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class RecordFilter:
    text: str | None = None
    unit_id: int | None = None
    employee_id: int | None = None
    start: date | None = None
    end: date | None = None
    # False: live records; True: the soft-deleted ones (the recycle bin).
    deleted: bool = False


def _people_filters(viewer: Viewer, flt: RecordFilter, emp: Any) -> list[ColumnElement[bool]]:
    scope = viewer.scope.narrow(None if flt.unit_id is None else [flt.unit_id])
    conds: list[ColumnElement[bool]] = [scope.clause(emp.unit_id), emp.status != "dihapus"]
    if flt.employee_id is not None:
        conds.append(emp.id == flt.employee_id)
    match = employee_match(flt.text, emp)
    if match is not None:
        conds.append(match)
    return conds


def _date_filters(lo: Any, hi: Any, flt: RecordFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if flt.start is not None:
        conds.append(hi >= flt.start)
    if flt.end is not None:
        conds.append(lo <= flt.end)
    return conds


def _deleted_filter(table_col: Any, flt: RecordFilter) -> ColumnElement[bool]:
    return table_col.is_not(None) if flt.deleted else table_col.is_(None)  # type: ignore[no-any-return]


def _employee_alias(name: str = "e") -> Any:
    return table_of(Employee).alias(name)


def _punch_query(viewer: Viewer, flt: RecordFilter) -> Select[Any]:
    p, e = table_of(Punch), _employee_alias()
    return (
        select(
            p.c.id, e.c.nip, e.c.name, p.c.work_date, p.c.ts, p.c.direction, p.c.channel,
            p.c.lat, p.c.lon, p.c.mock_location, p.c.photo_path.is_not(None).label("has_photo"),
            p.c.version, p.c.deleted_at,
        )
        .join(e, e.c.id == p.c.employee_id)
        .where(*_people_filters(viewer, flt, e.c), _deleted_filter(p.c.deleted_at, flt))
        .where(*_date_filters(p.c.work_date, p.c.work_date, flt))
        .order_by(p.c.work_date.desc(), e.c.nip, p.c.ts, p.c.id)
    )  # fmt: skip


def _leave_query(viewer: Viewer, flt: RecordFilter) -> Select[Any]:
    lv, e = table_of(Leave), _employee_alias()
    return (
        select(
            lv.c.id, e.c.nip, e.c.name, lv.c.kind, lv.c.subkind, lv.c.start_date, lv.c.end_date,
            lv.c.note, lv.c.version, lv.c.deleted_at,
        )
        .join(e, e.c.id == lv.c.employee_id)
        .where(*_people_filters(viewer, flt, e.c), _deleted_filter(lv.c.deleted_at, flt))
        .where(*_date_filters(lv.c.start_date, lv.c.end_date, flt))
        .order_by(lv.c.start_date.desc(), e.c.nip, lv.c.id)
    )  # fmt: skip


def _activity_query(viewer: Viewer, flt: RecordFilter) -> Select[Any]:
    a, e = table_of(Activity), _employee_alias()
    return (
        select(
            a.c.id, e.c.nip, e.c.name, a.c.work_date, a.c.description, a.c.minutes, a.c.status,
            a.c.version, a.c.deleted_at,
        )
        .join(e, e.c.id == a.c.employee_id)
        .where(*_people_filters(viewer, flt, e.c), _deleted_filter(a.c.deleted_at, flt))
        .where(*_date_filters(a.c.work_date, a.c.work_date, flt))
        .order_by(a.c.work_date.desc(), e.c.nip, a.c.id)
    )  # fmt: skip


def _review_query(viewer: Viewer, flt: RecordFilter) -> Select[Any]:
    """Reviews written or received by the people matched; the reviewee's unit decides the scope."""
    r, writer, subject = table_of(BehaviourReview), _employee_alias("w"), _employee_alias("s")
    return (
        select(
            r.c.id, r.c.period, writer.c.nip.label("reviewer_nip"),
            subject.c.nip.label("reviewee_nip"), subject.c.name, r.c.relation,
            *(r.c[v] for v in BERAKHLAK), r.c.comment, r.c.version, r.c.deleted_at,
        )
        .join(writer, writer.c.id == r.c.reviewer_id)
        .join(subject, subject.c.id == r.c.reviewee_id)
        .where(
            or_(and_(*_people_filters(viewer, flt, subject.c)),
                and_(*_people_filters(viewer, flt, writer.c))),
            writer.c.status != "dihapus", subject.c.status != "dihapus",
            viewer.scope.clause(subject.c.unit_id), _deleted_filter(r.c.deleted_at, flt),
        )
        .where(*_date_filters(r.c.period, r.c.period, flt))
        .order_by(r.c.period.desc(), subject.c.nip, r.c.id)
    )  # fmt: skip


def _summary_query(viewer: Viewer, flt: RecordFilter) -> Select[Any]:
    s, e = table_of(DailySummary), _employee_alias()
    return (
        select(
            s.c.id, e.c.nip, e.c.name, s.c.work_date, s.c.status, s.c.first_in, s.c.last_out,
            s.c.minutes_late, s.c.minutes_early, s.c.punch_count,
        )
        .join(e, e.c.id == s.c.employee_id)
        .where(*_people_filters(viewer, flt, e.c), *_date_filters(s.c.work_date, s.c.work_date, flt))
        .order_by(s.c.work_date.desc(), e.c.nip)
    )  # fmt: skip


_QUERIES: dict[str, Callable[[Viewer, RecordFilter], Select[Any]]] = {
    "punch": _punch_query,
    "leave": _leave_query,
    "activity": _activity_query,
    "review": _review_query,
    "summary": _summary_query,
}
_DATETIME_COLUMNS = ("ts", "first_in", "last_out", "deleted_at")


def find(
    session: Session, viewer: Viewer, kind: str, flt: RecordFilter, limit: int = SEARCH_LIMIT
) -> pd.DataFrame:
    """Records of one kind for the Kelola Data screen: primary key as index, fixed order.

    Times are WIB wall-clock (what the grid shows and gives back). The summary has no recycle bin.
    """
    require(viewer, "data.correct")
    spec = entity(kind)
    if flt.deleted and kind == "summary":
        return pd.DataFrame()
    stmt = _QUERIES[spec.key](viewer, flt).limit(max(1, min(limit, 5000)))
    frame = pd.read_sql(stmt, session.connection())
    # Codes the grid shows in words; the direction parser takes the words back.
    for name, labels in (("direction", texts.DIRECTION_LABELS), ("channel", texts.CHANNEL_LABELS)):
        if name in frame.columns:
            frame[name] = frame[name].map(labels).fillna(frame[name])
    for name in _DATETIME_COLUMNS:
        if name in frame.columns:
            frame[name] = (
                pd.to_datetime(frame[name], utc=True).dt.tz_convert(WIB).dt.tz_localize(None)
            )
    if not flt.deleted and "deleted_at" in frame.columns:
        frame = frame.drop(columns=["deleted_at"])
    return frame.set_index("id")


def find_employees(
    session: Session,
    viewer: Viewer,
    text: str | None,
    unit_id: int | None = None,
    limit: int = 50,
    include_deleted: bool = False,
) -> pd.DataFrame:
    """People matching a NIP or name, inside the viewer's scope.

    Deleted accounts are left out, unless `include_deleted`: then those still waiting for their
    purge are listed too (their held data can still be exported), never the anonymised ones.
    """
    scope = viewer.scope.narrow(None if unit_id is None else [unit_id])
    e, u = table_of(Employee), table_of(Unit)
    stmt = (
        select(
            e.c.id, e.c.nip, e.c.name, u.c.name.label("unit"), e.c.status,
            e.c.deactivated_for_violation, e.c.version,
        )
        .join(u, u.c.id == e.c.unit_id)
        .where(scope.clause(e.c.unit_id))
        .where(~e.c.nip.startswith(ANONYMISED_PREFIX) if include_deleted else e.c.status != "dihapus")
        .order_by(e.c.nip)
        .limit(limit)
    )  # fmt: skip
    match = employee_match(text, e.c)
    if match is not None:
        stmt = stmt.where(match)
    return pd.read_sql(stmt, session.connection()).set_index("id")


def units(session: Session, viewer: Viewer) -> dict[int, str]:
    u = table_of(Unit)
    rows = session.execute(
        select(u.c.id, u.c.name).where(viewer.scope.clause(u.c.id)).order_by(u.c.name)
    ).all()
    return {int(r[0]): str(r[1]) for r in rows}


def refresh_summary(session: Session, spec: EntitySpec, rows: Iterable[Mapping[str, Any]]) -> None:
    """Recompute the daily summary over every day these rows touched (before and after a change)."""
    if spec.summary is None:
        return
    pairs: list[tuple[int, date]] = []
    for row in rows:
        day = row[spec.date_lo]
        last = row[spec.date_hi]
        for employee_id in employees_of(spec, row):
            pairs += [(employee_id, day), (employee_id, last)]
    if pairs:
        # refresh_pairs spans each employee's earliest to latest day: leave ranges are covered too.
        summary.refresh_pairs(session, pairs)
