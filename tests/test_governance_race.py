"""Two admins, one record: the second save made on an older version is refused, and the data of
the first save is what stays. Sequential (two screens), and truly concurrent (threads)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

import db
from ekinerja.governance import common as gcommon
from ekinerja.governance import corrections, records
from ekinerja.governance.common import StaleVersion
from ekinerja.governance.corrections import Edit
from ekinerja.models import Activity, AuditEntry
from tests.governance_support import ADMIN, Person, build_person

DAY = date(2026, 10, 5)
OTHER_ADMIN = ADMIN.__class__("admin-dua", "admin")


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path / "photos"))


def _activity(engine: Engine, activity_id: int) -> tuple[int, int]:
    with db.read_session(engine) as s:
        row = s.get(Activity, activity_id)
        assert row is not None
        return row.minutes, row.version


def _corrections_audited(engine: Engine) -> list[str]:
    with db.read_session(engine) as s:
        return list(
            s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "data.koreksi")).all()
        )


def test_second_admin_saving_an_older_version_is_refused_and_newer_data_kept(
    engine: Engine,
) -> None:
    person = build_person(engine, DAY)
    flt = records.RecordFilter(text="Zubaidah")
    # Both screens load the activity at version 1.
    with db.read_session(engine) as s:
        screen_a = records.find(s, ADMIN, "activity", flt)
    with db.read_session(engine) as s:
        screen_b = records.find(s, OTHER_ADMIN, "activity", flt)
    assert screen_a.loc[person.activity_id, "version"] == 1
    assert screen_b.loc[person.activity_id, "version"] == 1

    with db.write_session(engine) as s:
        edits = corrections.edits_from_grid(screen_a, {0: {"minutes": 30}})
        corrections.apply_edits(s, ADMIN, "activity", edits, "durasi rapat")
    with pytest.raises(StaleVersion, match=r"versi sekarang 2, formulir Anda versi 1"):
        with db.write_session(engine) as s:
            edits = corrections.edits_from_grid(screen_b, {0: {"minutes": 45}})
            corrections.apply_edits(s, OTHER_ADMIN, "activity", edits, "durasi rapat")

    assert _activity(engine, person.activity_id) == (30, 2)
    assert _corrections_audited(engine) == ["admin-uji"]


def _race(
    engine: Engine,
    person: Person,
    monkeypatch: pytest.MonkeyPatch,
    barrier_before_update: bool,
) -> list[object]:
    """Two threads save minutes 30 and 45 on version 1 at the same moment."""
    barrier = threading.Barrier(2, timeout=30)
    if barrier_before_update:
        real = gcommon.versioned_update

        def synchronised(*args: object, **kwargs: object) -> None:
            barrier.wait()  # both transactions have read version 1; now both UPDATE
            real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(corrections, "versioned_update", synchronised)
    outcomes: list[object] = [None, None]

    def save(i: int, minutes: int) -> None:
        viewer = (ADMIN, OTHER_ADMIN)[i]
        try:
            if not barrier_before_update:
                barrier.wait()
            with db.write_session(engine) as s:
                corrections.apply_edits(
                    s, viewer, "activity", [Edit(person.activity_id, 1, {"minutes": minutes})],
                    "durasi rapat",
                )  # fmt: skip
            outcomes[i] = minutes
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[i] = exc

    threads = [threading.Thread(target=save, args=(i, m)) for i, m in ((0, 30), (1, 45))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def _check_one_winner(engine: Engine, person: Person, outcomes: list[object]) -> None:
    winners = [o for o in outcomes if isinstance(o, int)]
    losers = [o for o in outcomes if not isinstance(o, int)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert isinstance(losers[0], StaleVersion), losers[0]
    assert _activity(engine, person.activity_id) == (winners[0], 2)
    assert len(_corrections_audited(engine)) == 1


def test_concurrent_saves_on_postgresql_one_wins_one_is_refused(
    pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both transactions read version 1 before either writes: the row lock plus the re-checked
    # WHERE version = 1 decides, not the order of the reads.
    person = build_person(pg_engine, DAY)
    _check_one_winner(pg_engine, person, _race(pg_engine, person, monkeypatch, True))


def test_concurrent_saves_on_sqlite_one_wins_one_is_refused(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite serialises writers (BEGIN IMMEDIATE): the second waits, then finds version 2.
    person = build_person(sqlite_engine, DAY)
    _check_one_winner(sqlite_engine, person, _race(sqlite_engine, person, monkeypatch, False))
