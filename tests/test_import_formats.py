"""Real-format files and their malformed variants: read correctly or refused clearly, never misread.

Files are written here from the documented format (ekinerja.importing.formats); each case says
what the report must contain. Reading does not depend on the database engine, so these run on
SQLite; the import path itself runs on both engines in test_import_app.py.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

import pytest
from sqlalchemy import Engine, select

import db
from ekinerja.access import Viewer
from ekinerja.importing import Limits, check_file, formats, import_file
from ekinerja.importing.report import visible
from ekinerja.models import Activity, Punch
from tests import factories as f

ADMIN = Viewer("admin-uji", "admin")
NIP_A = f.nip(1)
HEADER = "source_key,nip,ts,direction,channel,lat,lon"
ROW_A = f"app-1,{NIP_A},2026-03-02T07:28:13+07:00,in,selfie,-7.62441,111.52063"


@pytest.fixture
def eng(sqlite_engine: Engine) -> Engine:
    with db.write_session(sqlite_engine) as s:
        u = f.unit(s, "DISKOMINFO")
        f.office(s, u)
        f.employee(s, u, 1)
        f.employee(s, u, 2, status="dihapus")
    return sqlite_engine


def check(engine: Engine, data: bytes, name: str = "absen.csv", **kw: Any) -> Any:
    with db.read_session(engine) as s:
        return check_file(s, ADMIN, name, data, **kw)


def issues(report: Any) -> list[tuple[int, str | None, str]]:
    return [(int(r.line), r.column, r.reason) for r in report.issues.itertuples()]


# --- encodings and line ends: read correctly ------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data", "note"),
    [
        ("utf8", f"{HEADER}\n{ROW_A}\n".encode(), None),
        ("bom_crlf", codecs.BOM_UTF8 + f"{HEADER}\r\n{ROW_A}\r\n".encode(), None),
        ("utf16_excel", f"{HEADER}\r\n{ROW_A}\r\n".encode("utf-16"), "UTF-16"),
        ("blank_lines", f"\n{HEADER}\n\n{ROW_A}\n\n\n".encode(), None),
        ("semicolon_decimal_comma",
         f"{HEADER}\n{ROW_A}\n".replace(",", ";").replace("-7.62441", "-7,62441")
         .replace("111.52063", "111,52063").encode(), "titik koma"),
        ("tab", f"{HEADER}\n{ROW_A}\n".replace(",", "\t").encode(), "tab"),
    ],
)  # fmt: skip
def test_supported_variants_read_the_same_values(
    eng: Engine, label: str, data: bytes, note: str | None
) -> None:
    report = check(eng, data)
    assert report.file_error is None, report.file_error
    assert issues(report) == []
    row = report.ready.iloc[0]
    assert (row["lat"], row["lon"]) == (-7.62441, 111.52063)
    assert str(row["ts"]) == "2026-03-02 00:28:13+00:00"
    if note:
        assert any(note in n for n in report.notes)


def test_latin1_activity_text_is_read_as_windows_1252_and_reported(eng: Engine) -> None:
    text = ("source_key;nip;work_date;description;minutes\n"
            f"akt-1;{NIP_A};2026-03-02;Rapat koordinasi café – tahap 2;60\n")  # fmt: skip
    report = check(eng, text.encode("cp1252"), "aktivitas.csv")
    assert report.ready.iloc[0]["description"] == "Rapat koordinasi café – tahap 2"
    assert any("Windows-1252" in n for n in report.notes)


def test_mixed_encoding_is_refused(eng: Engine) -> None:
    data = f"{HEADER}\n{ROW_A}\n".encode() + "app-2 café\n".encode() + "é".encode("latin-1")
    assert "campuran" in (check(eng, data).file_error or "")


def test_quoted_line_breaks_keep_line_numbers(eng: Engine) -> None:
    data = ("source_key,nip,work_date,description,minutes\n"
            f'akt-1,{NIP_A},2026-03-02,"baris satu\nbaris dua\r\nbaris tiga",60\n'
            f"akt-2,{NIP_A},2026-03-02,ok,0\n").encode()  # fmt: skip
    report = check(eng, data, "aktivitas.csv")
    assert report.ready.iloc[0]["description"] == "baris satu\nbaris dua\r\nbaris tiga"
    # The second record starts on physical line 5, after the three lines of the first.
    assert issues(report) == [(5, "minutes", "di luar rentang 1..1440")]


# --- whole-file refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data", "expected"),
    [
        ("empty", b"", "kosong"),
        ("only_bom_and_blank_lines", codecs.BOM_UTF8 + b"\r\n\r\n", "kosong"),
        ("header_only", f"{HEADER}\n".encode(), "kosong"),
        ("duplicate_header", f"{HEADER},nip\n{ROW_A},{NIP_A}\n".encode(), "ganda"),
        ("role_column", f"{HEADER},role\n{ROW_A},admin\n".encode(), "role"),
        ("unit_column", f"{HEADER},unit\n{ROW_A},X\n".encode(), "unit"),
        ("deleted_at_column", f"{HEADER},deleted_at\n{ROW_A},\n".encode(), "deleted_at"),
        ("missing_required", b"source_key,nip,ts,channel,lat\nx,1,2,3,4\n", "direction"),
        ("unnamed_column", f"{HEADER},\n{ROW_A},\n".encode(), "tanpa nama"),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "NUL"),
        ("unknown_header", b"a,b,c\n1,2,3\n", "tidak dikenali"),
        ("zkteco_without_choice", b"     1\t2026-03-02 07:28:13\t1\t0\t1\t0\n", "ZKTeco"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    eng: Engine, label: str, data: bytes, expected: str
) -> None:
    report = check(eng, data)
    assert report.file_error is not None and expected in report.file_error
    assert report.good_rows == 0


def test_a_million_rows_get_the_limit_message(eng: Engine) -> None:
    data = (f"{HEADER}\n" + "k,1,2,3,4,5,6\n" * 1_000_000).encode()
    assert len(data) < Limits().max_bytes
    report = check(eng, data)
    assert report.file_error is not None and "500.000" in report.file_error


def test_size_limit(eng: Engine) -> None:
    data = f"{HEADER}\n".encode() + b"x" * Limits().max_bytes
    report = check(eng, data)
    assert report.file_error is not None and "50 MB" in report.file_error


# --- row problems: line, column, reason -----------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "row", "column", "reason"),
    [
        ("nip_short_leading_zeros", "k,0001,2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "18 digit"),
        ("nip_one", "k,1,2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "18 digit"),
        ("nip_exponent", "k,1e5,2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "notasi ilmiah"),
        ("nip_excel_float", "k,1.98501E+17,2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "notasi ilmiah"),
        ("nip_unknown", f"k,{f.nip(9)},2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "tidak dikenal"),
        ("nip_erased", f"k,{f.nip(2)},2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "dihapus"),
        ("nip_bad_birth_date", "k,198513012010011001,2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "nip", "tanggal lahir"),
        ("naive_time", f"k,{NIP_A},2026-03-02T07:00:00,in,selfie,-7.6,111.5", "ts", "zona waktu"),
        ("date_only", f"k,{NIP_A},2026-03-02,in,selfie,-7.6,111.5", "ts", "zona waktu"),
        ("unparseable_time", f"k,{NIP_A},kemarin pagi,in,selfie,-7.6,111.5", "ts", "ISO 8601"),
        ("impossible_date", f"k,{NIP_A},2026-02-30T07:00:00+07:00,in,selfie,-7.6,111.5", "ts", "ISO 8601"),
        ("future", f"k,{NIP_A},2099-03-02T07:00:00+07:00,in,selfie,-7.6,111.5", "ts", "masa depan"),
        ("machine_clock_reset", f"k,{NIP_A},2000-01-01T00:00:00+07:00,in,selfie,-7.6,111.5", "ts", "2010"),
        ("lat_91", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,91,111.5", "lat", "-90..90"),
        ("lon_181", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,181", "lon", "-180..180"),
        ("nan", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,NaN,111.5", "lat", "NaN"),
        ("inf", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,inf", "lon", "tak hingga"),
        ("zero_zero", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,0,0", "lat", "(0, 0)"),
        ("half_coordinate", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,", "lon", "lengkap"),
        ("other_half", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,,111.5", "lat", "lengkap"),
        ("selfie_without_gps", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,,", "lat", "wajib punya"),
        ("fingerprint_in_app_file", f"k,{NIP_A},2026-03-02T07:00:00Z,in,fingerprint,-7.6,111.5", "channel", "ZKTeco"),
        ("direction_word", f"k,{NIP_A},2026-03-02T07:00:00Z,masuk,selfie,-7.6,111.5", "direction", "in, out"),
        ("key_with_space", f"k 1,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "source_key", "huruf"),
        ("key_reserved", f"zk:1,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,111.5", "source_key", "zk:"),
        ("extra_field", f"k,{NIP_A},2026-03-02T07:00:00Z,in,selfie,-7.6,111.5,x", None, "jumlah kolom 8"),
    ],
)  # fmt: skip
def test_bad_rows_are_reported_with_line_column_and_reason(
    eng: Engine, label: str, row: str, column: str | None, reason: str
) -> None:
    report = check(eng, f"{HEADER}\n{ROW_A}\n{row}\n".encode())
    found = issues(report)
    assert found and all(line == 3 for line, _, _ in found), found
    assert any(col == column and reason in why for _, col, why in found), found
    assert (report.good_rows, report.bad_rows) == (1, 1)


@pytest.mark.parametrize(
    ("label", "line", "column", "reason"),
    [
        ("nip_as_number", '{"source_key":"k","nip":198501012010011001,"ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":-7.6,"lon":111.5}', "nip", "teks"),
        ("nan_literal", f'{{"source_key":"k","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":NaN,"lon":111.5}}', "lat", "NaN"),
        ("infinity_literal", f'{{"source_key":"k","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":-7.6,"lon":-Infinity}}', "lon", "tak hingga"),
        ("duplicate_key", f'{{"source_key":"k","nip":"{NIP_A}","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":-7.6,"lon":111.5}}', "nip", "ganda"),
        ("role_key", f'{{"source_key":"k","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":-7.6,"lon":111.5,"role":"admin"}}', "role", "tidak dikenal"),
        ("not_json", '{"source_key": "k", nip}', None, "JSON"),
        ("array", "[1, 2]", None, "objek"),
        ("nested", f'{{"source_key":"k","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":[1],"lon":111.5}}', "lat", "nilai tunggal"),
        ("exponent_minutes_is_not_integer", f'{{"source_key":"k","nip":"{NIP_A}","ts":"2026-03-02T07:00:00Z","direction":"in","channel":"selfie","lat":-7.6,"lon":1e5}}', "lon", "-180..180"),
    ],
)  # fmt: skip
def test_json_lines_rows(
    eng: Engine, label: str, line: str, column: str | None, reason: str
) -> None:
    good = json.dumps({"source_key": "app-1", "nip": NIP_A, "ts": "2026-03-02T07:28:13+07:00",
                       "direction": "in", "channel": "selfie", "lat": -7.62441, "lon": 111.52063})  # fmt: skip
    report = check(eng, f"{good}\n\n{line}\n".encode(), "absen.jsonl")
    found = issues(report)
    assert found and all(n == 3 for n, _, _ in found), found
    assert any(col == column and reason in why for _, col, why in found), found
    assert report.good_rows == 1


def test_activity_rules(eng: Engine) -> None:
    data = "\n".join(
        [
            "source_key,nip,work_date,description,minutes,status",
            f"a1,{NIP_A},2026-03-02,ok,1e2,",
            f"a2,{NIP_A},2026-03-02,ok,90.5,",
            f"a3,{NIP_A},2026-03-02,   ,60,",
            f"a4,{NIP_A},2099-01-01,ok,60,",
            f"a5,{NIP_A},02/03/2026,ok,60,",
            f"a6,{NIP_A},2026-03-02,ok,60,selesai",
            f"a7,{NIP_A},2026-03-02,{'x' * 2001},60,",
        ]
    ).encode()
    found = {(line, col): why for line, col, why in issues(check(eng, data, "akt.csv"))}
    assert "notasi ilmiah" in found[(2, "minutes")]
    assert "bilangan bulat" in found[(3, "minutes")]
    assert "kosong" in found[(4, "description")]
    assert "masa depan" in found[(5, "work_date")]
    assert "YYYY-MM-DD" in found[(6, "work_date")]
    assert "diajukan" in found[(7, "status")]
    assert "2000" in found[(8, "description")]


def test_text_with_nul_is_refused(eng: Engine) -> None:
    data = json.dumps({"source_key": "a1", "nip": NIP_A, "work_date": "2026-03-02",
                       "description": "rapat\u0000x", "minutes": 30}).encode()  # fmt: skip
    assert issues(check(eng, data, "akt.jsonl")) == [(1, "description", "memuat karakter NUL")]


def test_report_values_cannot_fake_a_line(eng: Engine) -> None:
    assert visible("ok\n2026-03-02 INFO impor selesai") == "ok\\x0a2026-03-02 INFO impor selesai"
    assert visible("\u202egnp.exe") == "\\x202egnp.exe"
    assert len(visible("x" * 500) or "") == 61


def test_imported_activity_and_punch_text_is_stored_as_written(eng: Engine) -> None:
    data = json.dumps({"source_key": "a1", "nip": NIP_A, "work_date": "2026-03-02",
                       "description": "@SUM(1+1)*cmd|' /C calc'!A0", "minutes": 30}).encode()  # fmt: skip
    with db.write_session(eng) as s:
        import_file(s, ADMIN, "akt.jsonl", data)
    with db.read_session(eng) as s:
        assert s.exec(select(Activity.description)).scalars().one() == "@SUM(1+1)*cmd|' /C calc'!A0"
        assert s.exec(select(Punch)).scalars().all() == []


def test_every_documented_column_is_in_the_format_docs() -> None:
    doc = formats.__doc__ or ""
    for spec in formats.APP_FORMATS.values():
        for name in spec.names:
            assert f"\n{name} " in doc or f"\n{name}," in doc or f" {name} " in doc, name
