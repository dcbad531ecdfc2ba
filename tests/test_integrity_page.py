"""The Integritas Data page with AppTest: the queue per role, evidence, review, running checks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select

import db
from ekinerja.access import Viewer
from ekinerja.integrity import run_checks
from ekinerja.models import IntegrityFinding
from ekinerja.timeutil import today_wib
from tests import factories as f
from tests.ui import app_for


def setup(engine: Engine) -> date:
    """A's mock-location punch in DISKOMINFO and B's in DINKES, on the 1st of this month."""
    day = today_wib().replace(day=1)
    with db.write_session(engine) as s:
        u1 = f.unit(s, "DISKOMINFO", name="Dinas Komunikasi")
        u2 = f.unit(s, "DINKES", name="Dinas Kesehatan")
        for u, n in ((u1, 1), (u2, 2)):
            f.office(s, u)
            e = f.employee(s, u, n, name=f"Pegawai {n}")
            f.punch(s, e, day, 7, 20, channel="selfie", lat=-7.6244, lon=111.5206,
                    mock_location=True)  # fmt: skip
        run_checks(s, Viewer("sistem", "admin"), day, day)
    return day


def test_supervisor_sees_own_unit_without_review_form(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "supervisor", units=["DISKOMINFO"], page="pages/integritas.py")
    at.run()
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert table["NIP"].tolist() == [f.nip(1)]
    assert table["Jenis"].tolist() == ["Lokasi palsu (mock location)"]
    picker = next(s for s in at.selectbox if s.label == "Pilih temuan untuk melihat bukti")
    picker.set_value(int(table["No."].iloc[0])).run()
    assert at.dataframe[1].value.values.tolist() == [["Kanal", "selfie"], ["Jumlah absen", "1"]]
    assert not at.exception
    assert not at.radio  # no review form for supervisors
    assert not [b for b in at.button if b.label == "Jalankan pemeriksaan integritas"]


def test_auditor_rejects_with_a_reason(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "auditor", page="pages/integritas.py")
    at.run()
    table = at.dataframe[0].value
    assert sorted(table["NIP"]) == [f.nip(1), f.nip(2)]
    picker = next(s for s in at.selectbox if s.label == "Pilih temuan untuk melihat bukti")
    fid = int(table["No."].iloc[0])
    picker.set_value(fid).run()
    assert at.radio[0].options == ["Dikonfirmasi", "Ditolak"]
    save = "Simpan status"
    at.radio[0].set_value("ditolak")
    next(b for b in at.button if b.label == save).click().run()  # no reason given
    assert any("Alasan wajib" in e.value for e in at.error)
    at.radio[0].set_value("ditolak")
    at.text_area[0].set_value("Uji coba aplikasi GPS oleh tim TI")
    next(b for b in at.button if b.label == save).click().run()
    assert not at.exception
    with db.read_session(engine) as s:
        row = s.get(IntegrityFinding, fid)
        assert row is not None
    assert (row.status, row.status_reason) == ("ditolak", "Uji coba aplikasi GPS oleh tim TI")


def test_admin_runs_the_checks_again_without_duplicates(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "admin", page="pages/integritas.py")
    at.run()
    run_button = next(b for b in at.button if b.label == "Jalankan pemeriksaan integritas")
    run_button.click().run()
    assert not at.exception and not at.error
    assert any("0 temuan baru" in s.value for s in at.success)
    with db.read_session(engine) as s:
        assert len(s.exec(select(IntegrityFinding)).scalars().all()) == 2
