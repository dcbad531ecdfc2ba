"""The policy matrix: {no hold, hold, deactivated for violation, retention expired} x
{manual correction, manual delete, account deletion, retention run, access export}.

The record under test is the subject's selfie check-in (with a photo file and a GPS point).
"Fresh" records are 10 days old; in the hold, violation and expired states the record is 2,000
days old, past every default retention period (the longest for a punch is 5 years = 1,825 days),
so the retention run would remove it unless something keeps it. Each row says what must happen
to the record and which audit entries the action writes (none when it is refused).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import db
from ekinerja import audit
from ekinerja.governance import access_export, corrections, deletion, holds, retention
from ekinerja.governance.corrections import Edit
from ekinerja.models import AuditEntry, Employee, Punch
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError
from tests.governance_support import ADMIN, AUDITOR, Person, build_person

CASE_REF = "PDT-17/2026/PN.Mdn"


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "photos"
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(folder))
    return folder


@dataclass(frozen=True)
class Expect:
    refused: str | None  # a word the refusal must contain; None = the action goes through
    record: str  # changed | hidden | kept | gone | exported
    audit: tuple[str, ...]  # actions of the new audit entries, in order
    account: str = "aktif"  # the subject's status afterwards


OK_FIX = Expect(None, "changed", ("data.koreksi",))
OK_HIDE = Expect(None, "hidden", ("data.hapus",))
OK_ACCOUNT = Expect(None, "hidden", ("akun.hapus",), account="dihapus")
OK_EXPORT = Expect(None, "exported", ("ekspor.akses",))
RUN = ("retensi.jalankan",)

MATRIX: dict[tuple[str, str], Expect] = {
    ("no_hold", "correct"): OK_FIX,
    ("no_hold", "delete"): OK_HIDE,
    ("no_hold", "delete_account"): OK_ACCOUNT,
    ("no_hold", "retention_run"): Expect(None, "kept", RUN),
    ("no_hold", "access_export"): OK_EXPORT,
    ("hold", "correct"): Expect(CASE_REF, "kept", ()),
    ("hold", "delete"): Expect(CASE_REF, "kept", ()),
    # The account goes; the held record stays (a partial refusal recorded in the entry).
    ("hold", "delete_account"): Expect(None, "kept", ("akun.hapus",), account="dihapus"),
    ("hold", "retention_run"): Expect(None, "kept", RUN),
    ("hold", "access_export"): OK_EXPORT,
    ("violation", "correct"): Expect("pelanggaran", "kept", (), account="nonaktif"),
    ("violation", "delete"): Expect("pelanggaran", "kept", (), account="nonaktif"),
    ("violation", "delete_account"): Expect("pelanggaran", "kept", (), account="nonaktif"),
    ("violation", "retention_run"): Expect(None, "kept", RUN, account="nonaktif"),
    ("violation", "access_export"): Expect(None, "exported", ("ekspor.akses",), account="nonaktif"),
    ("expired", "correct"): OK_FIX,
    ("expired", "delete"): OK_HIDE,
    ("expired", "delete_account"): OK_ACCOUNT,
    ("expired", "retention_run"): Expect(None, "gone", RUN),
    ("expired", "access_export"): OK_EXPORT,
}


def _arrange(engine: Engine, state: str) -> Person:
    age = 10 if state == "no_hold" else 2000
    person = build_person(engine, today_wib() - timedelta(days=age))
    with db.write_session(engine) as s:
        if state == "hold":
            holds.place_hold(
                s, AUDITOR,
                holds.HoldRequest(CASE_REF, employee_id=person.employee_id,
                                  start_date=person.day, end_date=person.day),
            )  # fmt: skip
        if state == "violation":
            emp = s.get(Employee, person.employee_id)
            assert emp is not None
            emp.status = "nonaktif"
            emp.deactivated_for_violation = True
            s.add(emp)
    return person


def _act(engine: Engine, action: str, person: Person) -> bytes | None:
    if action == "retention_run":
        retention.run_retention(engine, ADMIN)
        return None
    with db.write_session(engine) as s:
        if action == "correct":
            corrections.apply_edits(
                s, ADMIN, "punch", [Edit(person.selfie_id, 1, {"direction": "out"})],
                "salah arah absen",
            )  # fmt: skip
        elif action == "delete":
            deletion.soft_delete(s, ADMIN, "punch", [(person.selfie_id, 1)], "absen ganda")
        elif action == "delete_account":
            emp = s.get(Employee, person.employee_id)
            assert emp is not None
            deletion.delete_account(s, ADMIN, person.employee_id, emp.version, "permintaan pegawai")
        elif action == "access_export":
            return access_export.build(s, ADMIN, person.employee_id).data
    return None


def _last_id(engine: Engine) -> int:
    with db.read_session(engine) as s:
        return int(s.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


@pytest.mark.parametrize(("state", "action"), list(MATRIX), ids=[f"{s}-{a}" for s, a in MATRIX])
def test_policy_matrix(engine: Engine, state: str, action: str) -> None:
    expect = MATRIX[(state, action)]
    person = _arrange(engine, state)
    before = _last_id(engine)

    data = None
    if expect.refused:
        with pytest.raises(ValidationError, match=expect.refused.replace(".", r"\.")):
            _act(engine, action, person)
    else:
        data = _act(engine, action, person)

    with db.read_session(engine) as s:
        new = s.scalars(select(AuditEntry).where(AuditEntry.id > before).order_by(AuditEntry.id))
        assert tuple(e.action for e in new) == expect.audit
        assert audit.verify(s).ok
        row = s.get(Punch, person.selfie_id)
        emp = s.get(Employee, person.employee_id)
    assert emp is not None and emp.status == expect.account

    if expect.record == "gone":
        assert row is None
        assert not person.photo_path().exists()
        return
    assert row is not None
    if expect.record == "changed":
        assert (row.direction, row.version, row.deleted_at) == ("out", 2, None)
    elif expect.record == "hidden":
        assert row.deleted_at is not None and row.direction == "in"
    else:  # kept / exported: untouched, photo and GPS included
        assert (row.direction, row.version, row.deleted_at) == ("in", 1, None)
        assert row.photo_path == person.photo_rel and row.lat == -7.6244
        assert person.photo_path().exists()
    if expect.record == "exported":
        assert data is not None
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            punches = zf.read("absensi.csv").decode("utf-8-sig")
        assert f"foto/{person.day.isoformat()}_{person.selfie_id}.jpg" in names
        assert punches.count("\r\n") == 3  # header + the selfie + the fingerprint check-out


def test_hold_partial_refusal_is_recorded_in_the_account_deletion_entry(engine: Engine) -> None:
    person = _arrange(engine, "hold")
    with db.write_session(engine) as s:
        emp = s.get(Employee, person.employee_id)
        assert emp is not None
        result = deletion.delete_account(s, ADMIN, person.employee_id, emp.version, "permintaan")
    # Everything on the held day is kept: 2 punches, activity, leave, 2 reviews, device, summary.
    assert result.kept == [
        {
            "alasan": "hold", "penahanan": 1, "perkara": CASE_REF,
            "jumlah": {"punch": 2, "leave": 1, "activity": 1, "behaviour_review": 2},
        }
    ]  # fmt: skip
    assert CASE_REF in result.messages[0]
    assert result.deleted == {
        "punch": 0, "leave": 0, "activity": 0, "behaviour_review": 0, "daily_summary": 0
    }  # fmt: skip
