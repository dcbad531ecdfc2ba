"""The documented import formats: one schema per record kind, written as CSV or JSON Lines.

Import file formats
===================

Three record kinds come from the E-Kinerja app: punches (``punch``), daily activities
(``activity``) and behaviour reviews (``review``). Each has one schema, written either as CSV or
as JSON Lines; fingerprint machines deliver ZKTeco attendance logs (see ``ekinerja.importing.zkteco``).

Common rules
------------
- Encoding UTF-8 (a byte-order mark is fine). Windows-1252/Latin-1 files (Excel on Windows) are
  read and the report says so; UTF-16 with BOM (Excel "Unicode text") is read too; mixed or
  unknown encodings are refused.
- CSV: first line is the header; the delimiter is a comma, or a semicolon as written by Excel
  in Indonesian (then a decimal comma such as ``-7,6244`` is read as ``-7.6244``), or a tab.
  Quoted values may contain the delimiter and line breaks (RFC 4180). CRLF and LF both work;
  blank lines are skipped.
- JSON Lines: one JSON object per line; keys are the column names; blank lines are skipped.
  Text columns (``source_key``, every ``*nip``) must be JSON strings; ``NaN``/``Infinity`` are
  refused; a key given twice in one object is refused.
- Columns are allow-listed: an unknown column (``role``, ``unit``, ``deleted_at``, ...) makes
  the CSV file, or the JSON line, rejected, never silently ignored. Optional columns may be left
  out of the header or left empty.
- ``source_key`` is the app's stable id of the record (1-120 characters of letters, digits and
  ``. _ : / @ # -``; the prefix ``zk:`` is reserved for fingerprint logs). Importing a record
  whose key is already stored changes nothing and counts it as a duplicate; the same key with
  different content is an error (corrections go through Kelola Data).
- ``nip`` is the 18-digit civil-servant number as text (spaces and dots as in
  ``19860926 201505 1 001`` are removed). A NIP turned into a number by a spreadsheet
  (``1.98609E+17``) or with a digit missing is refused; it never matches another employee.
- Times are ISO 8601 with a zone: ``2026-03-02T07:28:13+07:00`` (WIB) or ``...Z`` (UTC).
  A time without a zone, a time in the future or before 2010 is refused.
- Numbers use a decimal point (or a decimal comma in ``;`` files); no thousands separators, no
  exponent (``1e5``), no ``NaN`` or ``inf``.
- Booleans: ``true``/``false``, ``1``/``0`` or ``ya``/``tidak``; empty means the default.
- Free text (activity descriptions, review comments) is stored as written, including text that
  looks like a spreadsheet formula (``=1+1``); exports neutralise it. Text with a NUL character
  is refused.

Limits: 50 MB and 500,000 data rows per file; split larger files by month or unit.

A file is checked completely before anything is written. If any row is bad, nothing is
imported and the report lists every bad row (line number, column, reason); the user may then
import only the good rows with a second, explicit action (page button or ``--only-good-rows``).
Every import is one transaction and is recorded in ``import_batch`` and the audit trail (who,
file name, SHA-256, counts); daily summaries of the affected days are recomputed in the same
transaction.

Punches (``punch``)
-------------------
=================  ========  =========================================================================
column             required  meaning
=================  ========  =========================================================================
source_key         yes       stable record id from the app
nip                yes       employee NIP (18 digits, text)
ts                 yes       time of the punch, ISO 8601 with zone
direction          yes       ``in`` (check-in) or ``out`` (check-out)
channel            yes       ``selfie``, ``wfh`` or ``qr`` (fingerprint comes from ZKTeco logs)
lat, lon           selfie/   GPS position, decimal degrees; required for ``selfie`` and ``wfh``;
                   wfh       for ``qr`` taken from the QR code when empty; (0, 0) is refused
accuracy_m         no        GPS accuracy in metres (0 to 100,000)
mock_location      no        ``true`` when the phone reported a mock (fake) location
qr_code            no        code of the scanned QR (must be registered)
device_id          no        phone id; devices seen are recorded per employee
device_os          no        ``Android``, ``iOS``, ... (at most 30 characters)
os_version         no        operating-system version
device_model       no        phone model
app_version        no        E-Kinerja app version
gps_permission     no        GPS permission granted (default true)
camera_permission  no        camera permission granted (default true)
ip                 no        IP address (IPv4 or IPv6)
photo_sha256       no        SHA-256 of the selfie file (64 hex digits)
photo_phash        no        perceptual hash of the selfie (dHash, 16 hex digits)
=================  ========  =========================================================================

Daily activities (``activity``)
-------------------------------
============  ========  ===================================================================
column        required  meaning
============  ========  ===================================================================
source_key    yes       stable record id from the app
nip           yes       employee NIP
work_date     yes       ``YYYY-MM-DD``; not in the future
description   yes       what was done (at most 2,000 characters, stored as written)
minutes       yes       whole minutes, 1 to 1,440
status        no        ``diajukan`` (default), ``disetujui`` or ``ditolak``
approver_nip  no        NIP of the supervisor who decided
submitted_at  no        when it was submitted (ISO 8601 with zone; default: import time)
decided_at    no        when it was approved or rejected (ISO 8601 with zone)
============  ========  ===================================================================

Behaviour reviews (``review``)
------------------------------
======================  ========  ============================================================
column                  required  meaning
======================  ========  ============================================================
source_key              yes       stable record id from the app
period                  yes       month reviewed, ``YYYY-MM`` (or ``YYYY-MM-01``)
reviewer_nip            yes       NIP of the reviewer
reviewee_nip            yes       NIP of the person reviewed (not the reviewer)
relation                yes       what the reviewer is to the reviewee: ``atasan``, ``rekan``,
                                  ``bawahan``
berorientasi_pelayanan  yes       1 (di bawah), 2 (sesuai) or 3 (di atas ekspektasi)
akuntabel               yes       1-3
kompeten                yes       1-3
harmonis                yes       1-3
loyal                   yes       1-3
adaptif                 yes       1-3
kolaboratif             yes       1-3
comment                 no        free text (at most 4,000 characters, stored as written)
submitted_at            no        ISO 8601 with zone (default: import time)
======================  ========  ============================================================

One review per period, reviewer and reviewee: a second one (in the file or already stored
under another key) is an error.

Example (CSV, comma)::

    source_key,nip,ts,direction,channel,lat,lon,accuracy_m,mock_location,device_id,device_os
    app-771201,198609262015051001,2026-03-02T07:28:13+07:00,in,selfie,-7.62441,111.52063,8,false,a1b2c3,Android
    app-771388,198609262015051001,2026-03-02T16:05:40+07:00,out,selfie,-7.62437,111.52071,12,false,a1b2c3,Android

The same records as JSON Lines::

    {"source_key": "app-771201", "nip": "198609262015051001", "ts": "2026-03-02T07:28:13+07:00", "direction": "in", "channel": "selfie", "lat": -7.62441, "lon": 111.52063, "accuracy_m": 8, "mock_location": false, "device_id": "a1b2c3", "device_os": "Android"}
    {"source_key": "app-771388", "nip": "198609262015051001", "ts": "2026-03-02T16:05:40+07:00", "direction": "out", "channel": "selfie", "lat": -7.62437, "lon": 111.52071, "accuracy_m": 12, "mock_location": false, "device_id": "a1b2c3", "device_os": "Android"}
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ekinerja.models.work import ACTIVITY_STATUSES, BERAKHLAK, RELATIONS


@dataclass(frozen=True)
class Column:
    """One column of a format: its name, value type and whether it must be filled.

    Types: key, nip, datetime (ISO 8601 with zone), date, month, choice, float, int, bool,
    text, hex, ip.
    """

    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    max_len: int | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class RecordFormat:
    kind: str
    # The import_batch.kind recorded for this format.
    batch_kind: str
    columns: tuple[Column, ...]
    # Columns whose presence in a header identifies the format.
    signature: frozenset[str]
    # Columns compared when a key is seen again: the same key with other values is a conflict.
    identity: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


KEY = Column("source_key", "key", required=True, max_len=120)

PUNCH = RecordFormat(
    kind="punch",
    batch_kind="app_punch",
    columns=(
        KEY,
        Column("nip", "nip", required=True),
        Column("ts", "datetime", required=True),
        Column("direction", "choice", required=True, choices=("in", "out")),
        Column("channel", "choice", required=True, choices=("selfie", "wfh", "qr")),
        Column("lat", "float", low=-90, high=90),
        Column("lon", "float", low=-180, high=180),
        Column("accuracy_m", "float", low=0, high=100_000),
        Column("mock_location", "bool"),
        Column("qr_code", "text", max_len=64),
        Column("device_id", "text", max_len=100),
        Column("device_os", "text", max_len=30),
        Column("os_version", "text", max_len=30),
        Column("device_model", "text", max_len=100),
        Column("app_version", "text", max_len=30),
        Column("gps_permission", "bool"),
        Column("camera_permission", "bool"),
        Column("ip", "ip", max_len=45),
        Column("photo_sha256", "hex", max_len=64),
        Column("photo_phash", "hex", max_len=16),
    ),
    signature=frozenset({"ts", "direction", "channel"}),
    identity=("employee_id", "ts", "direction", "channel"),
)

ACTIVITY = RecordFormat(
    kind="activity",
    batch_kind="app_activity",
    columns=(
        KEY,
        Column("nip", "nip", required=True),
        Column("work_date", "date", required=True),
        Column("description", "text", required=True, max_len=2000),
        Column("minutes", "int", required=True, low=1, high=1440),
        Column("status", "choice", choices=ACTIVITY_STATUSES),
        Column("approver_nip", "nip"),
        Column("submitted_at", "datetime"),
        Column("decided_at", "datetime"),
    ),
    signature=frozenset({"work_date", "description", "minutes"}),
    identity=("employee_id", "work_date", "description", "minutes"),
)

REVIEW = RecordFormat(
    kind="review",
    batch_kind="app_review",
    columns=(
        KEY,
        Column("period", "month", required=True),
        Column("reviewer_nip", "nip", required=True),
        Column("reviewee_nip", "nip", required=True),
        Column("relation", "choice", required=True, choices=RELATIONS),
        *(Column(name, "int", required=True, low=1, high=3) for name in BERAKHLAK),
        Column("comment", "text", max_len=4000),
        Column("submitted_at", "datetime"),
    ),
    signature=frozenset({"period", "reviewer_nip", "reviewee_nip"}),
    identity=("period", "reviewer_id", "reviewee_id", *BERAKHLAK),
)

APP_FORMATS: dict[str, RecordFormat] = {f.kind: f for f in (PUNCH, ACTIVITY, REVIEW)}
ZKTECO_FORMATS = ("zkteco_usb", "zkteco_adms")
ALL_FORMATS = (*APP_FORMATS, *ZKTECO_FORMATS)
KNOWN_COLUMNS = frozenset(name for f in APP_FORMATS.values() for name in f.names)


def column_table(kind: str) -> pd.DataFrame:
    """The columns of one app format with Indonesian help, for the page."""
    from ekinerja.texts import importing as T

    rows = [
        (c.name, T.YES if c.required else T.NO, T.COLUMN_HELP[kind][c.name])
        for c in APP_FORMATS[kind].columns
    ]
    return pd.DataFrame(rows, columns=list(T.FORMAT_COLS.values()))


def detect(columns: set[str]) -> RecordFormat | None:
    """The format whose signature columns the header contains (the most specific one)."""
    matches = [f for f in APP_FORMATS.values() if f.signature <= columns]
    return matches[0] if len(matches) == 1 else None
