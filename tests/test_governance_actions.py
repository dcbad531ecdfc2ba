"""Corrections, soft delete, restore, holds and account status: rules and bad input.

Every refusal must leave the database exactly as it was (no row changed, no audit entry).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, inspect, select
from sqlmodel import Session, SQLModel

import db
from ekinerja import audit
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.governance import corrections, deletion, employee_status, holds, records
from ekinerja.governance.corrections import Edit
from ekinerja.models import (
    Activity,
    AuditEntry,
    BehaviourReview,
    DailySummary,
    Employee,
    Leave,
    Punch,
)
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError
from tests.governance_support import ADMIN, AUDITOR, Person, build_person

# A Monday well in the past: the summary of that day is a work day with the default schedule.
MONDAY = date(2026, 10, 5)


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path / "photos"))


@pytest.fixture
def person(engine: Engine) -> Person:
    return build_person(engine, MONDAY)


def _snapshot(engine: Engine) -> tuple[object, ...]:
    """Everything a refused action could have touched."""
    with db.read_session(engine) as s:
        return (
            s.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
            tuple(s.execute(select(Punch.id, Punch.version, Punch.ts, Punch.deleted_at)).all()),
            tuple(s.execute(select(Leave.id, Leave.version, Leave.deleted_at)).all()),
            tuple(s.execute(select(Activity.id, Activity.version, Activity.description)).all()),
            tuple(s.execute(select(BehaviourReview.id, BehaviourReview.version)).all()),
            tuple(s.execute(select(Employee.id, Employee.version, Employee.status)).all()),
            tuple(s.execute(select(DailySummary.employee_id, DailySummary.work_date,
                                   DailySummary.status, DailySummary.minutes_late)).all()),
        )  # fmt: skip


def _write(engine: Engine, action: Callable[[Session], object]) -> object:
    with db.write_session(engine) as s:
        return action(s)


def _hold(engine: Engine, person: Person, **scope: object) -> None:
    _write(
        engine,
        lambda s: holds.place_hold(s, AUDITOR, holds.HoldRequest("LHP-700/12/2026", **scope)),
    )  # type: ignore[arg-type]


BAD_INPUT: list[tuple[str, Callable[[Session, Person], object], str]] = [
    ("reason missing", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"direction": "out"})], "  "), "Alasan wajib"),
    ("reason of control characters only", lambda s, p: deletion.soft_delete(
        s, ADMIN, "punch", [(p.selfie_id, 1)], "\n\t\x00\u200b"), "Alasan wajib"),
    ("stale version", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 7, {"direction": "out"})], "koreksi arah"),
     "sudah diubah oleh pengguna lain"),
    ("record already purged", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(999_999, 1, {"direction": "out"})], "koreksi arah"),
     "tidak ditemukan: mungkin sudah dihapus permanen"),
    ("delete of a purged record", lambda s, p: deletion.soft_delete(
        s, ADMIN, "activity", [(999_999, 1)], "hapus ganda"), "tidak ditemukan"),
    ("nonexistent employee", lambda s, p: deletion.delete_account(
        s, ADMIN, 999_999, 1, "permintaan pegawai"), "Pegawai tidak ditemukan"),
    ("field not editable (mass assignment)", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"deleted_at": None})], "koreksi"),
     "tidak dapat diubah"),
    ("mock flag is evidence, not editable", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"mock_location": True})], "koreksi"),
     "tidak dapat diubah"),
    ("no change at all", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"direction": "in"})], "koreksi"),
     "Tidak ada perubahan"),
    ("punch in the future", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"ts": "2999-01-01 07:30"})], "koreksi"),
     "masa depan"),
    ("coordinates out of range", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"lat": 91, "lon": 181})], "koreksi"),
     "di luar rentang"),
    ("selfie without GPS", lambda s, p: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(p.selfie_id, 1, {"lat": None, "lon": None})], "koreksi"),
     "wajib punya koordinat"),
    ("NaN minutes", lambda s, p: corrections.apply_edits(
        s, ADMIN, "activity", [Edit(p.activity_id, 1, {"minutes": float("nan")})], "koreksi"),
     "bilangan bulat"),
    ("minutes 1e5", lambda s, p: corrections.apply_edits(
        s, ADMIN, "activity", [Edit(p.activity_id, 1, {"minutes": "1e5"})], "koreksi"),
     "bilangan bulat 1-1440"),
    ("leave ends before it starts", lambda s, p: corrections.apply_edits(
        s, ADMIN, "leave", [Edit(p.leave_id, 1, {"end_date": "2026-10-01"})], "koreksi"),
     "tidak boleh sebelum"),
    ("rating outside 1..3", lambda s, p: corrections.apply_edits(
        s, ADMIN, "review", [Edit(p.review_received_id, 1, {"loyal": 4})], "koreksi"),
     "1-3"),
    ("unknown kind", lambda s, p: corrections.apply_edits(
        s, ADMIN, "employee", [Edit(p.employee_id, 1, {"name": "x"})], "koreksi"),
     "Jenis data tidak dikenal"),
    ("summary is derived", lambda s, p: corrections.apply_edits(
        s, ADMIN, "summary", [Edit(1, 1, {"status": "hadir"})], "koreksi"), "tidak dapat diubah"),
    ("hold without case reference", lambda s, p: holds.place_hold(
        s, AUDITOR, holds.HoldRequest(" ", employee_id=p.employee_id)), "rujukan perkara wajib"),
    ("hold case reference with markdown", lambda s, p: holds.place_hold(
        s, AUDITOR, holds.HoldRequest("![x](http://x.example/a.png)", employee_id=p.employee_id)),
     "hanya boleh berisi"),
    ("hold without scope", lambda s, p: holds.place_hold(
        s, AUDITOR, holds.HoldRequest("PDT-1/2026")), "Pilih minimal satu cakupan"),
    ("hold period reversed", lambda s, p: holds.place_hold(
        s, AUDITOR, holds.HoldRequest("PDT-1/2026", start_date=MONDAY,
                                      end_date=MONDAY - timedelta(days=1))), "tidak boleh sebelum"),
    ("hold on a nonexistent employee", lambda s, p: holds.place_hold(
        s, AUDITOR, holds.HoldRequest("PDT-1/2026", employee_id=999_999)), "Pegawai tidak ditemukan"),
    ("restore of a live record", lambda s, p: deletion.restore(
        s, ADMIN, "punch", [(p.selfie_id, 1)], "pulihkan"), "tidak berada di daftar data terhapus"),
    ("active account flagged as violation", lambda s, p: employee_status.set_status(
        s, ADMIN, p.employee_id, 1, True, True, "pelanggaran"), "nonaktifkan dulu"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "action", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_changes(
    engine: Engine, person: Person, case: str, action: Callable[[Session, Person], object],
    message: str,
) -> None:  # fmt: skip
    before = _snapshot(engine)
    with pytest.raises(ValidationError, match=message):
        _write(engine, lambda s: action(s, person))
    assert _snapshot(engine) == before


PERMISSIONS: list[tuple[str, Viewer, Callable[[Session, Person, Viewer], object]]] = [
    ("auditor may not correct", AUDITOR, lambda s, p, v: corrections.apply_edits(
        s, v, "punch", [Edit(p.selfie_id, 1, {"direction": "out"})], "koreksi")),
    ("hr may not delete", Viewer("sdm", "hr"), lambda s, p, v: deletion.soft_delete(
        s, v, "punch", [(p.selfie_id, 1)], "hapus")),
    ("supervisor may not delete accounts", Viewer("atasan", "supervisor", Scope.units([1])),
     lambda s, p, v: deletion.delete_account(s, v, p.employee_id, 1, "hapus")),
    ("hr may not place holds", Viewer("sdm", "hr"), lambda s, p, v: holds.place_hold(
        s, v, holds.HoldRequest("PDT-1/2026", employee_id=p.employee_id))),
]  # fmt: skip


@pytest.mark.parametrize(("case", "viewer", "action"), PERMISSIONS, ids=[c[0] for c in PERMISSIONS])
def test_roles_without_the_action_are_refused(
    engine: Engine, person: Person, case: str, viewer: Viewer,
    action: Callable[[Session, Person, Viewer], object],
) -> None:  # fmt: skip
    before = _snapshot(engine)
    with pytest.raises(PermissionDenied):
        _write(engine, lambda s: action(s, person, viewer))
    assert _snapshot(engine) == before


def _summary(engine: Engine, employee_id: int, day: date) -> tuple[str, int] | None:
    with db.read_session(engine) as s:
        row = s.execute(
            select(DailySummary.status, DailySummary.minutes_late).where(
                DailySummary.employee_id == employee_id, DailySummary.work_date == day
            )
        ).first()
    return None if row is None else (row[0], row[1])


def test_correcting_a_check_in_time_updates_the_daily_summary_in_the_same_save(
    engine: Engine, person: Person
) -> None:
    # The izin on that day excuses everything; remove it first so lateness counts.
    _write(
        engine,
        lambda s: deletion.soft_delete(
            s, ADMIN, "leave", [(person.leave_id, 1)], "izin salah input"
        ),
    )
    assert _summary(engine, person.employee_id, MONDAY) == ("hadir", 0)  # 07:25 is on time
    _write(engine, lambda s: corrections.apply_edits(
        s, ADMIN, "punch", [Edit(person.selfie_id, 1, {"ts": "2026-10-05 08:12:30"})], "jam mesin salah"))  # fmt: skip
    # 08:12:30 against 07:30: 42 whole minutes late.
    assert _summary(engine, person.employee_id, MONDAY) == ("hadir", 42)


def test_moving_a_punch_to_another_day_refreshes_both_days(engine: Engine, person: Person) -> None:
    _write(
        engine,
        lambda s: deletion.soft_delete(s, ADMIN, "leave", [(person.leave_id, 1)], "salah input"),
    )
    tuesday = MONDAY + timedelta(days=1)
    for pid in (person.selfie_id, person.fingerprint_id):
        _write(engine, lambda s, pid=pid: corrections.apply_edits(
            s, ADMIN, "punch", [Edit(pid, 1, {"ts": f"{tuesday} 07:20"})], "tanggal salah"))  # fmt: skip
    assert _summary(engine, person.employee_id, MONDAY) == ("tk", 0)
    assert _summary(engine, person.employee_id, tuesday) == ("hadir", 0)
    with db.read_session(engine) as s:
        row = s.get(Punch, person.selfie_id)
    assert row is not None and row.work_date == tuesday


def test_free_text_never_enters_the_audit_entry(engine: Engine, person: Person) -> None:
    secret = "Rapat dengan Bapak Sutrisno Wibowo"
    _write(engine, lambda s: corrections.apply_edits(
        s, ADMIN, "activity", [Edit(person.activity_id, 1, {"description": secret, "minutes": 90})],
        "uraian kurang lengkap"))  # fmt: skip
    with db.read_session(engine) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.action == "data.koreksi"
    assert "Sutrisno" not in (entry.after or "") and "Rapat" not in (entry.before or "")
    assert '"minutes": 90' in (entry.after or "") and '"panjang": 34' in (entry.after or "")


def test_soft_delete_hides_the_record_on_search_and_summary_and_restore_brings_it_back(
    engine: Engine, person: Person
) -> None:
    flt = records.RecordFilter(text="Zubaidah")
    with db.read_session(engine) as s:
        assert set(records.find(s, ADMIN, "activity", flt).index) == {person.activity_id}
    _write(
        engine,
        lambda s: deletion.soft_delete(s, ADMIN, "activity", [(person.activity_id, 1)], "ganda"),
    )
    _write(engine, lambda s: deletion.soft_delete(
        s, ADMIN, "punch", [(person.selfie_id, 1), (person.fingerprint_id, 1)], "mesin error"))  # fmt: skip
    _write(
        engine, lambda s: deletion.soft_delete(s, ADMIN, "leave", [(person.leave_id, 1)], "salah")
    )
    with db.read_session(engine) as s:
        assert records.find(s, ADMIN, "activity", flt).empty
        bin_ = records.find(
            s, ADMIN, "activity", records.RecordFilter(text="Zubaidah", deleted=True)
        )
        assert list(bin_.index) == [person.activity_id]
    assert _summary(engine, person.employee_id, MONDAY) == ("tk", 0)
    _write(engine, lambda s: deletion.restore(
        s, ADMIN, "punch", [(person.selfie_id, 2), (person.fingerprint_id, 2)], "salah hapus"))  # fmt: skip
    assert _summary(engine, person.employee_id, MONDAY) == ("hadir", 0)


def test_search_treats_percent_and_underscore_literally(engine: Engine, person: Person) -> None:
    with db.read_session(engine) as s:
        assert records.find(s, ADMIN, "punch", records.RecordFilter(text="%")).empty
        assert records.find(s, ADMIN, "punch", records.RecordFilter(text="Zub_idah")).empty
        by_nip = records.find(s, ADMIN, "punch", records.RecordFilter(text="19870615 201103"))
        assert set(by_nip.index) == {person.selfie_id, person.fingerprint_id}


HOLD_SCOPES: list[tuple[str, Callable[[Person], dict[str, object]], bool]] = [
    ("employee hold covers the record", lambda p: {"employee_id": p.employee_id}, True),
    ("unit hold covers the record", lambda p: {"unit_id": p.unit_id}, True),
    ("period hold covers the day", lambda p: {"start_date": MONDAY, "end_date": MONDAY}, True),
    ("period hold before the day does not", lambda p: {"end_date": MONDAY - timedelta(days=1)}, False),
    ("another employee's hold does not", lambda p: {"employee_id": p.colleague_id,
                                                   "start_date": MONDAY}, False),
]  # fmt: skip


@pytest.mark.parametrize(("case", "scope", "held"), HOLD_SCOPES, ids=[c[0] for c in HOLD_SCOPES])
def test_hold_scope_decides_whether_an_activity_can_be_deleted(
    engine: Engine, person: Person, case: str, scope: Callable[[Person], dict[str, object]],
    held: bool,
) -> None:  # fmt: skip
    _hold(engine, person, **scope(person))

    def action(s: Session) -> object:
        return deletion.soft_delete(s, ADMIN, "activity", [(person.activity_id, 1)], "hapus")

    if held:
        with pytest.raises(
            ValidationError, match=r"ditahan untuk perkara LHP-700/12/2026 \(penahanan #1\)"
        ):
            _write(engine, action)
    else:
        _write(engine, action)


def test_a_review_is_held_by_a_hold_on_its_writer_and_for_any_day_of_its_month(
    engine: Engine, person: Person
) -> None:
    # The review's period is 2026-10-01; a hold from 2026-10-20 still overlaps October.
    _hold(engine, person, employee_id=person.colleague_id, start_date=date(2026, 10, 20))
    for review_id in (person.review_written_id, person.review_received_id):
        with pytest.raises(ValidationError, match="LHP-700/12/2026"):
            _write(engine, lambda s, r=review_id: corrections.apply_edits(
                s, ADMIN, "review", [Edit(r, 1, {"loyal": 3})], "koreksi"))  # fmt: skip


def test_correction_cannot_move_a_record_out_of_a_held_period(
    engine: Engine, person: Person
) -> None:
    _hold(
        engine, person, start_date=MONDAY + timedelta(days=1), end_date=MONDAY + timedelta(days=1)
    )
    # The leave lies on Monday (free) but moving its end into the held Tuesday is refused too.
    with pytest.raises(ValidationError, match="LHP-700/12/2026"):
        _write(engine, lambda s: corrections.apply_edits(
            s, ADMIN, "leave", [Edit(person.leave_id, 1, {"end_date": "2026-10-06"})], "koreksi"))  # fmt: skip


def test_lifting_a_hold_is_audited_and_frees_the_data(engine: Engine, person: Person) -> None:
    _hold(engine, person, employee_id=person.employee_id)
    with pytest.raises(ValidationError, match="reason|Alasan"):
        _write(engine, lambda s: holds.lift_hold(s, AUDITOR, 1, 1, ""))
    with pytest.raises(ValidationError, match="sudah diubah"):
        _write(engine, lambda s: holds.lift_hold(s, AUDITOR, 1, 5, "perkara selesai"))
    _write(engine, lambda s: holds.lift_hold(s, AUDITOR, 1, 1, "perkara selesai"))
    with pytest.raises(ValidationError, match="sudah dicabut"):
        _write(engine, lambda s: holds.lift_hold(s, AUDITOR, 1, 2, "perkara selesai"))
    _write(
        engine,
        lambda s: deletion.soft_delete(s, ADMIN, "activity", [(person.activity_id, 1)], "hapus"),
    )
    with db.read_session(engine) as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert audit.verify(s).ok
    assert actions[-3:] == ["penahanan.pasang", "penahanan.cabut", "data.hapus"]


def test_violation_flag_freezes_the_data_and_lifting_it_is_audited(
    engine: Engine, person: Person
) -> None:
    _write(engine, lambda s: employee_status.set_status(
        s, ADMIN, person.employee_id, 1, False, True, "fake GPS berulang"))  # fmt: skip
    with pytest.raises(ValidationError, match="pelanggaran"):
        _write(
            engine,
            lambda s: deletion.soft_delete(
                s, ADMIN, "activity", [(person.activity_id, 1)], "hapus"
            ),
        )
    # A review the violator received is theirs too.
    with pytest.raises(ValidationError, match="pelanggaran"):
        _write(engine, lambda s: deletion.soft_delete(
            s, ADMIN, "review", [(person.review_received_id, 1)], "hapus"))  # fmt: skip
    _write(engine, lambda s: employee_status.set_status(
        s, ADMIN, person.employee_id, 2, True, False, "banding diterima"))  # fmt: skip
    _write(
        engine,
        lambda s: deletion.soft_delete(s, ADMIN, "activity", [(person.activity_id, 1)], "hapus"),
    )
    with db.read_session(engine) as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "pegawai.status").order_by(AuditEntry.id)
        ).all()
    assert [(e.before, e.after) for e in entries] == [
        (
            '{"pelanggaran": false, "status": "aktif"}',
            '{"pelanggaran": true, "status": "nonaktif"}',
        ),
        (
            '{"pelanggaran": true, "status": "nonaktif"}',
            '{"pelanggaran": false, "status": "aktif"}',
        ),
    ]


def test_a_crash_mid_save_leaves_the_database_as_before(
    engine: Engine, person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(engine)
    calls = {"n": 0}
    real = audit.record

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:  # after the first record was written and audited
            raise RuntimeError("listrik padam")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit, "record", failing)
    with pytest.raises(RuntimeError):
        _write(engine, lambda s: corrections.apply_edits(s, ADMIN, "punch", [
            Edit(person.selfie_id, 1, {"direction": "out"}),
            Edit(person.fingerprint_id, 1, {"direction": "in"}),
        ], "tukar arah"))  # fmt: skip
    assert _snapshot(engine) == before


def test_one_stale_row_refuses_the_whole_save(engine: Engine, person: Person) -> None:
    before = _snapshot(engine)
    with pytest.raises(ValidationError, match="Absensi #"):
        _write(engine, lambda s: corrections.apply_edits(s, ADMIN, "punch", [
            Edit(person.selfie_id, 1, {"direction": "out"}),
            Edit(person.fingerprint_id, 3, {"direction": "in"}),
        ], "tukar arah"))  # fmt: skip
    assert _snapshot(engine) == before


def test_grid_edits_carry_the_version_the_grid_was_loaded_with(
    engine: Engine, person: Person
) -> None:
    with db.read_session(engine) as s:
        frame = records.find(s, ADMIN, "activity", records.RecordFilter(text="Zubaidah"))
    frame.loc[person.activity_id, "version"] = 4  # as if loaded when the row was at version 4
    edits = corrections.edits_from_grid(frame, {"0": {"minutes": 30}, 5: {"minutes": 1}})
    assert edits == [Edit(person.activity_id, 4, {"minutes": 30})]


def test_every_foreign_key_to_employee_is_classified_for_account_deletion() -> None:
    """A new table pointing at employees must say whether an erasure empties it or keeps it."""
    personal = {(pt.table.name, c) for pt in deletion.person_tables() for c in pt.employee_cols}
    classified = personal | deletion.REFERENCE_COLUMNS
    found = {
        (table.name, fk.parent.name)
        for table in SQLModel.metadata.tables.values()
        for fk in table.foreign_keys
        if fk.column.table.name == "employee"
    }
    assert found - classified == set(), "classify in ekinerja/governance/deletion.py"


def test_schema_has_the_columns_governance_relies_on(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in ("punch", "leave", "activity", "behaviour_review"):
        names = {c["name"] for c in inspector.get_columns(table)}
        assert {"version", "deleted_at"} <= names


def test_monday_constant_is_in_the_past() -> None:
    # Guards the MONDAY constant: the summary tests need it to be a past work day.
    assert MONDAY < today_wib()
