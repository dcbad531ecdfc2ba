"""Fast bulk inserts of a DataFrame into one table, for the demo generator and the importers.

The ORM spends tens of microseconds per row; a city-scale dataset has millions of rows. Here each
column is converted once, vectorised, into exactly what SQLAlchemy itself would store, and the
rows go to the driver in bulk:

- SQLite: `executemany` of multi-row `INSERT ... VALUES (...), (...)` statements (the per-statement
  cost of the sqlite3 module dominates single-row inserts). Values are what SQLAlchemy's SQLite
  dialect writes: datetimes as UTC text `YYYY-MM-DD HH:MM:SS.ffffff`, dates `YYYY-MM-DD`, times
  `HH:MM:SS.ffffff`, booleans 0/1.
- PostgreSQL: psycopg 3 `COPY ... FROM STDIN` (text format), datetimes with an explicit `+00`.

Rows are written in the caller's transaction (nothing is committed here), so an import or a seed
is all-or-nothing. Columns missing from the frame get the model's scalar default (or one value of
a callable default such as `created_at`); nullable columns without a default stay NULL. Naive
datetimes are refused, as the ORM does. When the frame carries explicit ids on PostgreSQL, the
table's id sequence is moved past them so later ORM inserts do not collide.
"""

from __future__ import annotations

import queue
import threading
import time as clock
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from types import TracebackType
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Column, Connection, Table
from sqlalchemy import types as sat
from sqlmodel import SQLModel

# Rows per multi-row INSERT on SQLite; about 1,000 bound values per statement is the sweet spot.
SQLITE_PARAMS_PER_STATEMENT = 1000
# Rows converted at a time: bounds the memory of the intermediate Python objects.
CHUNK_ROWS = 200_000

ObjArray = np.ndarray[Any, np.dtype[np.object_]]


def _table_of(table: Table | type[SQLModel] | str) -> Table:
    if isinstance(table, Table):
        return table
    if isinstance(table, str):
        found = SQLModel.metadata.tables.get(table)
        if found is None:
            raise ValueError(f"Tabel tidak dikenal: {table!r}")
        return found
    found_table = getattr(table, "__table__", None)
    if not isinstance(found_table, Table):
        raise ValueError(f"Bukan model tabel: {table!r}")
    return found_table


def _base_type(column: Column[Any]) -> sat.TypeEngine[Any]:
    type_ = column.type
    if isinstance(type_, sat.TypeDecorator):
        return type_.impl_instance
    return type_


def _utc_values(series: pd.Series, name: str) -> np.ndarray[Any, np.dtype[np.datetime64]]:
    """UTC instants as naive datetime64[us]; refuses naive input (a time without zone is ambiguous)."""
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        values = series.dt.tz_convert("UTC").dt.tz_localize(None)
    elif pd.api.types.is_datetime64_dtype(series.dtype):
        if series.notna().any():
            raise ValueError(f"Kolom {name}: waktu harus menyertakan zona waktu (UTC)")
        values = series
    else:
        present = series[series.notna()]
        if any(getattr(v, "tzinfo", None) is None for v in present):
            raise ValueError(f"Kolom {name}: waktu harus menyertakan zona waktu (UTC)")
        values = pd.to_datetime(series, utc=True).dt.tz_localize(None)
    return np.asarray(values.to_numpy(dtype="datetime64[us]"))


def _digits(
    out: np.ndarray[Any, np.dtype[np.uint8]], col: int, value: np.ndarray[Any, Any], width: int
) -> None:
    for k in range(width):
        out[:, col + width - 1 - k] = 48 + value % 10
        value = value // 10


def _format_instants(
    values: np.ndarray[Any, np.dtype[np.datetime64]], with_time: bool
) -> list[str]:
    """`YYYY-MM-DD HH:MM:SS.ffffff` (or `YYYY-MM-DD`) for datetime64 values, digit by digit.

    About twice as fast as numpy's datetime_as_string; the calendar arithmetic is the civil-from-
    days algorithm (proleptic Gregorian, as Python's datetime).
    """
    v = values.astype("datetime64[us]").astype(np.int64)
    days, rem = np.divmod(v, 86_400_000_000)
    z = days + 719_468
    era = np.floor_divide(z, 146_097)
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    width = 26 if with_time else 10
    out = np.empty((v.size, width), dtype=np.uint8)
    _digits(out, 0, year, 4)
    out[:, 4] = out[:, 7] = ord("-")
    _digits(out, 5, month, 2)
    _digits(out, 8, day, 2)
    if with_time:
        secs, micro = np.divmod(rem, 1_000_000)
        hours, rest = np.divmod(secs, 3600)
        minutes, seconds = np.divmod(rest, 60)
        out[:, 10] = ord(" ")
        _digits(out, 11, hours, 2)
        out[:, 13] = out[:, 16] = ord(":")
        _digits(out, 14, minutes, 2)
        _digits(out, 17, seconds, 2)
        out[:, 19] = ord(".")
        _digits(out, 20, micro, 6)
    return [b.decode("ascii") for b in out.view(f"S{width}").ravel().tolist()]


def _texts_of(
    values: np.ndarray[Any, np.dtype[np.datetime64]], with_time: bool, suffix: str = ""
) -> ObjArray:
    """Text of each value (None for NaT); repeated values are formatted once."""
    out: ObjArray = np.full(values.size, None, dtype=object)
    present = ~np.isnat(values)
    if not present.any():
        return out
    given = values[present]
    codes, uniques = pd.factorize(given)
    repeated = len(uniques) < 0.6 * given.size
    texts = _format_instants(np.asarray(uniques) if repeated else given, with_time)
    if suffix:
        texts = [t + suffix for t in texts]
    text_arr: ObjArray = np.empty(len(texts), dtype=object)
    text_arr[:] = texts
    out[present] = text_arr[codes] if repeated else text_arr
    return out


def _datetime_texts(series: pd.Series, name: str, suffix: str) -> ObjArray:
    return _texts_of(_utc_values(series, name), True, suffix)


def _date_texts(series: pd.Series) -> ObjArray:
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            raise ValueError("Kolom tanggal berisi waktu berzona, bukan tanggal")
        return _texts_of(np.asarray(series.to_numpy(dtype="datetime64[D]")), False)
    # Python date objects: few distinct days in practice, so format each distinct value once.
    cache: dict[object, str | None] = {}

    def fmt(value: object) -> str | None:
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
            return None
        if isinstance(value, datetime):
            raise ValueError("Kolom tanggal berisi waktu, bukan tanggal")
        if not isinstance(value, date):
            raise ValueError(f"Nilai tanggal tidak sah: {value!r}")
        return value.isoformat()

    values = series.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        try:
            out[i] = cache[value]
        except KeyError:
            out[i] = cache[value] = fmt(value)
        except TypeError:  # unhashable: cannot be a date
            out[i] = fmt(value)
    return out


def _time_texts(series: pd.Series) -> ObjArray:
    cache: dict[object, str | None] = {}
    values = series.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        if value in cache:
            out[i] = cache[value]
            continue
        if value is None or (isinstance(value, float) and np.isnan(value)):
            text = None
        elif isinstance(value, time):
            if value.tzinfo is not None:
                raise ValueError(f"Jam tidak boleh berzona waktu: {value!r}")
            text = value.strftime("%H:%M:%S.%f")
        else:
            raise ValueError(f"Nilai jam tidak sah: {value!r}")
        cache[value] = out[i] = text
    return out


def _plain_values(series: pd.Series, kind: str) -> ObjArray:
    """Numbers, booleans and text as Python objects, with every missing value as None."""
    missing = series.isna().to_numpy()
    if kind == "int":
        if missing.any():
            values = series.to_numpy(dtype=object)
            out: ObjArray = np.array(
                [None if m else int(v) for v, m in zip(values, missing, strict=True)], dtype=object
            )
            return out
        out = np.empty(len(series), dtype=object)
        out[:] = np.asarray(series.to_numpy(dtype=np.int64)).tolist()
        return out
    if kind == "float":
        numbers = np.asarray(series.to_numpy(dtype=np.float64, na_value=np.nan))
        if not np.isfinite(numbers[~missing]).all():
            raise ValueError("Angka tak hingga tidak bisa disimpan")
        out = np.empty(len(series), dtype=object)
        out[:] = numbers.tolist()
        out[missing] = None
        return out
    if kind == "bool":
        out = np.empty(len(series), dtype=object)
        out[:] = [None if m else bool(v) for v, m in zip(series.to_numpy(dtype=object), missing, strict=True)] if missing.any() else np.asarray(series.to_numpy(dtype=bool)).tolist()  # fmt: skip
        return out
    out = series.to_numpy(dtype=object).copy()
    out[missing] = None
    return out


def _column_kind(column: Column[Any]) -> str:
    base = _base_type(column)
    if isinstance(base, sat.DateTime):
        return "datetime"
    if isinstance(base, sat.Date):
        return "date"
    if isinstance(base, sat.Time):
        return "time"
    if isinstance(base, sat.Boolean):
        return "bool"
    if isinstance(base, sat.Integer):
        return "int"
    if isinstance(base, sat.Float | sat.Numeric):
        return "float"
    return "text"


def _convert(series: pd.Series, column: Column[Any], dialect: str) -> ObjArray:
    kind = _column_kind(column)
    if kind == "datetime":
        return _datetime_texts(series, column.name, "+00" if dialect == "postgresql" else "")
    if kind == "date":
        return _date_texts(series)
    if kind == "time":
        return _time_texts(series)
    out = _plain_values(series, kind)
    if kind == "bool" and dialect == "postgresql":
        flags: ObjArray = np.array(
            [None if v is None else ("t" if v else "f") for v in out], dtype=object
        )
        return flags
    return out


def _defaults(table: Table, given: Sequence[str]) -> dict[str, object]:
    """Values for NOT NULL columns the frame leaves out, from the models' Python-side defaults."""
    fill: dict[str, object] = {}
    for column in table.columns:
        if column.name in given or column.nullable or column.primary_key:
            continue
        default = column.default
        if default is None:
            if column.server_default is not None:
                continue
            raise ValueError(f"Kolom wajib {table.name}.{column.name} tidak ada di data")
        arg = getattr(default, "arg", None)
        if callable(arg):
            fill[column.name] = _call_default(arg)
        else:
            fill[column.name] = arg
    return fill


def _call_default(fn: Callable[..., object]) -> object:
    try:
        return fn()
    except TypeError:  # SQLAlchemy wraps some defaults to take an execution context
        return fn(None)


def _prepared(table: Table, frame: pd.DataFrame, dialect: str) -> tuple[list[str], list[ObjArray]]:
    unknown = [c for c in frame.columns if c not in table.columns]
    if unknown:
        raise ValueError(
            f"Kolom tidak dikenal untuk tabel {table.name}: {', '.join(map(str, unknown))}"
        )
    names: list[str] = []
    arrays: list[ObjArray] = []
    for name in frame.columns:
        column = table.columns[name]
        values = _convert(frame[name], column, dialect)
        # A column that is NULL throughout and may be NULL is left out of the statement: fewer
        # values to bind, and the database stores NULL all the same.
        if column.nullable and not column.primary_key and (values == None).all():  # noqa: E711
            continue
        names.append(str(name))
        arrays.append(values)
    n = len(frame)
    for name, value in _defaults(table, list(frame.columns)).items():
        series = pd.Series([value] * n if n else [], dtype=object)
        names.append(name)
        arrays.append(_convert(series, table.columns[name], dialect))
    return names, arrays


@dataclass
class PreparedInsert:
    """Rows of one frame converted for one table and dialect, ready to hand to the driver.

    Preparing is Python work; executing is mostly the database's: `BackgroundWriter` prepares
    in the caller's thread and executes in its own, so the two overlap.
    """

    table: Table
    dialect: str
    rows: int
    # (SQL, parameter sets): executemany for SQLite, one COPY with its rows for PostgreSQL.
    statements: list[tuple[str, list[list[Any]]]]
    explicit_ids: bool


def _sqlite_statements(
    table: Table, names: list[str], matrix: ObjArray
) -> list[tuple[str, list[list[Any]]]]:
    n, width = matrix.shape
    cols = ", ".join(f'"{c}"' for c in names)
    one = "(" + ", ".join("?" * width) + ")"
    per = max(1, SQLITE_PARAMS_PER_STATEMENT // width)
    full = (n // per) * per
    out: list[tuple[str, list[list[Any]]]] = []
    if full:
        sql = f'INSERT INTO "{table.name}" ({cols}) VALUES ' + ", ".join([one] * per)
        out.append((sql, matrix[:full].reshape(-1, per * width).tolist()))
    if full < n:
        sql = f'INSERT INTO "{table.name}" ({cols}) VALUES ' + ", ".join([one] * (n - full))
        out.append((sql, [matrix[full:].reshape(-1).tolist()]))
    return out


def _copy_statement(
    table: Table, names: list[str], matrix: ObjArray
) -> tuple[str, list[list[Any]]]:
    cols = ", ".join(f'"{c}"' for c in names)
    return f'COPY "{table.name}" ({cols}) FROM STDIN', matrix.tolist()


def prepare_insert(
    dialect: str,
    table: Table | type[SQLModel] | str,
    frame: pd.DataFrame,
    chunk_rows: int = CHUNK_ROWS,
) -> PreparedInsert:
    """Convert a frame for `execute_insert` (no database access)."""
    tbl = _table_of(table)
    if dialect not in ("sqlite", "postgresql"):
        raise ValueError(f"Basis data {dialect} tidak didukung untuk sisip massal")
    frame = frame.reset_index(drop=True)
    statements: list[tuple[str, list[list[Any]]]] = []
    for lo in range(0, len(frame), chunk_rows):
        part = frame.iloc[lo : lo + chunk_rows]
        names, arrays = _prepared(tbl, part, dialect)
        matrix = np.empty((len(part), len(names)), dtype=object)
        for j, values in enumerate(arrays):
            matrix[:, j] = values
        if dialect == "sqlite":
            statements.extend(_sqlite_statements(tbl, names, matrix))
        else:
            statements.append(_copy_statement(tbl, names, matrix))
    explicit = any(c.primary_key for c in tbl.columns if c.name in frame)
    return PreparedInsert(tbl, dialect, len(frame), statements, explicit)


def execute_insert(connection: Connection, prepared: PreparedInsert) -> int:
    """Write prepared rows in the caller's transaction; returns the number of rows."""
    if connection.dialect.name != prepared.dialect:
        raise ValueError("Data disiapkan untuk jenis basis data lain")
    if prepared.rows == 0:
        return 0
    if not connection.in_transaction():
        connection.begin()
    dbapi = connection.connection.driver_connection
    assert dbapi is not None
    if prepared.dialect == "sqlite":
        cursor = dbapi.cursor()
        try:
            for sql, params in prepared.statements:
                cursor.executemany(sql, params)
        finally:
            cursor.close()
    else:
        with dbapi.cursor() as cursor:
            for sql, rows in prepared.statements:
                with cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
        if prepared.explicit_ids:
            _bump_sequence(connection, prepared.table)
    return prepared.rows


def _bump_sequence(connection: Connection, table: Table) -> None:
    pk = [c for c in table.primary_key.columns if _column_kind(c) == "int"]
    if len(pk) != 1:
        return
    name = pk[0].name
    connection.exec_driver_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{name}'), "
        f'(SELECT max("{name}") FROM "{table.name}")) '
        f"WHERE pg_get_serial_sequence('\"{table.name}\"', '{name}') IS NOT NULL "
        f'AND EXISTS (SELECT 1 FROM "{table.name}")'
    )


def bulk_insert(
    connection: Connection,
    table: Table | type[SQLModel] | str,
    frame: pd.DataFrame,
    chunk_rows: int = CHUNK_ROWS,
) -> int:
    """Insert every row of `frame` (columns named as in the table) in the caller's transaction.

    Returns the number of rows written. Constraint violations raise the driver's error and leave
    the transaction to be rolled back by the caller.
    """
    prepared = prepare_insert(connection.dialect.name, table, frame, chunk_rows)
    return execute_insert(connection, prepared)


class BackgroundWriter:
    """Writes frames in order on a second thread while the caller prepares more.

    Frames are converted in the caller's thread (`put`), and written by the writer thread; the
    SQLite and PostgreSQL drivers release the GIL while the database works, so generating and
    converting the next frame overlaps with writing the previous one. The connection must not be used by the
    caller until the writer is closed; an error in the writer is raised by the next `put` or by
    `close`. Use as a context manager; `rows` holds the rows written per table.
    """

    def __init__(self, connection: Connection, depth: int = 2) -> None:
        self.connection = connection
        self.rows: dict[str, int] = {}
        # CPU seconds the writer thread used (known once closed): what cannot overlap.
        self.cpu_seconds = 0.0
        self._queue: queue.Queue[PreparedInsert | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                self.cpu_seconds = clock.thread_time()
                return
            if self._error is not None:
                continue  # drain after a failure; the caller sees the error
            try:
                n = execute_insert(self.connection, item)
                self.rows[item.table.name] = self.rows.get(item.table.name, 0) + n
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                self._error = exc

    def put(self, table: Table | type[SQLModel] | str, frame: pd.DataFrame) -> None:
        """Convert the frame here (in the caller's thread) and queue it for writing."""
        if self._error is not None:
            raise self._error
        self._queue.put(prepare_insert(self.connection.dialect.name, table, frame))

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            self.close()
            return
        # Already failing: stop the thread but keep the original error.
        self._error = self._error or exc
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
