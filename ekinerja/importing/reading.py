"""From uploaded bytes to a table of text values with line numbers, or a clear refusal.

Nothing here guesses silently: the encoding is UTF-8 (with or without BOM), UTF-16 with BOM,
or Windows-1252 when the bytes are not UTF-8 at all (the report says so); the CSV delimiter is
the one that makes the header a set of known column names; every row keeps the line number it
starts on, so quoted line breaks do not shift the numbers in the report.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ekinerja.importing.formats import KNOWN_COLUMNS, RecordFormat, detect
from ekinerja.texts import importing as T

MB = 1024 * 1024
# One field may be long (a 4,000-character comment, or a hostile 1 MB one that the length check
# then reports) without the csv module refusing the whole file.
csv.field_size_limit(max(csv.field_size_limit(), 4 * MB))

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
DELIMITERS = (",", ";", "\t", "|")
TEXT_TYPES = frozenset({"key", "nip", "datetime", "date", "month", "choice", "text", "hex", "ip"})


@dataclass(frozen=True)
class Limits:
    """Size and row limits of one file (50 MB and 500,000 data rows by default)."""

    max_bytes: int = 50 * MB
    max_rows: int = 500_000


class FileRefused(Exception):
    """The file as a whole cannot be read as any documented format; the message says why."""


def decode(data: bytes, limits: Limits) -> tuple[str, list[str]]:
    """Bytes to text, with notes for the report when the encoding was not plain UTF-8."""
    if len(data) > limits.max_bytes:
        raise FileRefused(
            T.TOO_LARGE.format(size=_fmt_mb(len(data)), limit=_fmt_mb(limits.max_bytes))
        )
    notes: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FileRefused(T.UNDECODABLE) from exc
        notes.append(T.NOTE_UTF16)
    else:
        if b"\x00" in data:
            raise FileRefused(T.BINARY_FILE)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if _UTF8_MULTIBYTE.search(data):
                raise FileRefused(T.MIXED_ENCODING) from exc
            if any(b in _CP1252_UNDEFINED for b in data):
                raise FileRefused(T.UNDECODABLE) from exc
            text = data.decode("cp1252")
            notes.append(T.NOTE_CP1252)
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise FileRefused(T.BINARY_FILE)
    if not text.strip():
        raise FileRefused(T.EMPTY_FILE)
    return text, notes


def _fmt_mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".").replace(".", ",")


@dataclass
class RawTable:
    """Rows of one app format as text (None when empty), with the line each row starts on."""

    fmt: RecordFormat
    columns: dict[str, list[Any]]
    lines: list[int]
    delimiter: str | None
    notes: list[str] = field(default_factory=list)
    # Problems of lines that did not become rows: (line, column, reason, value).
    line_issues: list[tuple[int, str | None, str, object]] = field(default_factory=list)
    # Problems found while reading a row that did become one: (row index, column, reason, value).
    cell_issues: list[tuple[int, str, str, object]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.lines)

    @property
    def rows_total(self) -> int:
        return len(self.lines) + len({line for line, *_ in self.line_issues})


def looks_like_json_lines(text: str, file_name: str) -> bool:
    lower = file_name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return True
    if lower.endswith((".csv", ".txt", ".tsv")):
        return False
    return text.lstrip().startswith("{")


def looks_like_zkteco(text: str) -> bool:
    """Tab-separated lines whose second field is a date and time, without a header."""
    for line in text.splitlines():
        if line.strip():
            parts = [p.strip() for p in line.split("\t")]
            return len(parts) >= 4 and bool(
                re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", parts[1])
            )
    return False


def read_app_table(
    text: str, file_name: str, wanted: RecordFormat | None, limits: Limits
) -> RawTable:
    if looks_like_json_lines(text, file_name):
        return _read_json_lines(text, wanted, limits)
    return _read_csv(text, wanted, limits)


def _choose_format(names: set[str], wanted: RecordFormat | None) -> RecordFormat:
    if wanted is not None:
        if not wanted.signature & names and detect(names) not in (None, wanted):
            raise FileRefused(T.WRONG_FORMAT_CHOSEN.format(label=T.FORMAT_LABELS[wanted.kind]))
        return wanted
    fmt = detect(names)
    if fmt is None:
        raise FileRefused(T.UNKNOWN_FORMAT)
    return fmt


# --- CSV ------------------------------------------------------------------------------------------


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    best, best_score = ",", -1
    for delim in DELIMITERS:
        header = next(csv.reader([first], delimiter=delim), [])
        score = sum(1 for name in header if name.strip().lower() in KNOWN_COLUMNS)
        if score > best_score:
            best, best_score = delim, score
    if best_score < 2:
        if looks_like_zkteco(text):
            raise FileRefused(T.LOOKS_LIKE_ZKTECO)
        raise FileRefused(T.UNKNOWN_FORMAT)
    return best


def _check_header(header: list[str], wanted: RecordFormat | None) -> RecordFormat:
    names = [h.strip().lower() for h in header]
    empty = [str(i + 1) for i, n in enumerate(names) if not n]
    if empty:
        raise FileRefused(T.EMPTY_HEADER.format(positions=", ".join(empty)))
    seen: set[str] = set()
    doubled = sorted({n for n in names if n in seen or seen.add(n)})  # type: ignore[func-returns-value]
    if doubled:
        raise FileRefused(T.DUPLICATE_HEADER.format(names=", ".join(doubled)))
    fmt = _choose_format(set(names), wanted)
    unexpected = [n for n in names if n not in fmt.names]
    if unexpected:
        raise FileRefused(T.UNEXPECTED_COLUMNS.format(names=", ".join(unexpected)))
    missing = [n for n in fmt.required if n not in names]
    if missing:
        raise FileRefused(T.MISSING_COLUMNS.format(names=", ".join(missing)))
    return fmt


def _read_csv(text: str, wanted: RecordFormat | None, limits: Limits) -> RawTable:
    delimiter = _sniff_delimiter(text)
    if '"' not in text and text.count("\n") + text.count("\r") <= 2 * limits.max_rows + 2:
        # No quoting anywhere: every physical line is one record, so the csv module can run
        # over the whole text at C speed and a record's index is its line number. (Longer
        # texts take the streaming path, which stops at the row limit without reading on.)
        return _read_plain_csv(text, delimiter, wanted, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    fmt: RecordFormat | None = None
    names: list[str] = []
    records: list[list[str]] = []
    lines: list[int] = []
    line_issues: list[tuple[int, str | None, str, object]] = []
    consumed = 0
    width = 0
    try:
        for record in reader:
            start = consumed + 1
            consumed = reader.line_num
            if not any(record):
                continue
            if fmt is None:
                fmt = _check_header(record, wanted)
                names = [h.strip().lower() for h in record]
                width = len(names)
                continue
            if len(records) + len(line_issues) >= limits.max_rows:
                raise FileRefused(
                    T.TOO_MANY_ROWS.format(limit=f"{limits.max_rows:,}".replace(",", "."))
                )
            if len(record) != width:
                reason = T.R_COLUMN_COUNT.format(found=len(record), expected=width)
                line_issues.append((start, None, reason, delimiter.join(record)))
                continue
            records.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise FileRefused(f"Baris {consumed + 1}: CSV tidak sah ({exc}).") from exc
    if fmt is None or (not lines and not line_issues):
        raise FileRefused(T.EMPTY_FILE)
    # One transposition in C instead of an append per cell; empty strings become NA later.
    columns: dict[str, list[Any]] = (
        {name: list(values) for name, values in zip(names, zip(*records, strict=True), strict=True)}
        if records
        else {name: [] for name in names}
    )
    return RawTable(fmt, columns, lines, delimiter, _notes(delimiter), line_issues)


def _notes(delimiter: str) -> list[str]:
    if delimiter == ";":
        return [T.NOTE_SEMICOLON]
    if delimiter == "\t":
        return [T.NOTE_TAB]
    return []


def _read_plain_csv(
    text: str, delimiter: str, wanted: RecordFormat | None, limits: Limits
) -> RawTable:
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    numbered = [(i + 1, r) for i, r in enumerate(records) if any(r)]
    if not numbered:
        raise FileRefused(T.EMPTY_FILE)
    _, header = numbered[0]
    fmt = _check_header(header, wanted)
    names = [h.strip().lower() for h in header]
    width = len(names)
    body = numbered[1:]
    if len(body) > limits.max_rows:
        raise FileRefused(T.TOO_MANY_ROWS.format(limit=f"{limits.max_rows:,}".replace(",", ".")))
    good = [(n, r) for n, r in body if len(r) == width]
    line_issues: list[tuple[int, str | None, str, object]] = [
        (n, None, T.R_COLUMN_COUNT.format(found=len(r), expected=width), delimiter.join(r))
        for n, r in body
        if len(r) != width
    ]
    if not good and not line_issues:
        raise FileRefused(T.EMPTY_FILE)
    lines = [n for n, _ in good]
    columns: dict[str, list[Any]] = (
        {
            name: list(v)
            for name, v in zip(names, zip(*(r for _, r in good), strict=True), strict=True)
        }
        if good
        else {name: [] for name in names}
    )
    return RawTable(fmt, columns, lines, delimiter, _notes(delimiter), line_issues)


# --- JSON Lines -----------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _json_cell(value: Any, col_type: str) -> tuple[str | None, str | None]:
    """JSON value to the text the checks read, or a reason when its JSON type is wrong."""
    if value is None:
        return None, None
    if isinstance(value, (list, dict)):
        return None, T.R_NOT_SCALAR
    if col_type in TEXT_TYPES:
        if not isinstance(value, str):
            return None, T.R_MUST_BE_TEXT
        return value, None
    if col_type == "bool":
        if isinstance(value, bool):
            return ("true" if value else "false"), None
        return str(value), None
    if isinstance(value, bool):
        return None, T.R_NUMBER_FORMAT
    return (repr(value) if isinstance(value, float) else str(value)), None


def _read_json_lines(text: str, wanted: RecordFormat | None, limits: Limits) -> RawTable:
    raw_lines = text.split("\n")
    fmt: RecordFormat | None = wanted
    columns: dict[str, list[Any]] = {}
    lines: list[int] = []
    line_issues: list[tuple[int, str | None, str, object]] = []
    cell_issues: list[tuple[int, str, str, object]] = []
    types: dict[str, str] = {}
    for number, line in enumerate(raw_lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if len(lines) + len(line_issues) >= limits.max_rows:
            raise FileRefused(
                T.TOO_MANY_ROWS.format(limit=f"{limits.max_rows:,}".replace(",", "."))
            )
        try:
            obj = json.loads(line, object_pairs_hook=_pairs)
        except _DuplicateKey as exc:
            line_issues.append((number, str(exc), T.R_DUPLICATE_KEY_JSON.format(name=exc), None))
            continue
        except ValueError as exc:
            line_issues.append((number, None, T.R_BAD_JSON.format(error=exc), line))
            continue
        if not isinstance(obj, dict):
            line_issues.append((number, None, T.R_NOT_OBJECT, line))
            continue
        if fmt is None:
            fmt = _choose_format({k.strip().lower() for k in obj}, None)
        if not columns:
            columns = {c.name: [] for c in fmt.columns}
            types = {c.name: c.type for c in fmt.columns}
        keys = {k.strip().lower(): v for k, v in obj.items()}
        if len(keys) != len(obj):
            line_issues.append((number, None, T.R_DUPLICATE_KEY_JSON.format(name="?"), None))
            continue
        unexpected = [k for k in keys if k not in columns]
        if unexpected:
            for k in unexpected:
                line_issues.append((number, k, T.R_UNEXPECTED_KEY.format(name=k), None))
            continue
        row = len(lines)
        lines.append(number)
        for name, values in columns.items():
            cell, problem = _json_cell(keys.get(name), types[name])
            if problem is not None:
                cell_issues.append((row, name, problem, keys.get(name)))
            values.append(cell)
    if fmt is None:
        if line_issues:
            first, _col, reason, _value = line_issues[0]
            raise FileRefused(T.NO_READABLE_LINE.format(line=first, reason=reason))
        raise FileRefused(T.EMPTY_FILE)
    if not columns:
        columns = {c.name: [] for c in fmt.columns}
    return RawTable(fmt, columns, lines, None, [], line_issues, cell_issues)
