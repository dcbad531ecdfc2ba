"""Check a file completely, then import it (all or nothing) or only its good rows on request."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import PurePosixPath, PureWindowsPath

import numpy as np
import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ekinerja.access import Viewer, require
from ekinerja.importing import records, writer, zkteco
from ekinerja.importing.checks import Checker
from ekinerja.importing.formats import APP_FORMATS, ZKTECO_FORMATS, RecordFormat
from ekinerja.importing.reading import (
    FileRefused,
    Limits,
    decode,
    looks_like_zkteco,
    read_app_table,
)
from ekinerja.importing.report import CheckResult, ImportRefused, ImportResult
from ekinerja.texts import importing as T
from ekinerja.validation import ValidationError

FORMAT_CHOICES = ("auto", *APP_FORMATS, *ZKTECO_FORMATS)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def safe_file_name(name: str) -> str:
    """The base name only (no folders), without control characters, at most 255 characters."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = _UNSAFE_NAME.sub("_", base).strip() or "berkas"
    return base[:255]


def check_file(
    session: Session,
    viewer: Viewer,
    file_name: str,
    data: bytes,
    fmt: str = "auto",
    serial: str | None = None,
    limits: Limits | None = None,
    now: datetime | None = None,
) -> CheckResult:
    """Check a whole file against the documented format and the database; writes nothing."""
    require(viewer, "import.run")
    if fmt not in FORMAT_CHOICES:
        raise ValidationError(f"Format tidak dikenal: {fmt!r}")
    limits = limits or Limits()
    result = CheckResult(
        file_name=safe_file_name(file_name),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    try:
        text, notes = decode(data, limits)
        result.notes.extend(notes)
        if fmt == "auto" and zkteco.serial_from_name(result.file_name):
            fmt = "zkteco_usb"
        if fmt in ZKTECO_FORMATS:
            _check_zkteco(session, result, text, fmt, serial, limits, now)
        else:
            if fmt == "auto" and looks_like_zkteco(text):
                raise FileRefused(T.LOOKS_LIKE_ZKTECO)
            wanted = APP_FORMATS.get(fmt)
            _check_app(session, result, text, wanted, limits, now)
    except FileRefused as exc:
        result.file_error = str(exc)
        result.ready = pd.DataFrame()
        result.good_rows = 0
    return result


def _check_app(
    session: Session,
    result: CheckResult,
    text: str,
    wanted: RecordFormat | None,
    limits: Limits,
    now: datetime | None,
) -> None:
    raw = read_app_table(text, result.file_name, wanted, limits)
    fmt = raw.fmt
    result.kind = fmt.kind
    result.notes.extend(raw.notes)
    c = Checker(fmt, raw.columns, raw.lines, decimal_comma=raw.delimiter == ";", now=now)
    c.add_cells(raw.cell_issues)
    frame = records.CHECKS[fmt.kind](c, session)
    fresh, in_file, in_db = records.settle_keys(c, frame, fmt, session, records.TABLES[fmt.kind])
    if fmt.kind == "review":
        fresh = records.settle_reviews(c, fresh, session)
    _finish(result, c, raw.line_issues, fresh, in_file, in_db, raw.rows_total)


def _check_zkteco(
    session: Session,
    result: CheckResult,
    text: str,
    variant: str,
    serial: str | None,
    limits: Limits,
    now: datetime | None,
) -> None:
    result.kind = variant
    chosen = (serial or "").strip() or zkteco.serial_from_name(result.file_name)
    if not chosen:
        raise FileRefused(T.NO_SERIAL)
    chosen = zkteco.check_serial(chosen)
    columns, lines, line_issues = zkteco.read_lines(text, variant, limits)
    c = Checker(zkteco.ZK_FORMAT, dict(columns), lines, now=now)
    frame, skipped_mask, skipped = zkteco.check_log(c, session, variant, chosen)
    fresh, in_file, in_db = records.settle_keys(
        c, frame, zkteco.ZK_FORMAT, session, records.PUNCH_TABLE, exclude=skipped_mask
    )
    result.skipped = skipped
    _finish(result, c, line_issues, fresh, in_file, in_db, len(lines) + len(line_issues))


def _finish(
    result: CheckResult,
    c: Checker,
    line_issues: list[tuple[int, str | None, str, object]],
    fresh: pd.DataFrame,
    in_file: int,
    in_db: int,
    rows_total: int,
) -> None:
    c.log.add_lines(
        [i[0] for i in line_issues],
        None,
        [i[2] for i in line_issues],
        [i[3] for i in line_issues],
    )
    # A line's column is known for JSON key problems; keep it in the report.
    issues = c.log.frame()
    named = {(line, reason): column for line, column, reason, _ in line_issues if column}
    if named:
        issues["column"] = [
            named.get((line, reason), column)
            for line, column, reason in zip(
                issues["line"], issues["column"], issues["reason"], strict=True
            )  # fmt: skip
        ]
    result.issues = issues
    result.issue_count = len(issues)
    result.rows_total = rows_total
    result.bad_rows = int(np.count_nonzero(c.bad)) + len({i[0] for i in line_issues})
    result.duplicates_in_file = in_file
    result.duplicates_in_db = in_db
    result.ready = fresh.reset_index(drop=True)
    result.good_rows = len(result.ready)


def import_file(
    session: Session,
    viewer: Viewer,
    file_name: str,
    data: bytes,
    fmt: str = "auto",
    serial: str | None = None,
    only_good_rows: bool = False,
    expected_sha256: str | None = None,
    limits: Limits | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Check the file inside this (write) transaction and import it.

    Without `only_good_rows` a single bad row refuses the whole file (ImportRefused carries the
    report). With it, the good rows are imported and the bad ones counted as rejected: the
    explicit second step after the user has seen the report. `expected_sha256` ties that step
    to the very file the user checked.
    """
    require(viewer, "import.run")
    check = check_file(session, viewer, file_name, data, fmt, serial, limits, now)
    if expected_sha256 is not None and expected_sha256 != check.sha256:
        raise ImportRefused(T.FILE_CHANGED, check)
    if check.file_error is not None:
        raise ImportRefused(check.file_error, check)
    if check.bad_rows and not only_good_rows:
        raise ImportRefused(
            T.CHECK_REFUSED.format(bad=check.bad_rows, total=check.rows_total), check
        )
    if check.bad_rows and check.good_rows == 0:
        raise ImportRefused(T.NOTHING_TO_IMPORT, check)
    table_kind = "punch" if check.kind in ZKTECO_FORMATS else str(check.kind)
    try:
        return writer.write(session, viewer, check, table_kind)
    except IntegrityError as exc:
        # Another import stored some of the same keys after this check started.
        raise ImportRefused(T.CONCURRENT_IMPORT, check) from exc
