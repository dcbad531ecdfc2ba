"""One employee brought together: biodata, the month's attendance calendar, activity minutes,
review summary and devices. Every function checks the employee against the viewer's scope.

An employee outside the scope and an unknown NIP get the same refusal, so a supervisor cannot
learn from the profile page which NIPs exist in other units.
"""

from __future__ import annotations

import calendar as pycal
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ekinerja import texts
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.models import Activity, BehaviourReview, DailySummary, Device, Employee, Unit
from ekinerja.models.work import BERAKHLAK, RELATIONS
from ekinerja.queries.filters import clean_search, search_condition
from ekinerja.texts import maps as t

SEARCH_LIMIT = 20
# Calendar cell colours per status (background, text): green present, red absent, blue excused.
STATUS_COLORS = {
    "hadir": ("#c7e9c0", "#00441b"),
    "wfh": ("#dadaeb", "#3f007d"),
    "tk": ("#fcbba1", "#67000d"),
    "cuti": ("#c6dbef", "#08306b"),
    "izin": ("#c6dbef", "#08306b"),
    "sakit": ("#c6dbef", "#08306b"),
    "dinas_luar": ("#c6dbef", "#08306b"),
    "libur": ("#f0f0f0", "#525252"),
    "belum": ("#fff7bc", "#662506"),
}
STATUS_SHORT = {
    "hadir": "Hadir",
    "wfh": "WFH",
    "tk": "TK",
    "cuti": "Cuti",
    "izin": "Izin",
    "sakit": "Sakit",
    "dinas_luar": "DL",
    "libur": "Libur",
    "belum": "Belum",
}


@dataclass(frozen=True)
class Biodata:
    id: int
    nip: str
    name: str
    unit_id: int
    unit_name: str
    jabatan: str
    jabatan_type: str
    golongan: str
    supervisor_name: str | None
    supervisor_nip: str | None
    status: str


def _refuse() -> PermissionDenied:
    return PermissionDenied(t.PROFIL_NOT_FOUND)


def _visible(session: Session, viewer: Viewer, employee_id: int) -> Employee:
    emp = session.get(Employee, employee_id)
    if emp is None or emp.status == "dihapus" or not viewer.scope.allows(emp.unit_id):
        raise _refuse()
    return emp


def find_employee(session: Session, viewer: Viewer, nip: str) -> Biodata:
    """The biodata for a NIP (spaces allowed), or PermissionDenied when unknown or out of scope."""
    digits = "".join(str(nip).split())
    if not (digits.isascii() and digits.isdigit() and len(digits) == 18):
        raise _refuse()
    boss = aliased(Employee)
    row = session.execute(
        select(Employee, col(Unit.name), col(boss.name), col(boss.nip), col(boss.status))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .outerjoin(boss, col(boss.id) == col(Employee.supervisor_id))
        .where(col(Employee.nip) == digits)
    ).first()
    if row is None:
        raise _refuse()
    emp, unit_name, boss_name, boss_nip, boss_status = row
    if emp.status == "dihapus" or not viewer.scope.allows(emp.unit_id):
        raise _refuse()
    boss_gone = boss_status == "dihapus"
    return Biodata(
        id=int(emp.id),
        nip=emp.nip,
        name=emp.name,
        unit_id=int(emp.unit_id),
        unit_name=str(unit_name),
        jabatan=emp.jabatan,
        jabatan_type=emp.jabatan_type,
        golongan=emp.golongan,
        supervisor_name=None if boss_gone else boss_name,
        supervisor_nip=None if boss_gone else boss_nip,
        status=emp.status,
    )


def search_employees(session: Session, viewer: Viewer, text: str) -> pd.DataFrame:
    """Up to SEARCH_LIMIT employees in scope whose name or NIP contains the text (3+ characters)."""
    cleaned = clean_search(text)
    condition = search_condition(cleaned) if len(cleaned) >= 3 else None
    if condition is None:
        return pd.DataFrame(columns=["nip", "name", "unit_name"])
    stmt = (
        select(col(Employee.nip), col(Employee.name), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(
            condition,
            col(Employee.status) != "dihapus",
            viewer.scope.clause(col(Employee.unit_id)),
        )
        .order_by(col(Employee.name), col(Employee.nip))
        .limit(SEARCH_LIMIT)
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=["nip", "name", "unit_name"])


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, pycal.monthrange(year, month)[1])


def month_days(
    session: Session, viewer: Viewer, employee_id: int, year: int, month: int
) -> pd.DataFrame:
    """The daily summary rows of one month: work_date, status, minutes_late, minutes_early."""
    _visible(session, viewer, employee_id)
    start, end = _month_bounds(year, month)
    stmt = (
        select(
            col(DailySummary.work_date),
            col(DailySummary.status),
            col(DailySummary.minutes_late),
            col(DailySummary.minutes_early),
        )  # fmt: skip
        .where(
            col(DailySummary.employee_id) == employee_id,
            col(DailySummary.work_date) >= start,
            col(DailySummary.work_date) <= end,
        )
        .order_by(col(DailySummary.work_date))
    )
    return pd.DataFrame(
        session.execute(stmt).all(),
        columns=["work_date", "status", "minutes_late", "minutes_early"],
    )


def month_grid(days: pd.DataFrame, year: int, month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A month as weeks x weekdays (Senin..Minggu): cell texts, and the status of each cell.

    Days without a summary row (weekends without punches, days to come) show only their number;
    cells outside the month are empty and have no status.
    """
    by_day: dict[date, tuple[str, int]] = {
        pd.Timestamp(str(day)).date(): (str(status), int(late))
        for day, status, late in zip(
            days["work_date"], days["status"], days["minutes_late"], strict=True
        )
    }
    text_rows: list[list[str]] = []
    status_rows: list[list[str]] = []
    for week in pycal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        text_row, status_row = [], []
        for day in week:
            if day.month != month:
                text_row.append("")
                status_row.append("")
                continue
            rec = by_day.get(day)
            if rec is None:
                text_row.append(str(day.day))
                status_row.append("")
                continue
            status, late = rec
            label = f"{day.day} {STATUS_SHORT.get(status, status)}"
            if late:
                label += f" +{late}'"
            text_row.append(label)
            status_row.append(status)
        text_rows.append(text_row)
        status_rows.append(status_row)
    columns = list(texts.WEEKDAYS)
    return pd.DataFrame(text_rows, columns=columns), pd.DataFrame(status_rows, columns=columns)


def status_style(status: str) -> str:
    """CSS for one calendar cell (a pandas Styler value); no status, no colour."""
    colors = STATUS_COLORS.get(status)
    return f"background-color: {colors[0]}; color: {colors[1]}" if colors else ""


def activity_month(
    session: Session, viewer: Viewer, employee_id: int, year: int, month: int
) -> pd.DataFrame:
    """Entries and minutes of the month's daily activities per status (diajukan/disetujui/ditolak)."""
    _visible(session, viewer, employee_id)
    start, end = _month_bounds(year, month)
    stmt = (
        select(
            col(Activity.status), func.count(), func.coalesce(func.sum(col(Activity.minutes)), 0)
        )
        .where(
            col(Activity.employee_id) == employee_id,
            col(Activity.work_date) >= start,
            col(Activity.work_date) <= end,
            col(Activity.deleted_at).is_(None),
        )
        .group_by(col(Activity.status))
    )
    found = {s: (int(n), int(m)) for s, n, m in session.execute(stmt).all()}
    return pd.DataFrame(
        [
            (texts.ACTIVITY_STATUS_LABELS[s], *found.get(s, (0, 0)))
            for s in texts.ACTIVITY_STATUS_LABELS
        ],
        columns=["status", "entries", "minutes"],
    )


def review_summary(session: Session, viewer: Viewer, employee_id: int, since: date) -> pd.DataFrame:
    """Average rating per core value (rows) and relation of the reviewer (columns), from `since`.

    Only averages and counts: reviewers and comments stay on the review page.
    """
    _visible(session, viewer, employee_id)
    values = [col(getattr(BehaviourReview, v)) for v in BERAKHLAK]
    stmt = (
        select(col(BehaviourReview.relation), func.count(), *(func.avg(v) for v in values))
        .where(
            col(BehaviourReview.reviewee_id) == employee_id,
            col(BehaviourReview.period) >= since,
            col(BehaviourReview.deleted_at).is_(None),
        )
        .group_by(col(BehaviourReview.relation))
    )
    rows = {r[0]: r[1:] for r in session.execute(stmt).all()}
    if not rows:
        return pd.DataFrame()
    data: dict[str, list[object]] = {}
    for relation in RELATIONS:
        if relation not in rows:
            continue
        count, *avgs = rows[relation]
        label = texts.RELATION_LABELS[relation]
        data[label] = [int(count), *(round(float(a), 2) for a in avgs)]
    index = [t.REVIEW_COUNT, *(texts.BERAKHLAK_LABELS[v] for v in BERAKHLAK)]
    return pd.DataFrame(data, index=index)


def format_review(review: pd.DataFrame) -> pd.DataFrame:
    """The review table as Indonesian text: counts whole, averages with two decimals (2,33)."""
    shown = review.astype(object)
    for row in review.index:
        decimals = 0 if row == t.REVIEW_COUNT else 2
        shown.loc[row] = [texts.fmt_number(float(v), decimals) for v in review.loc[row]]
    return shown


def devices(session: Session, viewer: Viewer, employee_id: int) -> pd.DataFrame:
    """The employee's phones, most recently seen first."""
    _visible(session, viewer, employee_id)
    stmt = (
        select(
            col(Device.model),
            col(Device.os),
            col(Device.os_version),
            col(Device.app_version),
            col(Device.gps_permission),
            col(Device.camera_permission),
            col(Device.first_seen),
            col(Device.last_seen),
        )  # fmt: skip
        .where(col(Device.employee_id) == employee_id)
        .order_by(col(Device.last_seen).desc())
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=list(t.DEVICE_COLUMNS))
