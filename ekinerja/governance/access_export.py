"""The access request (policy III; UU PDP 27/2022): one ZIP with everything stored about a person.

A CSV per table (through the shared safe writer), the person's selfie files, and BACA-SAYA.txt
explaining each file in Indonesian. Reviews the person received leave out who wrote them (that
is the reviewer's personal data); the relation is kept. Building the file is audited in the
same transaction, so a download without an audit entry cannot happen.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Select, Table, select
from sqlmodel import Session

from ekinerja import audit, exports
from ekinerja.access import Viewer, require
from ekinerja.governance import retention
from ekinerja.governance.common import ANONYMISED_PREFIX, table_of
from ekinerja.governance.corrections import check_scope
from ekinerja.models import (
    Activity,
    BehaviourReview,
    DailySummary,
    Device,
    Employee,
    FingerprintPin,
    Leave,
    Punch,
    Unit,
    WorkResultRating,
)
from ekinerja.models.work import BERAKHLAK
from ekinerja.queries.photos import read_photo
from ekinerja.texts import governance as T
from ekinerja.timeutil import fmt_wib, utc_now
from ekinerja.validation import ValidationError

README = "BACA-SAYA.txt"


@dataclass(frozen=True)
class AccessPackage:
    file_name: str
    data: bytes
    rows: dict[str, int]
    photos: int


def _frame(session: Session, stmt: Select[Any]) -> pd.DataFrame:
    return pd.read_sql(stmt, session.connection())


def _tables(session: Session, employee_id: int) -> dict[str, pd.DataFrame]:
    e, u = table_of(Employee), table_of(Unit)
    p, s, a = table_of(Punch), table_of(DailySummary), table_of(Activity)
    r, lv, d = table_of(BehaviourReview), table_of(Leave), table_of(Device)
    pin, wr = table_of(FingerprintPin), table_of(WorkResultRating)
    ratings = [r.c[v] for v in BERAKHLAK]
    punch_cols = [c for c in p.c if c.name not in ("photo_path", "import_batch_id", "deleted_at")]
    return {
        "pegawai.csv": _frame(session, select(
            e.c.id, e.c.nip, e.c.name, e.c.sex, e.c.birth_date, u.c.name.label("unit"),
            e.c.jabatan, e.c.jabatan_type, e.c.golongan, e.c.supervisor_id, e.c.home_lat,
            e.c.home_lon, e.c.home_kelurahan, e.c.status, e.c.status_reason,
            e.c.deactivated_for_violation, e.c.created_at, e.c.status_changed_at,
        ).join(u, u.c.id == e.c.unit_id).where(e.c.id == employee_id)),
        "absensi.csv": _frame(session, select(*punch_cols)
            .where(p.c.employee_id == employee_id, p.c.deleted_at.is_(None))
            .order_by(p.c.ts, p.c.id)),
        "ringkasan_harian.csv": _frame(session, select(
            *[c for c in s.c if c.name not in ("id", "updated_at")]
        ).where(s.c.employee_id == employee_id).order_by(s.c.work_date)),
        "aktivitas.csv": _frame(session, select(
            *[c for c in a.c if c.name not in ("import_batch_id", "deleted_at", "source_key")]
        ).where(a.c.employee_id == employee_id, a.c.deleted_at.is_(None))
            .order_by(a.c.work_date, a.c.id)),
        "review_ditulis.csv": _frame(session, select(
            r.c.id, r.c.period, r.c.reviewee_id, r.c.relation, *ratings, r.c.comment,
            r.c.submitted_at,
        ).where(r.c.reviewer_id == employee_id, r.c.deleted_at.is_(None))
            .order_by(r.c.period, r.c.id)),
        "review_diterima.csv": _frame(session, select(
            r.c.id, r.c.period, r.c.relation, *ratings, r.c.comment, r.c.submitted_at,
        ).where(r.c.reviewee_id == employee_id, r.c.deleted_at.is_(None))
            .order_by(r.c.period, r.c.id)),
        "cuti_izin.csv": _frame(session, select(
            lv.c.id, lv.c.kind, lv.c.subkind, lv.c.start_date, lv.c.end_date, lv.c.note,
            lv.c.approved_by, lv.c.created_at,
        ).where(lv.c.employee_id == employee_id, lv.c.deleted_at.is_(None))
            .order_by(lv.c.start_date, lv.c.id)),
        "perangkat.csv": _frame(session, select(*[c for c in d.c if c.name != "employee_id"])
            .where(d.c.employee_id == employee_id).order_by(d.c.first_seen)),
        "pin_fingerprint.csv": _frame(session, select(pin.c.pin)
            .where(pin.c.employee_id == employee_id).order_by(pin.c.pin)),
        "penilaian_hasil_kerja.csv": _frame(session, select(wr.c.period, wr.c.rating, wr.c.rater_id)
            .where(wr.c.employee_id == employee_id).order_by(wr.c.period)),
    }  # fmt: skip


def _photos(session: Session, employee_id: int) -> list[tuple[str, str]]:
    """(name in the ZIP, stored path) of the person's selfies that are still kept."""
    p: Table = table_of(Punch)
    rows = session.execute(
        select(p.c.id, p.c.work_date, p.c.photo_path)
        .where(
            p.c.employee_id == employee_id, p.c.deleted_at.is_(None), p.c.photo_path.is_not(None)
        )
        .order_by(p.c.ts, p.c.id)
    ).all()
    out = []
    for punch_id, day, stored in rows:
        suffix = ".png" if str(stored).lower().endswith(".png") else ".jpg"
        # Generated names: the stored path never reaches the archive (no "../" games).
        out.append((f"foto/{day.isoformat()}_{punch_id}{suffix}", str(stored)))
    return out


def _readme(viewer: Viewer, employee_id: int, grace: int | None) -> str:
    parts = [T.ACCESS_README_HEAD.format(employee_id=employee_id, created=fmt_wib(utc_now()),
                                         actor=viewer.username)]  # fmt: skip
    parts += [f"- {name:<28} {text}" for name, text in T.ACCESS_FILES.items()]
    parts.append(T.ACCESS_README_TAIL.format(grace=grace))
    return "\n".join(parts).replace("\n", "\r\n")


def build(session: Session, viewer: Viewer, employee_id: int) -> AccessPackage:
    """The ZIP for one person; audited as "ekspor.akses" in the caller's transaction."""
    require(viewer, "export.access_request")
    emp = session.get(Employee, employee_id)
    if emp is None:
        raise ValidationError(T.EMPLOYEE_NOT_FOUND)
    if emp.nip.startswith(ANONYMISED_PREFIX):
        raise ValidationError(T.EMPLOYEE_ERASED)
    check_scope(session, viewer, [employee_id])
    tables = _tables(session, employee_id)
    photos = _photos(session, employee_id)
    grace = retention.rules(session)["terhapus"].keep_days
    buf = io.BytesIO()
    included = 0
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(README, _readme(viewer, employee_id, grace).encode("utf-8"))
        for name, frame in tables.items():
            zf.writestr(name, exports.to_csv_bytes(frame))
        for arcname, stored in photos:
            try:
                photo = read_photo(stored)
            except ValidationError:
                continue  # a stored path leaving the photo folder is never followed
            if photo.data is not None:
                zf.writestr(arcname, photo.data)
                included += 1
    rows = {name: len(frame) for name, frame in tables.items()}
    audit.record(
        session, viewer.actor, "ekspor.akses", "employee", employee_id,
        after={"baris": rows, "foto": included},
    )  # fmt: skip
    return AccessPackage(f"data_pribadi_{employee_id}.zip", buf.getvalue(), rows, included)
