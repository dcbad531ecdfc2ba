"""Account deletion and the purge: nothing readable stays behind, and nothing goes too early.

The byte-level test reads the SQLite database file and its WAL as raw bytes: after the purge
neither holds the person's name, NIP or photo hash, and the photo folder no longer has the file.
A second person, untouched, must still be found the same way (the check can fail).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import db
from ekinerja import audit
from ekinerja.governance import deletion, holds, retention
from ekinerja.governance.common import ANONYMISED_PREFIX
from ekinerja.governance.deletion import person_tables
from ekinerja.models import Activity, AuditEntry, DailySummary, Employee, ErasureRequest, Punch
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError
from tests.governance_support import (
    ADMIN,
    AUDITOR,
    SUBJECT_NAME,
    SUBJECT_NIP,
    Person,
    build_person,
)

DAY = date(2026, 10, 5)
AFTER_GRACE = timedelta(days=31)  # default grace period: 30 days


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "photos"
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(folder))
    return folder


def _delete_account(engine: Engine, person: Person) -> deletion.AccountDeletion:
    with db.write_session(engine) as s:
        emp = s.get(Employee, person.employee_id)
        assert emp is not None
        return deletion.delete_account(
            s, ADMIN, person.employee_id, emp.version, "permintaan pegawai"
        )


def _rows_of(engine: Engine, employee_id: int) -> dict[str, int]:
    with db.read_session(engine) as s:
        out = {}
        for pt in person_tables():
            n = s.execute(
                select(func.count()).select_from(pt.table).where(pt.mine(employee_id))
            ).scalar_one()
            if n:
                out[pt.table.name] = int(n)
        return out


def _raw(engine: Engine) -> bytes:
    path = Path(engine.url.database or "")
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_purge_leaves_no_copy_of_name_nip_or_photo_hash_in_db_wal_or_photo_folder(
    sqlite_engine: Engine, photo_folder: Path
) -> None:
    gone = build_person(sqlite_engine, DAY, tag="a")
    stays = build_person(sqlite_engine, DAY, tag="b")
    with db.read_session(sqlite_engine) as s:
        stays_nip = s.get(Employee, stays.employee_id).nip  # type: ignore[union-attr]
    _delete_account(sqlite_engine, gone)

    # Positive control: until the purge the data is still there (hidden, restorable).
    raw = _raw(sqlite_engine)
    assert SUBJECT_NAME.encode() in raw and gone.photo_sha.encode() in raw
    assert gone.photo_path().exists()

    report = retention.run_retention(sqlite_engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert report.purge.erasures_done == [1] and report.storage_scrubbed is True
    sqlite_engine.dispose()

    raw = _raw(sqlite_engine)
    for needle in (SUBJECT_NAME, SUBJECT_NIP, gone.photo_sha, "Zubaidah"):
        assert needle.encode() not in raw, needle
    assert not gone.photo_path().exists()
    leftovers = [p for p in photo_folder.rglob("*") if p.is_file()]
    assert all(gone.photo_sha.encode() not in p.read_bytes() for p in leftovers)
    assert all(gone.photo_sha[:16] not in p.name for p in leftovers)
    # The other person is untouched: the same search finds them.
    assert stays_nip.encode() in raw and stays.photo_sha.encode() in raw
    assert stays.photo_path().exists()


def test_account_deletion_then_purge_empties_every_table_about_the_person(engine: Engine) -> None:
    person = build_person(engine, DAY)
    result = _delete_account(engine, person)
    # Hidden at once: records soft-deleted, the derived summary gone.
    assert result.deleted == {
        "punch": 2, "leave": 1, "activity": 1, "behaviour_review": 2, "daily_summary": 1,
    }  # fmt: skip
    # Within the grace period nothing is purged.
    retention.run_retention(engine, ADMIN, now=utc_now() + timedelta(days=29))
    assert _rows_of(engine, person.employee_id) == {
        "punch": 2, "leave": 1, "activity": 1, "behaviour_review": 2, "device": 1,
    }  # fmt: skip
    retention.run_retention(engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert _rows_of(engine, person.employee_id) == {}
    with db.read_session(engine) as s:
        emp = s.get(Employee, person.employee_id)
        req = s.get(ErasureRequest, result.request_id)
        colleague = s.get(Employee, person.colleague_id)
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert audit.verify(s).ok
    assert emp is not None and emp.status == "dihapus"
    assert emp.nip == f"{ANONYMISED_PREFIX}{person.employee_id:013d}" and "Zubaidah" not in emp.name
    assert emp.birth_date is None and emp.home_lat is None
    assert req is not None and req.state == "selesai"
    assert colleague is not None and colleague.status == "aktif"
    assert actions[-3:] == ["retensi.jalankan", "retensi.jalankan", "data.purge"]


def test_a_hold_keeps_the_erasure_open_until_it_is_lifted(engine: Engine) -> None:
    person = build_person(engine, DAY)
    with db.write_session(engine) as s:
        holds.place_hold(s, AUDITOR, holds.HoldRequest("PDT-9/2026", start_date=DAY, end_date=DAY,
                                                       employee_id=person.employee_id))  # fmt: skip
    _delete_account(engine, person)
    report = retention.run_retention(engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert report.purge.erasures_pending == [1] and report.purge.erasures_done == []
    # The held day stays whole (its summary and the device seen that day too), with the identity
    # needed to use it.
    assert _rows_of(engine, person.employee_id) == {
        "punch": 2, "leave": 1, "activity": 1, "behaviour_review": 2, "device": 1,
        "daily_summary": 1,
    }  # fmt: skip
    with db.read_session(engine) as s:
        assert s.get(Employee, person.employee_id).nip == SUBJECT_NIP  # type: ignore[union-attr]
    with db.write_session(engine) as s:
        holds.lift_hold(s, AUDITOR, 1, 1, "perkara selesai")
    report = retention.run_retention(engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert report.purge.erasures_done == [1]
    assert _rows_of(engine, person.employee_id) == {}
    assert not person.photo_path().exists()


def test_cancelling_an_account_deletion_within_the_grace_period_restores_everything(
    engine: Engine,
) -> None:
    person = build_person(engine, DAY)
    with db.write_session(engine) as s:
        deletion.soft_delete(s, ADMIN, "activity", [(person.activity_id, 1)], "ganda")
    before = _rows_of(engine, person.employee_id)
    result = _delete_account(engine, person)
    with db.write_session(engine) as s:
        deletion.cancel_erasure(s, ADMIN, result.request_id, "salah pegawai")
    assert _rows_of(engine, person.employee_id) == before
    with db.read_session(engine) as s:
        emp = s.get(Employee, person.employee_id)
        live_punches = s.scalars(select(Punch.id).where(Punch.deleted_at.is_(None))).all()  # type: ignore[union-attr]
        summary = s.scalars(
            select(DailySummary.status).where(DailySummary.employee_id == person.employee_id)
        ).all()
        activity = s.get(Activity, person.activity_id)
    assert emp is not None and emp.status == "aktif"
    assert sorted(live_punches) == [person.selfie_id, person.fingerprint_id]
    assert summary == ["izin"]
    # The activity deleted by hand before the account deletion stays in the recycle bin.
    assert activity is not None and activity.deleted_at is not None
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        with db.write_session(engine) as s:
            deletion.cancel_erasure(s, ADMIN, result.request_id, "dibatalkan lagi")


def test_deleting_an_account_twice_is_refused(engine: Engine) -> None:
    person = build_person(engine, DAY)
    _delete_account(engine, person)
    with pytest.raises(ValidationError, match=r"sudah dihapus \(permintaan penghapusan #1\)"):
        _delete_account(engine, person)


def test_purge_removes_a_soft_deleted_punch_and_its_photo_only_after_the_grace_period(
    engine: Engine,
) -> None:
    person = build_person(engine, DAY)
    with db.write_session(engine) as s:
        deletion.soft_delete(s, ADMIN, "punch", [(person.selfie_id, 1)], "foto orang lain")
    retention.run_retention(engine, ADMIN, now=utc_now() + timedelta(days=29))
    assert person.photo_path().exists()
    report = retention.run_retention(engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert report.purge.removed == {"punch": 1} and report.files_removed == 1
    assert not person.photo_path().exists()
    with db.read_session(engine) as s:
        assert s.get(Punch, person.selfie_id) is None
        assert s.get(Punch, person.fingerprint_id) is not None


def test_a_photo_file_shared_by_another_punch_is_not_deleted(engine: Engine) -> None:
    person = build_person(engine, DAY)
    with db.write_session(engine) as s:
        twin = Punch(employee_id=person.colleague_id, channel="selfie", direction="in",
                     ts=utc_now() - timedelta(days=1), work_date=DAY, lat=-7.63, lon=111.52,
                     photo_path=person.photo_rel, photo_sha256=person.photo_sha)  # fmt: skip
        s.add(twin)
        s.flush()
        deletion.soft_delete(s, ADMIN, "punch", [(person.selfie_id, 1)], "titip absen")
    report = retention.run_retention(engine, ADMIN, now=utc_now() + AFTER_GRACE)
    assert report.purge.removed == {"punch": 1} and report.files == []
    assert person.photo_path().exists()


def test_a_photo_path_outside_the_photo_folder_is_never_touched(tmp_path: Path) -> None:
    outside = tmp_path / "penting.txt"
    outside.write_text("jangan dihapus")
    assert deletion.photo_file("../penting.txt") is None
    assert deletion.remove_files(["../penting.txt", "/etc/passwd"]) == (0, 2)
    assert outside.exists()
