"""Findings in the database: the run that adds or refreshes them, the review, the queue.

A run inserts new keys and refreshes the evidence of findings still `baru`; findings already
reviewed are left exactly as the reviewer saw them. Each run and each change of status is
audited in the same transaction.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import select, update
from sqlmodel import Session, col

from ekinerja import audit
from ekinerja.access import PermissionDenied, Viewer, require
from ekinerja.integrity import config, inputs, rules
from ekinerja.integrity.common import Candidate
from ekinerja.models import IntegrityFinding
from ekinerja.models.integrity import FINDING_STATUSES
from ekinerja.texts import integrity as T
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError

MAX_DAYS = 93
FINDING_TABLE = IntegrityFinding.__table__  # type: ignore[attr-defined]


@dataclass
class RunResult:
    start: date
    end: date
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _evidence_json(evidence: dict[str, Any]) -> str:
    return json.dumps(evidence, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def run_checks(
    session: Session,
    viewer: Viewer,
    start: date,
    end: date,
    thresholds: config.Thresholds | None = None,
    kinds: tuple[str, ...] = rules.KINDS,
) -> RunResult:
    """Run every rule over [start, end] and store the findings (admin, action integrity.run)."""
    require(viewer, "integrity.run")
    if end < start or (end - start).days > MAX_DAYS:
        raise ValidationError(T.BAD_RANGE.format(days=MAX_DAYS))
    cfg = thresholds or config.load(session)
    t0 = time.perf_counter()
    data = inputs.load(session, start, end, cfg.photo_lookback_days)
    t_load = time.perf_counter() - t0
    detection = rules.detect(data, cfg, kinds)
    t1 = time.perf_counter()
    result = _store(session, detection.candidates, data.staff)
    result.start, result.end = start, end
    result.seconds = {"load": t_load, **detection.seconds, "store": time.perf_counter() - t1}
    audit.record(
        session,
        viewer.actor,
        "integrity.run",
        "integrity_finding",
        after={
            "start": start,
            "end": end,
            "new": result.new,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "by_kind": result.by_kind,
            "thresholds": cfg.as_dict(),
        },
    )
    return result


def _store(session: Session, found: list[Candidate], staff: pd.DataFrame) -> RunResult:
    result = RunResult(date.min, date.min)
    for c in found:
        result.by_kind[c.kind] = result.by_kind.get(c.kind, 0) + 1
    if not found:
        return result
    unit_of = dict(zip(staff["employee_id"], staff["unit_id"], strict=True))
    keys = [c.key for c in found]
    existing: dict[str, tuple[int, str, str, str, date, date]] = {}
    for i in range(0, len(keys), 5000):
        rows = session.execute(
            select(
                col(IntegrityFinding.key),
                col(IntegrityFinding.id),
                col(IntegrityFinding.status),
                col(IntegrityFinding.evidence),
                col(IntegrityFinding.severity),
                col(IntegrityFinding.work_date),
                col(IntegrityFinding.last_date),
            ).where(  # fmt: skip
                col(IntegrityFinding.key).in_(keys[i : i + 5000])
            )
        ).all()
        existing.update({r[0]: tuple(r[1:]) for r in rows})
    now = utc_now()
    fresh, changed = [], []
    for c in found:
        evidence = _evidence_json(c.evidence)
        old = existing.get(c.key)
        if old is None:
            fresh.append(
                {
                    "key": c.key,
                    "kind": c.kind,
                    "severity": c.severity,
                    "employee_id": c.employee_id,
                    "unit_id": int(unit_of[c.employee_id]),
                    "work_date": c.work_date,
                    "last_date": c.last_date,
                    "evidence": evidence,
                    "status": "baru",
                    "detected_at": now,
                    "updated_at": now,
                    "version": 1,
                }  # fmt: skip
            )
        elif old[1] == "baru" and (old[2], old[3], old[4], old[5]) != (
            evidence, c.severity, c.work_date, c.last_date,
        ):  # fmt: skip
            changed.append(
                {
                    "b_id": old[0],
                    "evidence": evidence,
                    "severity": c.severity,
                    "work_date": c.work_date,
                    "last_date": c.last_date,
                    "updated_at": now,
                }  # fmt: skip
            )
        else:
            result.unchanged += 1
    if fresh:
        session.execute(FINDING_TABLE.insert(), fresh)
    if changed:
        from sqlalchemy import bindparam

        session.execute(
            update(FINDING_TABLE)
            .where(FINDING_TABLE.c.id == bindparam("b_id"), FINDING_TABLE.c.status == "baru")
            .values(
                evidence=bindparam("evidence"),
                severity=bindparam("severity"),
                work_date=bindparam("work_date"),
                last_date=bindparam("last_date"),
                updated_at=bindparam("updated_at"),
                version=FINDING_TABLE.c.version + 1,
            ),  # fmt: skip
            changed,
        )
    result.new, result.updated = len(fresh), len(changed)
    return result


def review_finding(
    session: Session,
    viewer: Viewer,
    finding_id: int,
    status: str,
    reason: str | None,
    seen_version: int,
) -> IntegrityFinding:
    """Change a finding's status (admin/auditor, in scope); a rejection needs a reason.

    The UPDATE compares the version the reviewer saw, so a stale screen cannot overwrite a
    newer review or a refreshed evidence silently.
    """
    require(viewer, "integrity.review")
    if status not in FINDING_STATUSES:
        raise ValidationError(T.STATUS_UNKNOWN.format(status=status))
    reason = (reason or "").strip() or None
    if status == "ditolak" and not reason:
        raise ValidationError(T.REASON_REQUIRED)
    if reason is not None and len(reason) > 2000:
        raise ValidationError(T.REASON_TOO_LONG)
    finding = session.get(IntegrityFinding, finding_id)
    if finding is None or not viewer.scope.allows(finding.unit_id):
        raise ValidationError(T.FINDING_MISSING)
    if finding.status == status:
        raise ValidationError(T.STATUS_SAME.format(status=T.STATUS_LABELS[status]))
    before = finding.status
    now = utc_now()
    done = session.execute(
        update(FINDING_TABLE)
        .where(FINDING_TABLE.c.id == finding_id, FINDING_TABLE.c.version == seen_version)
        .values(
            status=status,
            status_reason=reason,
            reviewed_by=viewer.username,
            reviewed_at=now,
            updated_at=now,
            version=seen_version + 1,
        )  # fmt: skip
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise ValidationError(T.FINDING_STALE)
    audit.record(
        session,
        viewer.actor,
        "integrity.review",
        "integrity_finding",
        finding_id,
        before={"status": before, "kind": finding.kind, "employee_id": finding.employee_id},
        after={"status": status},
        reason=reason,
    )
    session.refresh(finding)
    return finding


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def require_reader(viewer: Viewer) -> None:
    """Findings are visible to admins, auditors and supervisors (their units only)."""
    if viewer.role not in ("admin", "auditor", "supervisor"):
        raise PermissionDenied("Anda tidak berwenang melihat temuan integritas.")
