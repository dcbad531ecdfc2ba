"""Deleting data (policy III): soft delete with a grace period, restore, account deletion, purge.

- A soft delete sets `deleted_at`: every surface hides the row at once; within the grace period
  an admin can restore it ("nothing lost by accident").
- The purge (part of the retention run) removes soft-deleted rows whose grace period ended,
  together with their photo files, and finishes account deletions.
- Deleting an account hides the person at once (status "dihapus") and soft-deletes all of their
  records except what a hold keeps; after the grace period the purge removes everything that
  is free and, when nothing is kept any more, replaces name and NIP. The violation rule refuses
  the whole deletion: the point of keeping a violator's data is knowing who they are.
- Files are removed only after the transaction commits (a rollback must not lose photos), and
  a file still referenced by another row is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Engine, Table, delete, func, or_, select, update
from sqlmodel import Session, SQLModel, col

from ekinerja import audit, summary
from ekinerja.access import Viewer, require
from ekinerja.governance import protection
from ekinerja.governance.common import (
    ANONYMISED_PREFIX,
    StaleVersion,
    clean_reason,
    table_of,
    versioned_update,
)
from ekinerja.governance.corrections import check_scope
from ekinerja.governance.records import (
    ENTITIES,
    MANAGED,
    employees_of,
    entity,
    load_row,
    refresh_summary,
)
from ekinerja.models import (
    DailySummary,
    Device,
    Employee,
    ErasureRequest,
    FingerprintPin,
    IntegrityFinding,
    LegalHold,
    Punch,
    ShiftAssignment,
    UserAccount,
    WorkResultRating,
)
from ekinerja.queries.photos import safe_photo_path
from ekinerja.texts import governance as T
from ekinerja.timeutil import WIB, utc_now
from ekinerja.validation import ValidationError

# Columns pointing at an employee that name someone acting on another person's record (approver,
# rater, supervisor, hold subject...): the anonymised row stays, so these references stay valid.
# Every foreign key to employee.id is either here or in `person_tables()` (a test checks it).
REFERENCE_COLUMNS: frozenset[tuple[str, str]] = frozenset(
    {
        ("leave", "approved_by"),
        ("activity", "approver_id"),
        ("employee", "supervisor_id"),
        ("work_result_rating", "rater_id"),
        ("user_account", "employee_id"),
        ("legal_hold", "employee_id"),
        ("erasure_request", "employee_id"),
    }
)


@dataclass(frozen=True)
class PersonTable:
    """A table holding data about a person: whose it is and which dates place a row in time."""

    model: type[SQLModel]
    employee_cols: tuple[str, ...]
    lo: str | None
    hi: str | None
    as_datetime: bool = False
    monthly: bool = False

    @property
    def table(self) -> Table:
        return table_of(self.model)

    def mine(self, employee_id: int) -> ColumnElement[bool]:
        return or_(*(self.table.c[c] == employee_id for c in self.employee_cols))

    def _cols(self) -> tuple[list[Any], Any, Any]:
        t = self.table
        lo = None if self.lo is None else t.c[self.lo]
        hi = None if self.hi is None else t.c[self.hi]
        return [t.c[c] for c in self.employee_cols], lo, hi

    def guard(self, holds: Sequence[LegalHold]) -> ColumnElement[bool]:
        emp, lo, hi = self._cols()
        return protection.protected_clause(holds, emp, lo, hi, self.as_datetime, self.monthly)

    def tally(self, session: Session, kept: Kept, holds: Sequence[LegalHold], *where: Any) -> None:
        """Count the rows among `where` that each hold, and the violation rule, keeps."""
        emp, lo, hi = self._cols()
        name = self.table.name
        kept.add(name, _count(session, self.table, *where, protection.violation_clause(emp)),
                 protection.VIOLATION)  # fmt: skip
        for hold in holds:
            clause = protection.hold_clause(hold, emp, lo, hi, self.as_datetime, self.monthly)
            kept.add(
                name, _count(session, self.table, *where, clause), protection.hold_refusal(hold)
            )


SUMMARIES = PersonTable(DailySummary, ("employee_id",), "work_date", "work_date")
DEVICES = PersonTable(Device, ("employee_id",), "first_seen", "last_seen", as_datetime=True)
# Integrity findings are derived from punches: they go with the person, and with their punches.
FINDINGS = PersonTable(IntegrityFinding, ("employee_id",), "work_date", "last_date")


def managed_table(kind: str) -> PersonTable:
    """A record kind with a recycle bin (deleted_at), as a PersonTable."""
    spec = ENTITIES[kind]
    return PersonTable(spec.model, spec.employee_cols, spec.date_lo, spec.date_hi,
                       monthly=spec.monthly)  # fmt: skip


def managed_tables() -> list[PersonTable]:
    return [managed_table(k) for k in MANAGED]


def person_tables() -> list[PersonTable]:
    """Every table about one person; an account deletion empties all of them."""
    return managed_tables() + [
        SUMMARIES,
        DEVICES,
        PersonTable(FingerprintPin, ("employee_id",), None, None),
        PersonTable(WorkResultRating, ("employee_id",), "period", "period", monthly=True),
        PersonTable(ShiftAssignment, ("employee_id",), "work_date", "work_date"),
        FINDINGS,
    ]


# --- soft delete and restore of single records ---------------------------------------------------


def soft_delete(
    session: Session, viewer: Viewer, kind: str, items: Sequence[tuple[int, int]], reason: str
) -> int:
    """Hide records (id, version seen) everywhere at once; restorable during the grace period."""
    require(viewer, "data.delete")
    spec = _managed(kind)
    why = clean_reason(reason)
    if not items:
        raise ValidationError(T.NO_CHANGES)
    now = utc_now()
    rows = []
    for record_id, seen in items:
        row = load_row(session, spec, record_id)
        if row["deleted_at"] is not None:
            raise ValidationError(T.ALREADY_DELETED.format(entity=spec.label, id=record_id))
        people = employees_of(spec, row)
        check_scope(session, viewer, people)
        protection.ensure_free(session, people, *spec.span(row))
        versioned_update(session, spec.model, record_id, seen, {"deleted_at": now}, spec.label)
        audit.record(
            session, viewer.actor, "data.hapus", table_of(spec.model).name, record_id,
            before={"versi": seen}, after={"dihapus_pada": now}, reason=why,
        )  # fmt: skip
        rows.append(row)
    refresh_summary(session, spec, rows)
    return len(rows)


def restore(
    session: Session, viewer: Viewer, kind: str, items: Sequence[tuple[int, int]], reason: str
) -> int:
    """Bring soft-deleted records back (before the purge removed them)."""
    require(viewer, "data.delete")
    spec = _managed(kind)
    why = clean_reason(reason)
    table = table_of(spec.model)
    rows = []
    for record_id, seen in items:
        row = load_row(session, spec, record_id)
        if row["deleted_at"] is None:
            raise ValidationError(T.NOT_DELETED.format(entity=spec.label, id=record_id))
        check_scope(session, viewer, employees_of(spec, row))
        _refuse_erased(session, employees_of(spec, row))
        result = session.execute(
            update(table)
            .where(
                table.c.id == record_id, table.c.version == seen, table.c.deleted_at.is_not(None)
            )
            .values(deleted_at=None, version=table.c.version + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleVersion(
                T.STALE.format(entity=spec.label, id=record_id, current="baru", seen=seen)
            )
        audit.record(
            session, viewer.actor, "data.pulihkan", table.name, record_id,
            before={"dihapus_pada": row["deleted_at"]}, after={"versi": seen + 1}, reason=why,
        )  # fmt: skip
        rows.append(row)
    refresh_summary(session, spec, rows)
    return len(rows)


def _managed(kind: str) -> Any:
    spec = entity(kind)
    if spec.key not in MANAGED:
        raise ValidationError(T.UNKNOWN_ENTITY.format(entity=kind))
    return spec


def _refuse_erased(session: Session, employee_ids: Iterable[int]) -> None:
    e = table_of(Employee)
    deleted = _count(session, e, e.c.id.in_(list(employee_ids)), e.c.status == "dihapus")
    if deleted:
        raise ValidationError(T.EMPLOYEE_ALREADY_DELETED.format(id="-"))


# --- account deletion ----------------------------------------------------------------------------


@dataclass
class Kept:
    """What holds or the violation rule kept, per table: reported and audited as refusals."""

    counts: dict[str, int] = field(default_factory=dict)
    reasons: dict[tuple[str, int | None], dict[str, Any]] = field(default_factory=dict)

    def add(self, table: str, n: int, refusal: protection.Refusal) -> None:
        if n <= 0:
            return
        entry = self.reasons.setdefault(
            (refusal.kind, refusal.hold_id), {**refusal.as_record(), "jumlah": {}}
        )
        entry["jumlah"][table] = entry["jumlah"].get(table, 0) + n
        self.counts[table] = self.counts.get(table, 0) + n

    def merge(self, other: Kept) -> None:
        for entry in other.reasons.values():
            mine = self.reasons.setdefault(
                (entry["alasan"], entry["penahanan"]), {**entry, "jumlah": {}}
            )
            for table, n in entry["jumlah"].items():
                mine["jumlah"][table] = mine["jumlah"].get(table, 0) + n
        for table, n in other.counts.items():
            self.counts[table] = self.counts.get(table, 0) + n

    def as_list(self) -> list[dict[str, Any]]:
        return list(self.reasons.values())

    def messages(self) -> list[str]:
        return [refusal_message(entry) for entry in self.reasons.values()]


def refusal_message(entry: dict[str, Any]) -> str:
    total = sum(entry["jumlah"].values())
    if entry["alasan"] == "hold":
        return T.KEPT_BY_HOLD.format(n=total, case_ref=entry["perkara"], id=entry["penahanan"])
    return T.KEPT_BY_VIOLATION.format(n=total)


@dataclass(frozen=True)
class AccountDeletion:
    request_id: int
    deleted: dict[str, int]
    kept: list[dict[str, Any]]
    messages: list[str]


def _count(session: Session, table: Table, *where: Any) -> int:
    return int(session.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def delete_account(
    session: Session, viewer: Viewer, employee_id: int, seen_version: int, reason: str
) -> AccountDeletion:
    """Delete an employee's account: hide it now, purge after the grace period (see module doc)."""
    require(viewer, "account.delete")
    why = clean_reason(reason)
    emp = session.get(Employee, employee_id)
    if emp is None:
        raise ValidationError(T.EMPLOYEE_NOT_FOUND)
    check_scope(session, viewer, [employee_id])
    if emp.status == "dihapus":
        r = table_of(ErasureRequest)
        pending = session.execute(
            select(r.c.id).where(r.c.employee_id == employee_id).order_by(r.c.id.desc())
        ).scalar()
        raise ValidationError(T.EMPLOYEE_ALREADY_DELETED.format(id=pending or "-"))
    if emp.deactivated_for_violation:
        raise ValidationError(T.ACCOUNT_DELETE_ALL_KEPT.format(reason=T.VIOLATION_REFUSAL))
    previous = emp.status
    now = utc_now()
    versioned_update(
        session, Employee, employee_id, seen_version,
        {"status": "dihapus", "status_changed_at": now}, "Pegawai", soft_deletable=False,
    )  # fmt: skip
    session.expire(emp)
    holds = protection.active_holds(session)
    deleted: dict[str, int] = {}
    kept = Kept()
    for pt in managed_tables():
        t = pt.table
        live = [pt.mine(employee_id), t.c.deleted_at.is_(None)]
        pt.tally(session, kept, holds, *live)
        result = session.execute(
            update(t).where(*live, ~pt.guard(holds))
            .values(deleted_at=now, version=t.c.version + 1)
        )  # fmt: skip
        deleted[t.name] = int(result.rowcount)  # type: ignore[attr-defined]
    # The summary is derived: it goes now (free days only); a cancellation recomputes it.
    result = session.execute(
        delete(SUMMARIES.table).where(SUMMARIES.mine(employee_id), ~SUMMARIES.guard(holds))
    )
    deleted[SUMMARIES.table.name] = int(result.rowcount)  # type: ignore[attr-defined]
    # A dashboard account linked to this person cannot log in any more.
    users = table_of(UserAccount)
    session.execute(update(users).where(users.c.employee_id == employee_id).values(active=False))
    req = ErasureRequest(
        employee_id=employee_id, requested_by=viewer.username, requested_at=now, reason=why,
        previous_status=previous, refusals=json.dumps(kept.as_list(), default=str),
    )  # fmt: skip
    session.add(req)
    session.flush()
    assert req.id is not None
    audit.record(
        session, viewer.actor, "akun.hapus", "employee", employee_id,
        before={"status": previous},
        after={"status": "dihapus", "permintaan": req.id, "dihapus": deleted,
               "ditahan": kept.as_list()},
        reason=why,
    )  # fmt: skip
    return AccountDeletion(req.id, deleted, kept.as_list(), kept.messages())


def cancel_erasure(session: Session, viewer: Viewer, request_id: int, reason: str) -> None:
    """Undo an account deletion the purge has not finished (within the grace period)."""
    require(viewer, "account.delete")
    why = clean_reason(reason)
    req = session.get(ErasureRequest, request_id)
    if req is None or req.state != "menunggu":
        raise ValidationError(T.ERASURE_NOT_CANCELLABLE.format(id=request_id))
    emp = session.get(Employee, req.employee_id)
    if emp is None or emp.nip.startswith(ANONYMISED_PREFIX):
        raise ValidationError(T.EMPLOYEE_ERASED)
    restored: dict[str, int] = {}
    for pt in managed_tables():
        t = pt.table
        # Only what this request hid: rows deleted by hand earlier keep their own deleted_at.
        result = session.execute(
            update(t).where(pt.mine(req.employee_id), t.c.deleted_at == req.requested_at)
            .values(deleted_at=None, version=t.c.version + 1)
        )  # fmt: skip
        restored[t.name] = int(result.rowcount)  # type: ignore[attr-defined]
    e = table_of(Employee)
    session.execute(
        update(e).where(e.c.id == req.employee_id)
        .values(status=req.previous_status, status_changed_at=utc_now(), version=e.c.version + 1)
    )  # fmt: skip
    req.state = "dibatalkan"
    req.completed_at = utc_now()
    session.add(req)
    session.flush()
    _rebuild_summary(session, req.employee_id)
    audit.record(
        session, viewer.actor, "akun.batal_hapus", "employee", req.employee_id,
        after={"permintaan": request_id, "dipulihkan": restored}, reason=why,
    )  # fmt: skip


def _rebuild_summary(session: Session, employee_id: int) -> None:
    p = table_of(Punch)
    lo, hi = session.execute(
        select(func.min(p.c.work_date), func.max(p.c.work_date)).where(
            p.c.employee_id == employee_id, p.c.deleted_at.is_(None)
        )
    ).one()
    if lo is not None:
        summary.refresh(session, [employee_id], lo, hi)


# --- purge ---------------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    removed: dict[str, int] = field(default_factory=dict)
    kept: Kept = field(default_factory=Kept)
    erasures_done: list[int] = field(default_factory=list)
    erasures_pending: list[int] = field(default_factory=list)
    photo_paths: set[str] = field(default_factory=set)

    def count(self, table: str, n: int) -> None:
        if n:
            self.removed[table] = self.removed.get(table, 0) + n


def hard_delete(session: Session, photos: set[str], table: Table, *where: Any) -> int:
    """DELETE rows, remembering the photo files of punches for removal after the commit."""
    if table.name == "punch":
        paths = session.execute(
            select(table.c.photo_path).where(*where, table.c.photo_path.is_not(None))
        ).scalars()
        photos.update(str(p) for p in paths)
    return int(session.execute(delete(table).where(*where)).rowcount)  # type: ignore[attr-defined]


def purge(
    session: Session, now: datetime, grace_days: int, result: PurgeResult | None = None
) -> PurgeResult:
    """Remove for good what was soft-deleted before the grace period; finish account deletions.

    Called by the retention run, which checks the permission and writes the audit entry.
    """
    result = result or PurgeResult()
    cutoff = now - timedelta(days=grace_days)
    holds = protection.active_holds(session)
    for pt in managed_tables():
        expired = pt.table.c.deleted_at < cutoff
        pt.tally(session, result.kept, holds, expired)
        n = hard_delete(session, result.photo_paths, pt.table, expired, ~pt.guard(holds))
        result.count(pt.table.name, n)
    pending = session.scalars(
        select(ErasureRequest)
        .where(col(ErasureRequest.state) == "menunggu", col(ErasureRequest.requested_at) < cutoff)
        .order_by(col(ErasureRequest.id))
    ).all()
    for req in pending:
        _finish_erasure(session, req, holds, result, now)
    return result


def _finish_erasure(
    session: Session,
    req: ErasureRequest,
    holds: Sequence[LegalHold],
    result: PurgeResult,
    now: datetime,
) -> None:
    """Remove every free record of the person; anonymise them once nothing is kept."""
    kept = Kept()
    for pt in person_tables():
        mine = pt.mine(req.employee_id)
        pt.tally(session, kept, holds, mine)
        n = hard_delete(session, result.photo_paths, pt.table, mine, ~pt.guard(holds))
        result.count(pt.table.name, n)
    req.refusals = json.dumps(kept.as_list(), default=str)
    assert req.id is not None
    if kept.counts:
        result.erasures_pending.append(req.id)
        result.kept.merge(kept)
    else:
        _anonymise(session, req.employee_id, req.id)
        req.state = "selesai"
        req.completed_at = now
        result.erasures_done.append(req.id)
    session.add(req)
    session.flush()


def _anonymise(session: Session, employee_id: int, request_id: int) -> None:
    """Replace everything that identifies the person; the row stays for references to it."""
    e = table_of(Employee)
    session.execute(
        update(e).where(e.c.id == employee_id).values(
            nip=f"{ANONYMISED_PREFIX}{employee_id:013d}", name=f"Pegawai terhapus #{employee_id}",
            birth_date=None, jabatan="-", home_lat=None, home_lon=None, home_kelurahan=None,
            status="dihapus", status_reason=f"dihapus atas permintaan #{request_id}",
            version=e.c.version + 1,
        )
    )  # fmt: skip
    u = table_of(UserAccount)
    values: dict[str, Any] = {
        "display_name": "Akun terhapus",
        "active": False,
        "password_hash": None,
    }
    for optional in ("oidc_subject", "oidc_email"):
        if optional in u.c:
            values[optional] = None
    session.execute(update(u).where(u.c.employee_id == employee_id).values(**values))
    for user_id in session.execute(select(u.c.id).where(u.c.employee_id == employee_id)).scalars():
        session.execute(update(u).where(u.c.id == user_id).values(username=f"terhapus-{user_id}"))


# --- files and storage ---------------------------------------------------------------------------


def photo_file(relative: str) -> Path | None:
    """The file behind a stored photo path; None for a path that would leave the photo folder."""
    try:
        return safe_photo_path(relative)
    except ValidationError:
        return None


def unreferenced(session: Session, paths: Iterable[str]) -> list[str]:
    """Of these photo paths, those no remaining punch points at (shared files stay)."""
    wanted = sorted(set(paths))
    still: set[str] = set()
    p = table_of(Punch)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        still.update(
            session.execute(select(p.c.photo_path).where(p.c.photo_path.in_(chunk))).scalars()
        )
    return [x for x in wanted if x not in still]


def remove_files(paths: Iterable[str]) -> tuple[int, int]:
    """Delete photo files (after the commit); returns (removed, already missing)."""
    removed = missing = 0
    for rel in paths:
        path = photo_file(rel)
        if path is None or not path.exists():
            missing += 1
            continue
        path.unlink()
        removed += 1
    return removed, missing


def scrub_storage(engine: Engine) -> bool:
    """Leave no readable copy of purged rows in the database files (run after the commit).

    SQLite: `secure_delete` (set per connection in db.py) zeroes freed content; a TRUNCATE
    checkpoint then copies the WAL into the database and empties the WAL file, which still held
    old page images. Returns False when a reader blocked the checkpoint (run again later).
    PostgreSQL keeps dead tuples until VACUUM (FULL rewrites the table files): see the README.
    """
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    return int(busy) == 0


def erasure_requests(session: Session, viewer: Viewer) -> pd.DataFrame:
    """Account deletions, newest first, with what still keeps them open (ids and case refs)."""
    require(viewer, "hold.manage")
    r = table_of(ErasureRequest)
    stmt = select(
        r.c.id, r.c.employee_id, r.c.requested_by, r.c.requested_at, r.c.state,
        r.c.completed_at, r.c.refusals, r.c.reason,
    ).order_by(r.c.id.desc())  # fmt: skip
    frame = pd.read_sql(stmt, session.connection())
    frame["refusals"] = [
        "; ".join(refusal_message(e) for e in json.loads(x)) if x else "" for x in frame["refusals"]
    ]
    for name in ("requested_at", "completed_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True).dt.tz_convert(WIB).dt.tz_localize(None)
    return frame.set_index("id")
