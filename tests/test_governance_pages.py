"""The governance pages driven with AppTest: Kelola Data, Penahanan & Retensi, Audit, Kebijakan.

Dialogs: a button inside an st.dialog only exists in a run where the dialog was opened, so a
confirmation is clicked together with the button that opens it (what a person does in two clicks
the browser delivers to the dialog's own rerun).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from streamlit.testing.v1 import AppTest

import db
from ekinerja.governance import corrections, holds
from ekinerja.governance.corrections import Edit
from ekinerja.models import Activity, AuditEntry, Employee, LegalHold
from ekinerja.timeutil import today_wib
from tests.governance_support import ADMIN, SUBJECT_NIP, Person, build_person
from tests.ui import app_for


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path / "photos"))


@pytest.fixture
def person(engine: Engine) -> Person:
    return build_person(engine, today_wib() - timedelta(days=3))


def _button(at: AppTest, label: str) -> object:
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r} in {[b.label for b in at.button]}"
    return found[0]


def _click(at: AppTest, *labels: str) -> AppTest:
    for label in labels:
        _button(at, label).click()  # type: ignore[attr-defined]
    return at.run()


def _kelola(engine: Engine, kind: str = "activity", username: str | None = None) -> AppTest:
    at = app_for(engine, "admin", page="pages/kelola.py", username=username)
    at.run()
    at.text_input(key="kelola_q").input("Zubaidah").run()
    at.selectbox(key="kelola_kind").select(kind).run()
    assert not at.exception
    return at


def _edit_grid(at: AppTest, rows: dict[int, dict[str, object]]) -> None:
    at.session_state[f"kelola_grid_{at.session_state['kelola_grid_n']}"] = {
        "edited_rows": rows, "added_rows": [], "deleted_rows": [],
    }  # fmt: skip


def _activity(engine: Engine, person: Person) -> Activity:
    with db.read_session(engine) as s:
        row = s.get(Activity, person.activity_id)
    assert row is not None
    return row


def test_kelola_saves_a_correction_from_the_grid_with_its_reason(
    engine: Engine, person: Person
) -> None:
    at = _kelola(engine)
    _edit_grid(at, {0: {"minutes": 75}})
    at.text_input(key="kelola_reason").input("durasi rapat salah")
    _click(at, "Simpan koreksi")
    assert [t.value for t in at.text] == ["Koreksi disimpan."]
    row = _activity(engine, person)
    assert (row.minutes, row.version) == (75, 2)
    with db.read_session(engine) as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry is not None and (entry.action, entry.reason) == (
        "data.koreksi",
        "durasi rapat salah",
    )


def test_kelola_grid_shows_and_takes_punch_directions_in_indonesian(
    engine: Engine, person: Person
) -> None:
    at = _kelola(engine, kind="punch")
    frame = at.session_state["kelola_frame"]
    # Newest day first, and within a day in time order: the 07:25 check-in, the 16:05 check-out.
    assert list(frame["direction"]) == ["Masuk", "Pulang"]
    assert list(frame["channel"]) == ["Selfie", "Fingerprint"]
    _edit_grid(at, {0: {"direction": "Pulang"}})
    at.text_input(key="kelola_reason").input("salah tombol di aplikasi")
    _click(at, "Simpan koreksi")
    with db.read_session(engine) as s:
        from ekinerja.models import Punch

        assert s.get(Punch, person.selfie_id).direction == "out"  # type: ignore[union-attr]


def test_kelola_refuses_a_save_without_reason(engine: Engine, person: Person) -> None:
    at = _kelola(engine)
    _edit_grid(at, {0: {"minutes": 75}})
    _click(at, "Simpan koreksi")
    assert any("Alasan wajib diisi" in e.value for e in at.error)
    assert _activity(engine, person).minutes == 60


def test_kelola_second_admin_with_an_older_screen_is_refused(
    engine: Engine, person: Person
) -> None:
    first = _kelola(engine, username="admin-satu")
    second = _kelola(engine, username="admin-dua")  # both screens show version 1
    _edit_grid(first, {0: {"minutes": 30}})
    first.text_input(key="kelola_reason").input("rapat 30 menit")
    _click(first, "Simpan koreksi")
    _edit_grid(second, {0: {"minutes": 45}})
    second.text_input(key="kelola_reason").input("rapat 45 menit")
    _click(second, "Simpan koreksi")
    assert any("sudah diubah oleh pengguna lain" in e.value for e in second.error)
    assert (_activity(engine, person).minutes, _activity(engine, person).version) == (30, 2)


def test_kelola_delete_needs_the_dialog_and_the_bin_restores(
    engine: Engine, person: Person
) -> None:
    at = _kelola(engine)
    at.multiselect(key="kelola_pick").select(person.activity_id).run()
    _click(at, "Hapus data terpilih…")
    assert _activity(engine, person).deleted_at is None  # only the dialog opened
    at.text_input(key="kelola_del_reason").input("aktivitas ganda")
    _click(at, "Ya, hapus", "Hapus data terpilih…")
    assert [t.value for t in at.text] == ["Data dihapus."]
    assert _activity(engine, person).deleted_at is not None

    at.radio(key="kelola_mode").set_value("Data terhapus").run()
    at.multiselect(key="kelola_pick").select(person.activity_id).run()
    at.text_input(key="kelola_reason").input("salah hapus")
    _click(at, "Pulihkan data terpilih")
    assert _activity(engine, person).deleted_at is None


def test_kelola_account_status_and_deletion(engine: Engine, person: Person) -> None:
    at = app_for(engine, "admin", page="pages/kelola.py")
    at.run()
    at.radio(key="kelola_mode").set_value("Akun pegawai").run()
    at.text_input(key="kelola_q").input(SUBJECT_NIP[:8]).run()
    assert at.selectbox(key="kelola_person").value == person.employee_id
    _click(at, "Hapus akun pegawai…")
    at.text_input(key="kelola_acc_nip").input("198706152011032999")
    at.text_input(key="kelola_acc_reason").input("permintaan pegawai")
    _click(at, "Ya, hapus akun", "Hapus akun pegawai…")
    assert any("NIP konfirmasi tidak cocok" in e.value for e in at.error)
    at.text_input(key="kelola_acc_nip").input("19870615 201103 2 004")
    _click(at, "Ya, hapus akun", "Hapus akun pegawai…")
    assert [t.value for t in at.text] == ["Akun pegawai dihapus."]
    with db.read_session(engine) as s:
        assert s.get(Employee, person.employee_id).status == "dihapus"  # type: ignore[union-attr]


def test_kelola_is_not_offered_to_a_supervisor(engine: Engine, person: Person) -> None:
    with db.write_session(engine) as s:
        from tests import factories as f

        f.unit(s, code="DISKOMINFO")
    at = app_for(engine, "supervisor", units=["DISKOMINFO"], page="pages/kelola.py")
    at.run()
    assert "Kelola Data" not in [t.value for t in at.title]


def test_penahanan_auditor_places_and_lifts_a_hold(engine: Engine, person: Person) -> None:
    at = app_for(engine, "auditor", page="pages/penahanan.py")
    at.run()
    at.text_input(key="tahan_q").input("Zubaidah").run()
    at.selectbox(key="tahan_person").select(person.employee_id)
    at.text_input(key="tahan_case").input("SPRIN-3/2026")
    _click(at, "Pasang penahanan")
    assert not at.exception and [t.value for t in at.text] == ["Penahanan dipasang."]
    with db.read_session(engine) as s:
        hold = s.scalars(select(LegalHold)).one()
    assert (hold.case_ref, hold.employee_id, hold.placed_by) == (
        "SPRIN-3/2026",
        person.employee_id,
        "uji-auditor",
    )
    # While it stands, an admin's correction is refused with the case named.
    with pytest.raises(ValueError, match="SPRIN-3/2026"), db.write_session(engine) as s:
        corrections.apply_edits(
            s, ADMIN, "activity", [Edit(person.activity_id, 1, {"minutes": 5})], "koreksi"
        )
    _click(at, "Cabut penahanan…")
    at.text_input(key="tahan_lift_reason").input("perkara selesai")
    _click(at, "Ya, cabut", "Cabut penahanan…")
    with db.read_session(engine) as s:
        assert s.get(LegalHold, hold.id).lifted_by == "uji-auditor"  # type: ignore[union-attr]
    # Auditors see the schedule but cannot change it or run it.
    labels = [b.label for b in at.button]
    assert "Simpan jadwal retensi" not in labels and "Simulasi retensi" not in labels


def test_penahanan_admin_changes_the_schedule_and_simulates_a_run(
    engine: Engine, person: Person
) -> None:
    at = app_for(engine, "admin", page="pages/penahanan.py")
    at.run()
    key = at.session_state["tahan_rules_key"]
    at.session_state[key] = {
        "edited_rows": {0: {"keep_days": 90}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.text_input(key="tahan_rule_reason").input("keputusan PPID")
    _click(at, "Simpan jadwal retensi")
    assert [t.value for t in at.text] == ["Jadwal retensi disimpan."]
    _click(at, "Simulasi retensi")
    report = at.code[0].value
    assert report.startswith("SIMULASI") and "Foto selfie (biometrik)" in report


def test_audit_page_filters_and_verifies_the_chain(engine: Engine, person: Person) -> None:
    with db.write_session(engine) as s:
        holds.place_hold(s, ADMIN, holds.HoldRequest("PDT-4/2026", employee_id=person.employee_id))
    at = app_for(engine, "auditor", page="pages/audit.py")
    at.run()
    at.selectbox(key="audit_action").select("penahanan.pasang").run()
    frame = at.dataframe[0].value
    assert list(frame["action"]) == ["penahanan.pasang"] and list(frame["actor"]) == ["admin-uji"]
    _click(at, "Verifikasi sekarang")
    assert any("Rantai audit utuh" in s.value for s in at.success)


def test_kebijakan_shows_the_policy_and_a_pending_announcement_to_every_role(
    engine: Engine,
) -> None:
    admin = app_for(engine, "admin", page="pages/kebijakan.py")
    admin.run()
    assert any("KEBIJAKAN DATA APLIKASI E-KINERJA" in t.value for t in admin.text)
    admin.text_input[0].input("2026.1")
    admin.text_area[0].input("Foto selfie disimpan 180 hari")
    admin.text_area[1].input("Teks kebijakan versi 2026")
    _click(admin, "Umumkan")
    assert any("Versi baru diumumkan" in s.value for s in admin.success)
    with db.write_session(engine) as s:
        from tests import factories as f

        f.unit(s, code="DINKES")
    supervisor = app_for(engine, "supervisor", units=["DINKES"], page="pages/kebijakan.py")
    supervisor.run()
    assert any("Perubahan kebijakan diumumkan" in w.value for w in supervisor.warning)
    assert not [b for b in supervisor.button if b.label == "Umumkan"]
