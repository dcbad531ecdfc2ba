"""ZKTeco fingerprint attendance logs: the USB export and the push (ADMS) body.

Fingerprint logs (``zkteco_usb``, ``zkteco_adms``)
--------------------------------------------------
One record a line, fields separated by tabs, times in WIB wall-clock (the machine's clock):

- USB export ``<serial>_attlog.dat``: ``PIN, YYYY-MM-DD HH:MM:SS, DeviceID, Status, Verify,
  WorkCode`` (exactly six fields; the DeviceID is the same on every line of one export).
- Push/ADMS body (``/iclock/cdata?table=ATTLOG``): ``PIN, YYYY-MM-DD HH:MM:SS, Status, Verify,
  WorkCode, reserved...`` (at least five fields).

The PIN may be right-aligned with spaces; CRLF line ends, blank lines and repeated lines are
normal (repeats are counted as duplicates). The machine is named by its serial number, taken
from the form field or ``--serial``, otherwise from the file name ``<serial>_attlog.dat``; it must
be registered (table ``fingerprint_device``) with its office, whose position becomes the punch
position. The PIN is looked up in the editable PIN mapping (``fingerprint_pin``, page Impor
Data, tab "PIN fingerprint"); an unknown PIN is an error.

Status: 0 check-in, 1 check-out. Codes 2-5 (break-out, break-in, overtime-in, overtime-out)
are not attendance: they are skipped and counted in the report, because storing a break-out as
a check-out would make a forgotten check-out look like leaving at lunch, and the working-hours
rules (Perpres 21/2023) count the first check-in and last check-out only. Any other status is
an error. Verify (0 password, 1 fingerprint, 2 password, 3 card, 15 face, 25 palm, ...) must be
a whole number and is not stored. Each record's key is ``zk:<serial>:<PIN>:<YYYYmmddHHMMSS>``:
the same PIN at the same second on the same machine is one punch; re-importing a log, or an
overlapping later export, changes nothing.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath

import numpy as np
import pandas as pd
from sqlmodel import Session

from ekinerja.importing import lookups
from ekinerja.importing.checks import Checker, mask
from ekinerja.importing.formats import Column, RecordFormat
from ekinerja.importing.reading import FileRefused, Limits
from ekinerja.importing.records import wib_day
from ekinerja.texts import importing as T

SERIAL_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_FILE_RE = re.compile(r"(.+)_attlog\.dat", re.IGNORECASE)
ATTENDANCE_STATUS = {0: "in", 1: "out"}
SKIPPED_STATUS = (2, 3, 4, 5)

ZK_FORMAT = RecordFormat(
    kind="zkteco",
    batch_kind="zkteco",
    columns=(
        Column("pin", "text", required=True, max_len=20),
        Column("time", "text", required=True),
        Column("device", "text"),
        Column("status", "int", required=True),
        Column("verify", "int", required=True),
        Column("workcode", "text"),
    ),
    signature=frozenset(),
    identity=("employee_id", "ts", "direction", "channel"),
)
_FIELDS = {
    "zkteco_usb": ("pin", "time", "device", "status", "verify", "workcode"),
    "zkteco_adms": ("pin", "time", "status", "verify", "workcode"),
}


def serial_from_name(file_name: str) -> str | None:
    base = PureWindowsPath(PurePosixPath(file_name).name).name
    m = _FILE_RE.fullmatch(base)
    return m.group(1) if m else None


def check_serial(serial: str) -> str:
    serial = serial.strip()
    if not SERIAL_RE.fullmatch(serial):
        raise FileRefused(T.BAD_SERIAL.format(serial=serial[:70]))
    return serial


def read_lines(
    text: str, variant: str, limits: Limits
) -> tuple[dict[str, list[str | None]], list[int], list[tuple[int, str | None, str, object]]]:
    names = _FIELDS[variant]
    exact = variant == "zkteco_usb"
    columns: dict[str, list[str | None]] = {n: [] for n in names}
    lines: list[int] = []
    issues: list[tuple[int, str | None, str, object]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if len(lines) + len(issues) >= limits.max_rows:
            raise FileRefused(
                T.TOO_MANY_ROWS.format(limit=f"{limits.max_rows:,}".replace(",", "."))
            )
        fields = line.split("\t")
        if (exact and len(fields) != len(names)) or len(fields) < len(names):
            wanted = str(len(names)) if exact else f"minimal {len(names)}"
            label = "USB" if exact else "ADMS"
            reason = T.R_ZK_FIELDS.format(found=len(fields), fmt=label, expected=wanted)
            issues.append((number, None, reason, line))
            continue
        lines.append(number)
        for name, value in zip(names, fields, strict=False):
            value = value.strip()
            columns[name].append(value or None)
    if not lines and not issues:
        raise FileRefused(T.EMPTY_FILE)
    return columns, lines, issues


def check_log(
    c: Checker, session: Session, variant: str, serial: str
) -> tuple[pd.DataFrame, np.ndarray, dict[str, int]]:
    """Punch rows of a log, the mask of skipped break/overtime lines, and their counts.

    The frame has one row per line read (skipped ones included) so it stays aligned with the
    Checker; the caller leaves the skipped rows out.
    """
    device = lookups.fingerprint_device(session, serial)
    if device is None:
        raise FileRefused(T.UNKNOWN_DEVICE.format(serial=serial))
    fp_id, office_lat, office_lon = device
    if variant == "zkteco_usb":
        ids = c.text("device").dropna().unique()
        if len(ids) > 1:
            raise FileRefused(T.USB_DEVICE_FIELD_VARIES)

    pin = c.text("pin")
    c.add(pin.notna() & ~mask(pin.str.fullmatch(r"[A-Za-z0-9]{1,20}")), "pin", T.R_ZK_PIN, pin)
    mapping = lookups.pins(session)
    employee = pin.map(mapping)
    c.add(pin.notna() & employee.isna(), "pin", T.R_ZK_PIN_UNKNOWN, pin)
    staff = lookups.employees(session)
    deleted_ids = staff.loc[staff["status"] == "dihapus", "employee_id"].tolist()
    gone = mask(employee.isin(deleted_ids))
    c.add(gone, "pin", T.R_NIP_DELETED, pin)
    employee = employee.mask(gone)

    raw_time = c.text("time")
    ts = c.wall_clock("time", raw_time)
    status = c.number("status", integer=True)
    known = mask(status.isin([*ATTENDANCE_STATUS, *SKIPPED_STATUS]))
    c.add(status.notna() & ~known, "status", T.R_ZK_STATUS, c.text("status"))
    c.number("verify", integer=True)

    skipped_mask = mask(status.isin(SKIPPED_STATUS)) & ~c.bad
    skipped = {
        T.SKIPPED_STATUS[code]: int((skipped_mask & mask(status == code)).sum())
        for code in SKIPPED_STATUS
        if (skipped_mask & mask(status == code)).any()
    }
    stamp = ts.dt.tz_convert("Asia/Jakarta").dt.strftime("%Y%m%d%H%M%S")
    frame = pd.DataFrame(
        {
            "source_key": "zk:" + serial + ":" + pin.astype("str") + ":" + stamp.astype("str"),
            "employee_id": employee.astype("Int64"),
            "channel": "fingerprint",
            "direction": status.map(ATTENDANCE_STATUS),
            "ts": ts,
            "work_date": wib_day(ts),
            "lat": office_lat,
            "lon": office_lon,
            "mock_location": False,
            "fp_device_id": fp_id,
        }
    )
    return frame, skipped_mask, skipped
