"""The review queue: findings in a viewer's scope, and one finding's evidence in Indonesian."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from ekinerja import texts
from ekinerja.access import Viewer
from ekinerja.integrity.store import require_reader
from ekinerja.models import Employee, IntegrityFinding, Punch, Unit
from ekinerja.texts import integrity as T
from ekinerja.timeutil import fmt_wib

LIST_LIMIT = 2000
EMPLOYEE_KEYS = ("other_employee_ids", "original_employee_id")


def list_findings(
    session: Session,
    viewer: Viewer,
    start: date,
    end: date,
    kinds: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    unit_ids: Iterable[int] | None = None,
    limit: int = LIST_LIMIT,
) -> pd.DataFrame:
    """Findings of [start, end] in the viewer's scope (a unit filter can only narrow it)."""
    require_reader(viewer)
    scope = viewer.scope.narrow(unit_ids)
    stmt = (
        select(
            col(IntegrityFinding.id),
            col(IntegrityFinding.work_date),
            col(IntegrityFinding.kind),
            col(IntegrityFinding.severity),
            col(IntegrityFinding.status),
            col(Employee.nip),
            col(Employee.name),
            col(Unit.name),
            col(IntegrityFinding.evidence),
            col(IntegrityFinding.version),
        )  # fmt: skip
        .join(Employee, col(Employee.id) == col(IntegrityFinding.employee_id))
        .join(Unit, col(Unit.id) == col(IntegrityFinding.unit_id))
        .where(
            scope.clause(col(IntegrityFinding.unit_id)),
            col(IntegrityFinding.last_date) >= start,
            col(IntegrityFinding.work_date) <= end,
            col(Employee.status) != "dihapus",
        )
        .order_by(col(IntegrityFinding.work_date).desc(), col(IntegrityFinding.id).desc())
        .limit(limit)
    )
    if kinds is not None:
        stmt = stmt.where(col(IntegrityFinding.kind).in_(list(kinds)))
    if statuses is not None:
        stmt = stmt.where(col(IntegrityFinding.status).in_(list(statuses)))
    rows = session.execute(stmt).all()
    frame = pd.DataFrame(rows, columns=["id", "work_date", "kind", "severity", "status", "nip",
                                        "name", "unit", "evidence", "version"])  # fmt: skip
    frame["summary"] = [summary(k, json.loads(e)) for k, e in zip(frame["kind"], frame["evidence"],
                                                                   strict=True)]  # fmt: skip
    return frame.drop(columns=["evidence"])


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """The queue with Indonesian labels and column names, for the screen."""
    out = frame.assign(
        kind=frame["kind"].map(T.KIND_LABELS),
        severity=frame["severity"].map(T.SEVERITY_LABELS),
        status=frame["status"].map(T.STATUS_LABELS),
        work_date=[texts.fmt_date(d) for d in frame["work_date"]],
    )
    return out[list(T.COLS)].rename(columns=T.COLS)


def _n(value: Any, decimals: int = 0) -> str:
    return texts.fmt_number(value, decimals) if isinstance(value, (int, float)) else "-"


def summary(kind: str, ev: dict[str, Any]) -> str:
    """One Indonesian line that says what was found."""
    if kind == "mock_location":
        return f"{ev.get('count', 0)} absen dengan lokasi palsu"
    if kind == "outside_geofence":
        return f"{_n(ev.get('outside_m'))} m di luar geofence terdekat"
    if kind == "wfh_far_from_home":
        return f"{_n(ev.get('home_distance_m'))} m dari rumah"
    if kind == "impossible_travel":
        speed = ev.get("speed_kmh")
        return f"{_n(speed)} km/jam" if speed is not None else "dua tempat pada waktu yang sama"
    if kind == "repeated_coordinates":
        return f"titik yang sama di {ev.get('days', 0)} hari"
    if kind == "shared_device":
        return f"satu perangkat untuk {ev.get('employee_count', 0)} pegawai"
    if kind == "photo_reuse":
        found = ev.get("matches", [])
        exact = sum(1 for m in found if m.get("exact"))
        return f"{len(found)} foto dipakai ulang ({exact} salinan persis)"
    if kind == "channel_conflict":
        return (
            f"{_n(ev.get('distance_m'))} m dari fingerprint dalam {_n(ev.get('minutes'), 1)} menit"
        )
    if kind == "same_second":
        return f"pukul {ev.get('time_of_day', '-')} tepat di {ev.get('days', 0)} hari"
    if kind == "ip_burst":
        return f"{ev.get('employee_count', 0)} pegawai dalam {ev.get('window_seconds', 0)} detik"
    return "-"


@dataclass
class FindingDetail:
    finding: IntegrityFinding
    nip: str
    name: str
    evidence: pd.DataFrame  # label, value
    punches: pd.DataFrame


def finding_detail(session: Session, viewer: Viewer, finding_id: int) -> FindingDetail | None:
    """The evidence in Indonesian and the punches it names (those of people in scope)."""
    require_reader(viewer)
    finding = session.get(IntegrityFinding, finding_id)
    if finding is None or not viewer.scope.allows(finding.unit_id):
        return None
    person = session.get(Employee, finding.employee_id)
    assert person is not None
    ev = json.loads(finding.evidence)
    people = _people(session, ev)
    rows = [(T.EVIDENCE_LABELS.get(k, k), _value(k, v, viewer, people))
            for k, v in ev.items() if k != "punch_ids"]  # fmt: skip
    evidence = pd.DataFrame(rows, columns=["Keterangan", "Nilai"])
    return FindingDetail(finding, person.nip, person.name, evidence,
                         _punches(session, viewer, ev.get("punch_ids", [])))  # fmt: skip


def _people(session: Session, ev: dict[str, Any]) -> dict[int, tuple[str, str, int]]:
    wanted: set[int] = set(ev.get("other_employee_ids", []))
    for m in ev.get("matches", []):
        wanted.add(int(m.get("original_employee_id", 0)))
    if not wanted:
        return {}
    rows = session.execute(
        select(
            col(Employee.id), col(Employee.nip), col(Employee.name), col(Employee.unit_id)
        ).where(col(Employee.id).in_(sorted(wanted)), col(Employee.status) != "dihapus")
    ).all()
    return {int(r[0]): (str(r[1]), str(r[2]), int(r[3])) for r in rows}


def _person(eid: int, viewer: Viewer, people: dict[int, tuple[str, str, int]]) -> str:
    known = people.get(int(eid))
    if known is None or not viewer.scope.allows(known[2]):
        return T.OUT_OF_SCOPE
    return f"{known[0]} ({known[1]})"


def _value(key: str, value: Any, viewer: Viewer, people: dict[int, tuple[str, str, int]]) -> str:
    if key == "other_employee_ids":
        return ", ".join(_person(e, viewer, people) for e in value) or "-"
    if key == "original_employee_id":
        return _person(int(value), viewer, people)
    if key == "dates":
        return ", ".join(texts.fmt_date(date.fromisoformat(d)) for d in value)
    if key == "original_date":
        return texts.fmt_date(date.fromisoformat(value))
    if key == "direction":
        return str(texts.DIRECTION_LABELS.get(value, value))
    if key == "exact":
        return "ya" if value else "tidak"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and key in ("lat", "lon"):
        return f"{value:.6f}"
    if isinstance(value, (int, float)):
        return texts.fmt_number(value, 0 if isinstance(value, int) else 1)
    if isinstance(value, list):
        return " | ".join(
            "; ".join(
                f"{T.EVIDENCE_LABELS.get(k, k)}: {_value(k, v, viewer, people)}"
                for k, v in item.items()
            )  # fmt: skip
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return "-" if value is None else str(value)


def _punches(session: Session, viewer: Viewer, punch_ids: list[int]) -> pd.DataFrame:
    if not punch_ids:
        return pd.DataFrame(columns=list(T.PUNCH_COLS.values()))
    rows = session.execute(
        select(
            col(Punch.id),
            col(Punch.ts),
            col(Punch.channel),
            col(Punch.direction),
            col(Punch.lat),
            col(Punch.lon),
            col(Punch.accuracy_m),
            col(Punch.device_id),
            col(Punch.ip),
            col(Punch.mock_location),
        )  # fmt: skip
        .join(Employee, col(Employee.id) == col(Punch.employee_id))
        .where(
            col(Punch.id).in_(punch_ids[:500]),
            col(Punch.deleted_at).is_(None),
            viewer.scope.clause(col(Employee.unit_id)),
        )
        .order_by(col(Punch.ts))
    ).all()
    frame = pd.DataFrame(rows, columns=list(T.PUNCH_COLS))
    frame["time"] = [fmt_wib(t, with_seconds=True) for t in frame["time"]]
    frame["channel"] = frame["channel"].map(texts.CHANNEL_LABELS)
    frame["direction"] = frame["direction"].map(texts.DIRECTION_LABELS)
    frame["mock_location"] = frame["mock_location"].map({True: "ya", False: "tidak"})
    return frame.rename(columns=T.PUNCH_COLS)
