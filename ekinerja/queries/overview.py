"""Ringkasan: today's and the period's attendance at a glance, the channel mix, units by punctuality."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col

from ekinerja import texts
from ekinerja.access import Viewer
from ekinerja.models import Employee, Unit
from ekinerja.models.attendance import CHANNELS
from ekinerja.queries import activities
from ekinerja.queries import attendance as att
from ekinerja.queries.display import Card
from ekinerja.queries.filters import Filters, employee_condition, unit_condition
from ekinerja.texts import analytics as t


@dataclass(frozen=True)
class Kpis:
    """Counters of one stretch of days, with the rates the cards show (None when undefined)."""

    expected: int = 0
    present: int = 0
    ontime: int = 0
    late: int = 0
    late_minutes: int = 0
    early: int = 0
    no_checkout: int = 0
    tk: int = 0
    wfh: int = 0
    excused: int = 0
    belum: int = 0

    @classmethod
    def from_row(cls, row: pd.Series) -> Kpis:
        return cls(**{f.name: int(row[f.name]) for f in fields(cls)})

    @staticmethod
    def _rate(num: int, den: int) -> float | None:
        return num / den if den else None

    @property
    def attendance_rate(self) -> float | None:
        return self._rate(self.present, self.expected)

    @property
    def punctuality(self) -> float | None:
        return self._rate(self.ontime, self.present)

    @property
    def wfh_share(self) -> float | None:
        return self._rate(self.wfh, self.present)

    @property
    def is_workday(self) -> bool:
        """False when nobody in the selection had a work day (weekend, holiday)."""
        return self.expected + self.excused > 0


@dataclass(frozen=True)
class Overview:
    today: date
    today_kpis: Kpis
    period: Kpis
    channels: pd.DataFrame  # channel, days (present days by first check-in channel)
    units: pd.DataFrame  # unit_id, code, name, employees, counters, rates; best punctuality first
    pending_activities: int


def today_cards(k: Kpis) -> list[Card]:
    return [
        Card(t.CARD_PRESENT, t.fmt_percent(k.attendance_rate),
             t.OF_EXPECTED.format(present=t.fmt_number(k.present), expected=t.fmt_number(k.expected))),
        Card(t.CARD_LATE, t.fmt_number(k.late), t.METRIC_HELP["ketepatan"]),
        Card(t.CARD_BELUM, t.fmt_number(k.belum), texts.STATUS_LABELS["belum"]),
        Card(t.CARD_TK, t.fmt_number(k.tk), t.METRIC_HELP["tk"]),
        Card(t.CARD_WFH, t.fmt_number(k.wfh), t.METRIC_HELP["wfh"]),
    ]  # fmt: skip


def period_cards(k: Kpis) -> list[Card]:
    def days(n: int) -> str:
        return t.fmt_number(n)

    return [
        Card(t.CARD_ATTENDANCE, t.fmt_percent(k.attendance_rate), t.METRIC_HELP["kehadiran"], "kehadiran"),
        Card(t.CARD_PUNCTUAL, t.fmt_percent(k.punctuality), t.METRIC_HELP["ketepatan"], "ketepatan"),
        Card(t.CARD_LATE_DAYS, days(k.late), t.HELP_LATE_DAYS, "telat"),
        Card(t.CARD_EARLY_DAYS, days(k.early), t.HELP_EARLY_DAYS, "pulang_cepat"),
        Card(t.CARD_TK_DAYS, days(k.tk), t.HELP_TK_DAYS, "tk"),
        Card(t.CARD_WFH, t.fmt_percent(k.wfh_share), t.METRIC_HELP["wfh"], "wfh"),
    ]  # fmt: skip


def _kpis(frame: pd.DataFrame) -> Kpis:
    return Kpis() if frame.empty else Kpis.from_row(frame.iloc[0])


def unit_table(session: Session, viewer: Viewer, filters: Filters, today: date) -> pd.DataFrame:
    """One row per unit with counters and rates over the period, ranked by punctuality."""
    counts = att.counts(session, viewer, filters, today=today, by=att.BY_UNIT)
    staff = (
        select(col(Employee.unit_id), func.count())
        .where(col(Employee.status) == "aktif", unit_condition(col(Employee.unit_id), viewer, filters),
               employee_condition(col(Employee.id), filters))
        .group_by(col(Employee.unit_id))
    )  # fmt: skip
    employees = pd.DataFrame(session.execute(staff).all(), columns=["key", "employees"])
    units = pd.DataFrame(
        session.execute(
            select(col(Unit.id), col(Unit.code), col(Unit.name)).where(
                filters.scope(viewer).clause(col(Unit.id))
            )
        ).all(),
        columns=["key", "code", "name"],
    )
    frame = counts.merge(units, on="key").merge(employees, on="key", how="left")
    frame["employees"] = frame["employees"].fillna(0).astype("int64")
    frame = att.add_rates(frame).rename(columns={"key": "unit_id"})
    # Units without anyone present rank last; ties by attendance, then by name for a stable order.
    return frame.sort_values(
        ["punctuality", "attendance_rate", "name"],
        ascending=[False, False, True],
        na_position="last",
    ).reset_index(drop=True)


def channel_mix(totals: pd.DataFrame) -> pd.DataFrame:
    """Present days by the channel of the first check-in, from a counters row."""
    if totals.empty:
        return pd.DataFrame({"channel": list(CHANNELS), "days": [0] * len(CHANNELS)})
    row = totals.iloc[0]
    frame = pd.DataFrame(
        {"channel": list(CHANNELS), "days": [int(row[f"ch_{c}"]) for c in CHANNELS]}
    )
    return frame.sort_values("days", ascending=False, kind="stable").reset_index(drop=True)


def page_data(session: Session, viewer: Viewer, filters: Filters, today: date) -> Overview:
    totals = att.counts(session, viewer, filters, today=today)
    today_counts = att.counts(session, viewer, filters, today=today, start=today, end=today)
    return Overview(
        today=today,
        today_kpis=_kpis(today_counts),
        period=_kpis(totals),
        channels=channel_mix(totals),
        units=unit_table(session, viewer, filters, today),
        pending_activities=activities.pending_count(session, viewer, filters),
    )
