"""bulk_insert writes exactly what the ORM would: rows read back identically, on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from ekinerja.bulk import BackgroundWriter, bulk_insert
from ekinerja.models import Employee, Punch, ShiftAssignment, Unit, WorkSchedule

WIB = timezone(timedelta(hours=7))


def _org(engine: Engine) -> None:
    """A schedule, a unit and two employees with explicit ids, written by bulk_insert."""
    with engine.begin() as conn:
        bulk_insert(
            conn,
            WorkSchedule,
            pd.DataFrame(
                {
                    "id": [7],
                    "name": ["Shift RSUD"],
                    "is_shift": [True],
                    "start": [time(7, 0)],
                    "end_mon_thu": [time(14, 0)],
                    "end_fri": [time(14, 0, 30)],
                }
            ),
        )
        bulk_insert(
            conn,
            "unit",
            pd.DataFrame({"id": [3], "code": ["RSUD"], "name": ["RSUD"], "schedule_id": [7]}),
        )
        bulk_insert(
            conn,
            Employee,
            pd.DataFrame(
                {
                    "id": [10, 11],
                    "nip": ["198501012010011901", "199002022015032902"],
                    "name": ["Budi Santoso, S.Kom.", "Sri Lestari"],
                    "sex": ["L", "P"],
                    "birth_date": [date(1985, 1, 1), None],
                    "unit_id": [3, 3],
                    "jabatan": ["Perawat", "Perawat"],
                    "golongan": ["III/a", "II/c"],
                    "home_lat": [-7.62, np.nan],
                    "home_lon": [111.52, np.nan],
                    "created_at": pd.to_datetime(
                        ["2025-01-01T00:00:00.000000Z", "2025-01-02T03:04:05.123456Z"]
                    ),
                }
            ),
        )


def test_rows_written_in_bulk_read_back_identically_through_the_orm(engine: Engine) -> None:
    _org(engine)
    ts = [
        datetime(2026, 3, 2, 7, 12, 5, 250000, tzinfo=WIB),
        datetime(2026, 3, 2, 23, 59, 59, 999999, tzinfo=WIB),  # still 2 March in WIB, 16:59 UTC
        datetime(2026, 3, 3, 0, 0, 1, tzinfo=WIB),  # 3 March WIB is 2 March 17:00 UTC
    ]
    frame = pd.DataFrame(
        {
            "employee_id": [10, 10, 11],
            "channel": ["selfie", "fingerprint", "wfh"],
            "direction": ["in", "out", "in"],
            "ts": pd.to_datetime([t.astimezone(UTC) for t in ts], utc=True),
            "work_date": [date(2026, 3, 2), date(2026, 3, 2), date(2026, 3, 3)],
            "lat": [-7.6244, np.nan, -7.601],
            "lon": [111.5206, np.nan, 111.55],
            "accuracy_m": [8.5, np.nan, 0.0],
            "photo_path": ["2026/03/02/a.jpg", None, None],
            "device_id": ["and-1", None, "ios-2"],
            "mock_location": [False, False, True],
            "source_key": ["app:1", "zk:1", "app:2"],
            "created_at": pd.to_datetime(["2026-03-02T00:13:00Z"] * 3, utc=True),
        }
    )
    with engine.begin() as conn:
        assert bulk_insert(conn, Punch, frame) == 3
    with Session(engine) as session:
        rows = session.exec(select(Punch).order_by(col(Punch.source_key))).all()
        shift = session.get(WorkSchedule, 7)
        people = session.exec(select(Employee).order_by(col(Employee.id))).all()
    got = {r.source_key: r for r in rows}
    assert got["app:1"].ts == datetime(2026, 3, 2, 0, 12, 5, 250000, tzinfo=UTC)
    assert got["app:1"].ts.tzinfo is not None and got["app:1"].ts.utcoffset() == timedelta(0)
    assert got["zk:1"].ts == datetime(2026, 3, 2, 16, 59, 59, 999999, tzinfo=UTC)
    assert got["app:2"].ts == datetime(2026, 3, 2, 17, 0, 1, tzinfo=UTC)
    assert got["app:2"].work_date == date(2026, 3, 3)
    assert (got["app:1"].lat, got["app:1"].lon, got["app:1"].accuracy_m) == (-7.6244, 111.5206, 8.5)
    assert (got["zk:1"].lat, got["zk:1"].accuracy_m, got["zk:1"].device_id) == (None, None, None)
    assert got["app:2"].accuracy_m == 0.0
    assert got["app:1"].photo_path == "2026/03/02/a.jpg" and got["app:2"].photo_path is None
    assert [got[k].mock_location for k in ("app:1", "zk:1", "app:2")] == [False, False, True]
    # Columns the frame left out get the model defaults.
    assert {r.version for r in rows} == {1}
    assert {r.deleted_at for r in rows} == {None}
    assert shift is not None and shift.is_shift is True
    assert (shift.start, shift.end_fri, shift.ramadan_start) == (
        time(7, 0),
        time(14, 0, 30),
        time(8, 0),
    )
    assert shift.workdays == "12345"
    assert [p.birth_date for p in people] == [date(1985, 1, 1), None]
    assert people[1].created_at == datetime(2025, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)
    assert people[1].home_lat is None and people[0].home_lat == -7.62
    assert [p.status for p in people] == ["aktif", "aktif"]


def test_orm_inserts_after_explicit_ids_get_fresh_ids(engine: Engine) -> None:
    _org(engine)
    with Session(engine) as session:
        sched = WorkSchedule(name="Reguler")
        session.add(sched)
        session.flush()
        unit = Unit(code="DISKOMINFO", name="Diskominfo", schedule_id=sched.id)  # type: ignore[arg-type]
        session.add(unit)
        session.commit()
        assert sched.id == 8 and unit.id == 4


def test_times_dates_and_shift_rows_round_trip(engine: Engine) -> None:
    _org(engine)
    frame = pd.DataFrame(
        {
            "employee_id": [10, 10],
            "work_date": pd.to_datetime(["2026-03-02", "2026-03-03"]),
            "start": [time(7, 0), time(14, 0)],
            "end": [time(14, 0), time(21, 0)],
            "label": ["pagi", "siang"],
        }
    )
    with engine.begin() as conn:
        bulk_insert(conn, ShiftAssignment, frame)
    with Session(engine) as session:
        rows = session.exec(select(ShiftAssignment).order_by(col(ShiftAssignment.work_date))).all()
    assert [(r.work_date, r.start, r.end, r.label) for r in rows] == [
        (date(2026, 3, 2), time(7, 0), time(14, 0), "pagi"),
        (date(2026, 3, 3), time(14, 0), time(21, 0), "siang"),
    ]


def test_many_rows_cross_statement_and_chunk_boundaries(engine: Engine) -> None:
    _org(engine)
    n = 2_345  # not a multiple of the rows per statement nor of the chunk size
    base = pd.Timestamp("2026-01-05T00:00:00Z")
    frame = pd.DataFrame(
        {
            "employee_id": np.where(np.arange(n) % 2 == 0, 10, 11),
            "channel": "fingerprint",
            "direction": "in",
            "ts": base + pd.to_timedelta(np.arange(n), unit="s"),
            "work_date": date(2026, 1, 5),
            "source_key": [f"k{i}" for i in range(n)],
        }
    )
    with engine.begin() as conn:
        assert bulk_insert(conn, Punch, frame, chunk_rows=1000) == n
    with Session(engine) as session:
        rows = session.exec(select(Punch.source_key, Punch.ts).order_by(col(Punch.id))).all()
    assert len(rows) == n
    assert rows[0] == ("k0", datetime(2026, 1, 5, tzinfo=UTC))
    assert rows[-1] == (f"k{n - 1}", datetime(2026, 1, 5, tzinfo=UTC) + timedelta(seconds=n - 1))


@pytest.mark.parametrize(
    ("column", "values", "message"),
    [
        ("ts", pd.to_datetime(["2026-01-05 07:00"]), "zona waktu"),
        ("ts", [datetime(2026, 1, 5, 7, 0)], "zona waktu"),
        ("colour", ["merah"], "Kolom tidak dikenal"),
    ],
)
def test_refuses_naive_times_and_unknown_columns(
    sqlite_engine: Engine, column: str, values: object, message: str
) -> None:
    _org(sqlite_engine)
    data = {
        "employee_id": [10],
        "channel": ["fingerprint"],
        "direction": ["in"],
        "ts": pd.to_datetime(["2026-01-05T00:00:00Z"]),
        "work_date": [date(2026, 1, 5)],
    }
    data[column] = values  # type: ignore[assignment]
    with sqlite_engine.begin() as conn, pytest.raises(ValueError, match=message):
        bulk_insert(conn, Punch, pd.DataFrame(data))


def test_nothing_is_kept_when_the_transaction_fails(engine: Engine) -> None:
    _org(engine)
    frame = pd.DataFrame(
        {
            "employee_id": [10, 10],
            "channel": ["fingerprint", "fingerprint"],
            "direction": ["in", "in"],
            "ts": pd.to_datetime(["2026-01-05T00:00:00Z", "2026-01-05T00:01:00Z"]),
            "work_date": [date(2026, 1, 5)] * 2,
            "source_key": ["same", "same"],
        }
    )
    with pytest.raises(Exception, match="(?i)unique"):
        with engine.begin() as conn:
            bulk_insert(conn, Punch, frame)
    with Session(engine) as session:
        assert session.exec(select(Punch)).all() == []


def test_datetime_and_date_texts_match_python_formatting(sqlite_engine: Engine) -> None:
    """The fast digit-by-digit formatter agrees with Python's own on awkward instants."""
    instants = [
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2000, 2, 29, 12, 0, 0, 1, tzinfo=UTC),
        datetime(2024, 2, 29, 16, 59, 59, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
        datetime(2100, 3, 1, 0, 0, tzinfo=UTC),
    ]
    frame = pd.DataFrame(
        {
            "employee_id": [10] * len(instants),
            "channel": ["fingerprint"] * len(instants),
            "direction": ["in"] * len(instants),
            "ts": pd.to_datetime(instants, utc=True),
            "work_date": [t.date() for t in instants],
            "source_key": [f"t{i}" for i in range(len(instants))],
        }
    )
    _org(sqlite_engine)
    with sqlite_engine.begin() as conn:
        bulk_insert(conn, Punch, frame)
        stored = conn.exec_driver_sql("SELECT ts, work_date FROM punch ORDER BY source_key").all()
    assert stored == [(t.strftime("%Y-%m-%d %H:%M:%S.%f"), t.date().isoformat()) for t in instants]


def _punch_frame(keys: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "employee_id": [10] * len(keys),
            "channel": ["fingerprint"] * len(keys),
            "direction": ["in"] * len(keys),
            "ts": pd.to_datetime(["2026-01-05T00:00:00Z"] * len(keys)),
            "work_date": [date(2026, 1, 5)] * len(keys),
            "source_key": keys,
        }
    )


def test_background_writer_writes_in_order_and_counts(engine: Engine) -> None:
    _org(engine)
    with engine.begin() as conn, BackgroundWriter(conn) as writer:
        writer.put(Punch, _punch_frame(["a", "b"]))
        writer.put("punch", _punch_frame(["c"]))
    assert writer.rows == {"punch": 3}
    with Session(engine) as session:
        keys = session.exec(select(Punch.source_key).order_by(col(Punch.id))).all()
    assert keys == ["a", "b", "c"]


def test_background_writer_failure_reaches_the_caller_and_nothing_stays(engine: Engine) -> None:
    _org(engine)
    with pytest.raises(Exception, match="(?i)unique"):
        with engine.begin() as conn, BackgroundWriter(conn) as writer:
            writer.put(Punch, _punch_frame(["a"]))
            writer.put(Punch, _punch_frame(["a"]))
    with Session(engine) as session:
        assert session.exec(select(Punch)).all() == []
