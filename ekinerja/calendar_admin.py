"""The admin side of the work calendar: local holiday decisions and Ramadan periods.

National holidays and cuti bersama come from the `holidays` package (`sync_year`); admins and HR
add or remove local decisions (kind "lokal") and correct Ramadan periods. Every change is audited
and recomputes the daily summaries of exactly the days whose meaning changed, in the same
transaction, so recaps and charts never disagree with the calendar.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta

import pandas as pd
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ekinerja import access, audit, texts
from ekinerja.access import Viewer
from ekinerja.calendar import sync_calendar, weekly_hours
from ekinerja.models import Holiday, SpecialPeriod, Unit, WorkSchedule
from ekinerja.summary import refresh
from ekinerja.texts import recap as t
from ekinerja.validation import ValidationError

MAX_RAMADAN_DAYS = 31


def require_read(viewer: Viewer) -> None:
    access.require(viewer, "page:kalender")


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(t.YEAR_RANGE)


def _clean_name(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw or "")
    text = " ".join("".join(ch for ch in text if unicodedata.category(ch)[0] != "C").split())
    if not 3 <= len(text) <= 200:
        raise ValidationError(t.HOLIDAY_NAME_REQUIRED)
    return text


def refresh_days(session: Session, days: Iterable[date]) -> int:
    """Recompute the summaries of every employee on these days, one run of consecutive days at a time."""
    ordered = sorted(set(days))
    written = 0
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + timedelta(days=1):
            j += 1
        written += refresh(session, None, ordered[i], ordered[j])
        i = j + 1
    return written


def _span(start: date, end: date) -> set[date]:
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


# --- schedules (read-only here; units are edited with the organisation data) ----------------------


def schedules_frame(session: Session, viewer: Viewer) -> pd.DataFrame:
    """Each work schedule with its hours and net weekly hours, to check against Perpres 21/2023."""
    require_read(viewer)
    counts = dict(
        session.exec(
            select(col(Unit.schedule_id), func.count()).group_by(col(Unit.schedule_id))
        ).all()
    )

    def clock(value: object) -> str:
        return value.strftime("%H:%M") if hasattr(value, "strftime") else "-"

    rows = []
    for s in session.exec(select(WorkSchedule).order_by(col(WorkSchedule.name))).all():
        days = ", ".join(texts.WEEKDAYS[int(d) - 1] for d in s.workdays)
        rows.append(
            {
                "name": s.name,
                "units": counts.get(s.id or 0, 0),
                "days": t.SHIFT_SCHEDULE if s.is_shift else days,
                "hours": "-" if s.is_shift else f"{clock(s.start)}-{clock(s.end_mon_thu)}",
                "friday": "-" if s.is_shift else f"{clock(s.start)}-{clock(s.end_fri)}",
                "ramadan": "-"
                if s.is_shift
                else (
                    f"{clock(s.ramadan_start)}-{clock(s.ramadan_end_mon_thu)} "
                    f"(Jumat {clock(s.ramadan_start)}-{clock(s.ramadan_end_fri)})"
                ),
                "weekly": None if s.is_shift else weekly_hours(s, False),
                "weekly_ramadan": None if s.is_shift else weekly_hours(s, True),
            }
        )
    return pd.DataFrame(rows, columns=list(t.SCHEDULE_COLUMNS)).rename(columns=t.SCHEDULE_COLUMNS)


# --- holidays ------------------------------------------------------------------------------------


def holidays_frame(session: Session, viewer: Viewer, year: int) -> pd.DataFrame:
    """Holidays of a year in date order, indexed by id, with Indonesian column names."""
    require_read(viewer)
    _check_year(year)
    rows = session.exec(
        select(Holiday)
        .where(col(Holiday.day) >= date(year, 1, 1), col(Holiday.day) <= date(year, 12, 31))
        .order_by(col(Holiday.day))
    ).all()
    frame = pd.DataFrame(
        [
            {
                "id": h.id,
                "day": h.day,
                "weekday": texts.WEEKDAYS[h.day.weekday()],
                "name": h.name,
                "kind": texts.HOLIDAY_KIND_LABELS.get(h.kind, h.kind),
                "source": "paket holidays" if h.source == "holidays" else h.source,
            }
            for h in rows
        ],
        columns=["id", "day", "weekday", "name", "kind", "source"],
    )
    return frame.set_index("id").rename(columns=t.HOLIDAY_COLUMNS)


def local_holidays(session: Session, viewer: Viewer, year: int) -> list[Holiday]:
    require_read(viewer)
    return list(
        session.exec(
            select(Holiday)
            .where(
                Holiday.kind == "lokal",
                col(Holiday.day) >= date(year, 1, 1),
                col(Holiday.day) <= date(year, 12, 31),
            )
            .order_by(col(Holiday.day))
        ).all()
    )


def add_local_holiday(session: Session, viewer: Viewer, day: date | None, name: str) -> Holiday:
    """A local decision (e.g. a Wali Kota's circular): a day off for every regular unit."""
    access.require(viewer, "calendar.edit")
    if not isinstance(day, date):
        raise ValidationError("Tanggal wajib diisi.")
    _check_year(day.year)
    clean = _clean_name(name)
    existing = session.exec(select(Holiday).where(Holiday.day == day)).first()
    if existing is not None:
        raise ValidationError(t.HOLIDAY_EXISTS.format(day=texts.fmt_date(day), name=existing.name))
    row = Holiday(day=day, name=clean, kind="lokal", source=viewer.actor.name[:100])
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # another admin added the same day a moment ago
        raise ValidationError(t.HOLIDAY_EXISTS.format(day=texts.fmt_date(day), name=clean)) from exc
    audit.record(
        session, viewer.actor, "kalender.libur_tambah", "holiday", row.id,
        after={"day": day, "name": clean, "kind": "lokal"},
    )  # fmt: skip
    refresh_days(session, [day])
    return row


def remove_local_holiday(session: Session, viewer: Viewer, holiday_id: int) -> None:
    """Remove a local decision; national holidays and cuti bersama stay (they are the decree)."""
    access.require(viewer, "calendar.edit")
    row = session.get(Holiday, holiday_id)
    if row is None:
        raise ValidationError(t.HOLIDAY_NOT_FOUND)
    if row.kind != "lokal":
        raise ValidationError(t.HOLIDAY_NOT_LOCAL)
    before = {"day": row.day, "name": row.name, "kind": row.kind}
    day = row.day
    session.delete(row)
    session.flush()
    audit.record(
        session, viewer.actor, "kalender.libur_hapus", "holiday", holiday_id, before=before
    )
    refresh_days(session, [day])


def sync_year(session: Session, viewer: Viewer, year: int) -> int:
    """Take the year's national holidays, cuti bersama and Ramadan from the package; audited."""
    access.require(viewer, "calendar.edit")
    _check_year(year)
    days_before = set(session.exec(select(col(Holiday.day))).all())
    periods_before = {p.id for p in session.exec(select(SpecialPeriod)).all()}
    added = sync_calendar(session, [year])
    if not added:
        return 0
    new_days = set(session.exec(select(col(Holiday.day))).all()) - days_before
    changed = set(new_days)
    for period in session.exec(select(SpecialPeriod)).all():
        if period.id not in periods_before:
            changed |= _span(period.start_date, period.end_date)
    audit.record(
        session, viewer.actor, "kalender.sinkron", "holiday", year,
        after={"tahun": year, "ditambah": added, "hari_libur_baru": sorted(new_days)},
    )  # fmt: skip
    refresh_days(session, changed)
    return added


# --- Ramadan periods -----------------------------------------------------------------------------


def ramadan_periods(session: Session, viewer: Viewer) -> list[SpecialPeriod]:
    require_read(viewer)
    return list(
        session.exec(
            select(SpecialPeriod)
            .where(SpecialPeriod.kind == "ramadan")
            .order_by(col(SpecialPeriod.start_date))
        ).all()
    )


def ramadan_frame(periods: Iterable[SpecialPeriod]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                "id": p.id,
                "start_date": p.start_date,
                "end_date": p.end_date,
                "days": (p.end_date - p.start_date).days + 1,
                "note": p.note or "",
            }
            for p in periods
        ],
        columns=["id", "start_date", "end_date", "days", "note"],
    )
    return frame.rename(columns=t.PERIOD_COLUMNS)


def _check_period(
    session: Session, start: date | None, end: date | None, period_id: int | None
) -> tuple[date, date]:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError("Tanggal mulai dan selesai wajib diisi.")
    _check_year(start.year)
    _check_year(end.year)
    if end < start:
        raise ValidationError(t.PERIOD_ORDER)
    if (end - start).days + 1 > MAX_RAMADAN_DAYS:
        raise ValidationError(t.PERIOD_LENGTH.format(days=MAX_RAMADAN_DAYS))
    others = session.exec(
        select(SpecialPeriod).where(
            SpecialPeriod.kind == "ramadan",
            col(SpecialPeriod.start_date) <= end,
            col(SpecialPeriod.end_date) >= start,
        )
    ).all()
    for other in others:
        if other.id != period_id:
            raise ValidationError(
                t.PERIOD_OVERLAP.format(
                    start=texts.fmt_date(other.start_date), end=texts.fmt_date(other.end_date)
                )
            )
    return start, end


def _load_period(session: Session, period_id: int, seen: tuple[date, date] | None) -> SpecialPeriod:
    row = session.get(SpecialPeriod, period_id)
    if row is None or row.kind != "ramadan":
        raise ValidationError(t.PERIOD_NOT_FOUND)
    # The form remembers the dates it showed: a save over someone else's change is refused.
    if seen is not None and (row.start_date, row.end_date) != tuple(seen):
        raise ValidationError(t.PERIOD_STALE)
    return row


def save_ramadan(
    session: Session,
    viewer: Viewer,
    period_id: int | None,
    start: date | None,
    end: date | None,
    note: str = "",
    seen: tuple[date, date] | None = None,
) -> SpecialPeriod:
    """Add (period_id None) or correct a Ramadan period; recomputes only the days that changed."""
    access.require(viewer, "calendar.edit")
    start, end = _check_period(session, start, end, period_id)
    clean_note = " ".join((note or "").split())[:200] or None
    if period_id is None:
        row = SpecialPeriod(kind="ramadan", start_date=start, end_date=end, note=clean_note)
        before = None
        old_days: set[date] = set()
    else:
        row = _load_period(session, period_id, seen)
        before = {"start": row.start_date, "end": row.end_date, "note": row.note}
        old_days = _span(row.start_date, row.end_date)
        row.start_date, row.end_date, row.note = start, end, clean_note
    session.add(row)
    session.flush()
    audit.record(
        session, viewer.actor, "kalender.ramadan_simpan", "special_period", row.id,
        before=before, after={"start": start, "end": end, "note": clean_note},
    )  # fmt: skip
    refresh_days(session, old_days ^ _span(start, end))
    return row


def delete_ramadan(
    session: Session, viewer: Viewer, period_id: int, seen: tuple[date, date] | None = None
) -> None:
    access.require(viewer, "calendar.edit")
    row = _load_period(session, period_id, seen)
    days = _span(row.start_date, row.end_date)
    before = {"start": row.start_date, "end": row.end_date, "note": row.note}
    session.delete(row)
    session.flush()
    audit.record(
        session, viewer.actor, "kalender.ramadan_hapus", "special_period", period_id, before=before
    )
    refresh_days(session, days)
