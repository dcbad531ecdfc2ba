"""ZKTeco fingerprint logs (USB attlog.dat and ADMS push body), the PIN mapping, and the CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, select

import db
from ekinerja.access import Viewer
from ekinerja.cli import main
from ekinerja.importing import ImportRefused, apply_pin_changes, check_file, import_file, pin_table
from ekinerja.models import AuditEntry, DailySummary, FingerprintDevice, FingerprintPin, Punch
from ekinerja.validation import ValidationError
from tests import factories as f

ADMIN = Viewer("admin-uji", "admin")
SERIAL = "BWXP201260123"
OFFICE = (-7.6244, 111.5206)


def setup(engine: Engine) -> dict[str, int]:
    with db.write_session(engine) as s:
        u = f.unit(s, "DISKOMINFO")
        o = f.office(s, u, *OFFICE)
        a = f.employee(s, u, 1)
        b = f.employee(s, u, 2)
        s.add(FingerprintDevice(serial=SERIAL, name="Lobi", office_id=o.id))  # type: ignore[arg-type]
        s.add(FingerprintPin(pin="1", employee_id=a.id))  # type: ignore[arg-type]
        s.add(FingerprintPin(pin="0002", employee_id=b.id))  # type: ignore[arg-type]
        s.flush()
        return {"a": int(a.id or 0), "b": int(b.id or 0)}


def usb(*lines: str) -> bytes:
    """An attlog.dat as the machines write it: CRLF, PINs right-aligned to 9 characters."""
    return "\r\n".join(lines).encode() + b"\r\n"


def line(pin: str, when: str, status: int, device: str = "1", verify: int = 1) -> str:
    return f"{pin:>9}\t{when}\t{device}\t{status}\t{verify}\t0"


USB_LOG = usb(
    line("1", "2026-03-02 07:28:13", 0),
    "",
    line("0002", "2026-03-02 07:41:00", 0),
    line("1", "2026-03-02 12:01:00", 2),
    line("1", "2026-03-02 12:55:00", 3),
    line("1", "2026-03-02 16:03:00", 1),
    line("1", "2026-03-02 16:03:00", 1),
    "",
)


def run(engine: Engine, data: bytes, name: str, **kw: Any) -> Any:
    with db.write_session(engine) as s:
        return import_file(s, ADMIN, name, data, **kw)


def test_usb_export_is_read_with_serial_from_the_file_name(engine: Engine) -> None:
    ids = setup(engine)
    result = run(engine, USB_LOG, f"{SERIAL}_attlog.dat")
    report = result.check
    assert report.kind == "zkteco_usb"
    assert (result.inserted, report.duplicates_in_file, report.bad_rows) == (3, 1, 0)
    assert report.skipped == {"status 2 (keluar istirahat)": 1, "status 3 (kembali istirahat)": 1}
    with db.read_session(engine) as s:
        rows = {p.source_key: p for p in s.exec(select(Punch)).scalars()}
        summary = {r.employee_id: r for r in s.exec(select(DailySummary)).scalars()}
    first = rows[f"zk:{SERIAL}:1:20260302072813"]
    # Machine clocks are WIB: 07:28:13 WIB is 00:28:13 UTC.
    assert first.ts == datetime(2026, 3, 2, 0, 28, 13, tzinfo=UTC)
    assert (first.channel, first.direction, first.employee_id) == ("fingerprint", "in", ids["a"])
    assert (first.lat, first.lon) == OFFICE and first.fp_device_id is not None
    assert rows[f"zk:{SERIAL}:1:20260302160300"].direction == "out"
    assert rows[f"zk:{SERIAL}:0002:20260302074100"].employee_id == ids["b"]
    # 07:41 against 07:30 is 11 minutes late; A left at 16:03 after the 16:00 end.
    assert summary[ids["b"]].minutes_late == 11
    assert summary[ids["a"]].last_out == datetime(2026, 3, 2, 9, 3, tzinfo=UTC)
    assert summary[ids["a"]].minutes_early == 0


def test_overlapping_later_export_only_adds_new_lines(engine: Engine) -> None:
    setup(engine)
    run(engine, USB_LOG, f"{SERIAL}_attlog.dat")
    later = usb(line("1", "2026-03-02 16:03:00", 1), line("1", "2026-03-03 07:20:00", 0))
    result = run(engine, later, f"{SERIAL}_attlog.dat")
    assert (result.inserted, result.duplicates) == (1, 1)


def test_adms_body_with_reserved_fields_and_serial_given(engine: Engine) -> None:
    setup(engine)
    body = b"1\t2026-03-02 07:28:13\t0\t1\t0\t0\t0\n0002\t2026-03-02 16:10:00\t1\t15\t0\t0\t0\n"
    result = run(engine, body, "cdata.txt", fmt="zkteco_adms", serial=SERIAL)
    assert result.inserted == 2
    with db.read_session(engine) as s:
        directions = sorted(s.exec(select(Punch.direction)).scalars())
    assert directions == ["in", "out"]


@pytest.mark.parametrize(
    ("label", "data", "expected"),
    [
        ("unknown_pin", usb(line("77", "2026-03-02 07:00:00", 0)), (1, "pin", "pemetaan")),
        ("status_9", usb(line("1", "2026-03-02 07:00:00", 9)), (1, "status", "status")),
        ("bad_time", usb(line("1", "02/03/2026 07:00", 0)), (1, "time", "YYYY-MM-DD")),
        ("future", usb(line("1", "2099-03-02 07:00:00", 0)), (1, "time", "masa depan")),
        ("seven_fields", b"1\t2026-03-02 07:00:00\t1\t0\t1\t0\t0\r\n", (1, None, "jumlah kolom 7")),
        ("verify_text", usb("1\t2026-03-02 07:00:00\t1\t0\tsidik\t0"),
         (1, "verify", "bilangan bulat")),
        ("in_and_out_same_second", usb(line("1", "2026-03-02 07:00:00", 0),
                                       line("1", "2026-03-02 07:00:00", 1)),
         (2, "source_key", "baris 1")),
    ],
)  # fmt: skip
def test_bad_lines(
    sqlite_engine: Engine, label: str, data: bytes, expected: tuple[int, str | None, str]
) -> None:
    setup(sqlite_engine)
    with db.read_session(sqlite_engine) as s:
        report = check_file(s, ADMIN, f"{SERIAL}_attlog.dat", data)
    found = [(int(r.line), r.column, r.reason) for r in report.issues.itertuples()]
    n, column, reason = expected
    assert any(x == n and c == column and reason in why for x, c, why in found), found


@pytest.mark.parametrize(
    ("label", "name", "data", "kw", "expected"),
    [
        ("unknown_serial", "XYZ_attlog.dat", usb(line("1", "2026-03-02 07:00:00", 0)), {}, "XYZ"),
        ("no_serial", "log.txt", b"1\t2026-03-02 07:00:00\t0\t1\t0\t0\n",
         {"fmt": "zkteco_adms"}, "nomor seri"),
        ("bad_serial", "log.txt", b"1\t2026-03-02 07:00:00\t0\t1\t0\t0\n",
         {"fmt": "zkteco_adms", "serial": "../etc"}, "tidak sah"),
        ("usb_device_column_varies", f"{SERIAL}_attlog.dat",
         b"1\t2026-03-02 07:00:00\t0\t1\t0\t0\n1\t2026-03-02 16:00:00\t1\t1\t0\t0\n", {}, "ADMS"),
    ],
)  # fmt: skip
def test_refused_logs(
    sqlite_engine: Engine, label: str, name: str, data: bytes, kw: dict[str, Any], expected: str
) -> None:
    setup(sqlite_engine)
    with db.read_session(sqlite_engine) as s:
        report = check_file(s, ADMIN, name, data, **kw)
    assert report.file_error is not None and expected in report.file_error


# --- the PIN mapping ------------------------------------------------------------------------------


def test_pin_mapping_changes_are_applied_and_audited(sqlite_engine: Engine) -> None:
    ids = setup(sqlite_engine)
    with db.read_session(sqlite_engine) as s:
        loaded = pin_table(s, ADMIN)[["pin", "nip"]]
    assert loaded.values.tolist() == [["0002", f.nip(2)], ["1", f.nip(1)]]
    edited = pd.DataFrame(
        {"pin": ["0002", "5"], "nip": [f.nip(1), f"{f.nip(2)[:8]} {f.nip(2)[8:]}"]}
    )
    with db.write_session(sqlite_engine) as s:
        assert apply_pin_changes(s, ADMIN, loaded, edited) == (1, 1, 1)
    with db.read_session(sqlite_engine) as s:
        mapping = dict(s.exec(select(FingerprintPin.pin, FingerprintPin.employee_id)).all())
        entry = (
            s.exec(select(AuditEntry).where(AuditEntry.action == "fingerprint_pin.ubah"))
            .scalars()
            .one()
        )
    assert mapping == {"0002": ids["a"], "5": ids["b"]}
    assert json.loads(entry.after or "{}") == {
        "added": {"5": ids["b"]},
        "changed": {"0002": ids["a"]},
        "removed": ["1"],
    }


@pytest.mark.parametrize(
    ("label", "pins", "expected"),
    [
        ("unknown_nip", [("1", f.nip(1)), ("0002", f.nip(2)), ("9", f.nip(9))], "tidak dikenal"),
        ("bad_pin", [("1", f.nip(1)), ("0002", f.nip(2)), ("a b", f.nip(1))], "tidak sah"),
        ("twice", [("1", f.nip(1)), ("0002", f.nip(2)), ("1", f.nip(2))], "lebih dari sekali"),
        ("nip_number", [("1", "1e5"), ("0002", f.nip(2))], "18 digit"),
    ],
)
def test_bad_pin_edits_are_refused(sqlite_engine: Engine, label: str, pins: list[tuple[str, str]],
                                   expected: str) -> None:  # fmt: skip
    setup(sqlite_engine)
    with db.read_session(sqlite_engine) as s:
        loaded = pin_table(s, ADMIN)[["pin", "nip"]]
    edited = pd.DataFrame(pins, columns=["pin", "nip"])
    with pytest.raises(ValidationError, match=expected), db.write_session(sqlite_engine) as s:
        apply_pin_changes(s, ADMIN, loaded, edited)


def test_pin_edit_on_a_stale_table_is_refused(sqlite_engine: Engine) -> None:
    setup(sqlite_engine)
    with db.read_session(sqlite_engine) as s:
        loaded = pin_table(s, ADMIN)[["pin", "nip"]]
    other = loaded.copy()
    other.loc[other["pin"] == "1", "nip"] = f.nip(2)
    with db.write_session(sqlite_engine) as s:
        apply_pin_changes(s, ADMIN, loaded, other)
    mine = loaded.copy()
    mine.loc[mine["pin"] == "1", "pin"] = "11"
    with pytest.raises(ValidationError, match="admin lain"), db.write_session(sqlite_engine) as s:
        apply_pin_changes(s, ADMIN, loaded, mine)


# --- the command line -----------------------------------------------------------------------------


def test_cli_imports_each_file_in_its_own_transaction(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    setup(sqlite_engine)
    monkeypatch.setenv("DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))
    good = tmp_path / f"{SERIAL}_attlog.dat"
    good.write_bytes(USB_LOG)
    bad = tmp_path / "absen.csv"
    bad.write_bytes(b"source_key,nip,ts,direction,channel\nk,1e5,2026-03-02T07:00:00,in,qr\n")
    assert main(["import", "--check", str(good)]) == 0
    with db.read_session(sqlite_engine) as s:
        assert s.exec(select(Punch)).scalars().all() == []
    assert main(["import", str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert "baris 2, kolom nip" in out and "notasi ilmiah" in out
    assert "1 dari 2 berkas tidak diimpor" in err
    with db.read_session(sqlite_engine) as s:
        assert len(s.exec(select(Punch)).scalars().all()) == 3
    assert main(["import", str(good)]) == 0
    assert "0 baris baru, 4 duplikat" in capsys.readouterr().out


def test_cli_missing_file(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))
    assert main(["import", "/tidak/ada.csv"]) == 2


def test_refused_import_raises_with_report(sqlite_engine: Engine) -> None:
    setup(sqlite_engine)
    with pytest.raises(ImportRefused) as refused:
        run(sqlite_engine, usb(line("77", "2026-03-02 07:00:00", 0)), f"{SERIAL}_attlog.dat")
    assert refused.value.check.bad_rows == 1
    assert date(2026, 3, 2)  # the log's day; nothing was stored for it
    with db.read_session(sqlite_engine) as s:
        assert s.exec(select(DailySummary)).scalars().all() == []
