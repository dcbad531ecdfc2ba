"""The Impor Data page with AppTest: upload, check (nothing written), import, good rows only."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

import db
from ekinerja.models import FingerprintPin, ImportBatch, Punch
from tests import factories as f
from tests.ui import app_for

NIP_A = f.nip(1)
HEADER = "source_key,nip,ts,direction,channel,lat,lon"
GOOD = f"app-1,{NIP_A},2026-03-02T07:28:13+07:00,in,selfie,-7.62441,111.52063"
BAD = f"app-2,{NIP_A},2026-03-02T16:00:00,out,selfie,-7.62441,111.52063"


def setup(engine: Engine) -> None:
    with db.write_session(engine) as s:
        u = f.unit(s, "DISKOMINFO")
        f.office(s, u)
        e = f.employee(s, u, 1)
        s.add(FingerprintPin(pin="7", employee_id=e.id))  # type: ignore[arg-type]


def punches(engine: Engine) -> list[str]:
    with db.read_session(engine) as s:
        return sorted(s.exec(select(Punch.source_key)).scalars())  # type: ignore[arg-type]


def buttons(at: object) -> dict[str, object]:
    return {b.label: b for b in at.button}  # type: ignore[attr-defined]


def test_check_then_import(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "admin", page="pages/impor.py")
    at.run()
    assert not at.exception
    at.file_uploader[0].set_value(("absen.csv", f"{HEADER}\n{GOOD}\n".encode(), "text/csv"))
    at.run()
    buttons(at)["Periksa berkas"].click().run()  # type: ignore[attr-defined]
    assert not at.exception and not at.error
    counts = dict(at.dataframe[0].value.values.tolist())
    assert counts["Baris valid (baru)"] == 1 and counts["Baris bermasalah"] == 0
    assert punches(engine) == []  # checking writes nothing
    buttons(at)["Impor"].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert punches(engine) == ["app-1"]
    assert any("1 baris baru" in s.value for s in at.success)


def test_bad_rows_are_listed_and_good_rows_need_the_second_button(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "admin", page="pages/impor.py")
    at.run()
    at.file_uploader[0].set_value(("absen.csv", f"{HEADER}\n{GOOD}\n{BAD}\n".encode(), "text/csv"))
    at.run()
    buttons(at)["Periksa berkas"].click().run()  # type: ignore[attr-defined]
    problems = at.dataframe[1].value
    assert problems.values.tolist() == [
        [3, "ts", "waktu tanpa zona waktu; tambahkan +07:00 (WIB) atau Z (UTC)",
         "2026-03-02T16:00:00"]
    ]  # fmt: skip
    assert "Impor" not in buttons(at)
    label = "Impor hanya 1 baris yang valid"
    assert label in buttons(at)
    buttons(at)[label].click().run()  # type: ignore[attr-defined]
    assert punches(engine) == ["app-1"]
    with db.read_session(engine) as s:
        batch = s.exec(select(ImportBatch)).scalars().one()
    assert (batch.inserted, batch.rejected) == (1, 1)


def test_refused_file_shows_the_reason(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "admin", page="pages/impor.py")
    at.run()
    at.file_uploader[0].set_value(
        ("absen.csv", f"{HEADER},role\n{GOOD},admin\n".encode(), "text/csv")
    )
    at.run()
    buttons(at)["Periksa berkas"].click().run()  # type: ignore[attr-defined]
    assert any("role" in e.value for e in at.error)
    assert "Impor" not in buttons(at)


def test_other_tabs_show_pins_history_and_formats(engine: Engine) -> None:
    setup(engine)
    at = app_for(engine, "admin", page="pages/impor.py")
    at.run()
    assert not at.exception
    assert at.data_editor[0].value.values.tolist() == [["7", NIP_A]]
    headers = [h.value for h in at.subheader]
    assert "Presensi aplikasi (CSV/JSON Lines)" in headers


@pytest.mark.parametrize("role", ["hr", "auditor"])
def test_non_admins_cannot_open_the_page(engine: Engine, role: str) -> None:
    setup(engine)
    at = app_for(engine, role, page="pages/impor.py")
    at.run()
    assert not at.file_uploader
