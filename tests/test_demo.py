"""The demo dataset: deterministic, valid, honest about what it planted, and consistent with the
daily-summary rule. Small city (60 employees, 2 months, period ending 31 October 2026)."""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, bindparam, create_engine, select, text
from sqlmodel import Session, SQLModel

import db
from data.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoConfig, build_demo
from ekinerja import accounts
from ekinerja.geo import haversine_m
from ekinerja.models import (
    DailySummary,
    Employee,
    Office,
    Punch,
    Unit,
    UserAccount,
)
from ekinerja.models.analytics import STAT_CONDITIONS, STAT_SUMS
from ekinerja.models.settings import get_setting
from ekinerja.photos import dhash_hex, hamming, open_image, sha256_bytes
from ekinerja.summary import refresh
from ekinerja.timeutil import WIB
from ekinerja.validation import ValidationError, normalize_nip
from tests import factories as f
from tests import rollup_check
from tests.conftest import PG_ADMIN_URL

CONFIG = DemoConfig(employees=60, months=2, seed=2026, end=date(2026, 10, 31), photo_days=10)
PUNCH_KINDS = {
    "mock_location", "outside_geofence", "impossible_travel", "repeated_coordinates",
    "shared_device", "reused_photo", "near_duplicate_photo", "channel_conflict", "clockwork",
    "ip_burst",
}  # fmt: skip
REVIEW_KINDS = {"harsh_rater", "lenient_rater", "mutual_praise"}
# Written by the platform itself (wall clock, random salt, login attempts), not by the generator.
LOGIN_STATE = {
    "password_hash",
    "last_login_at",
    "failed_count",
    "failed_window_start",
    "locked_until",
}
VOLATILE = {"audit_entry": None, "user_session": None, "user_account": LOGIN_STATE}


def _build(url: str, photos: Path, config: DemoConfig = CONFIG) -> Engine:
    """Build into `url` with the selfie files under `photos` (the environment is restored)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EKINERJA_PHOTO_DIR", str(photos))
        engine = db.get_engine(url)
        build_demo(engine, config)
    return engine


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Path]]:
    """The small demo on SQLite, built once for the read-only tests of this module."""
    root = tmp_path_factory.mktemp("demo")
    engine = _build(f"sqlite:///{root / 'demo.db'}", root / "photos")
    yield engine, root / "photos"
    engine.dispose()
    db.get_engine.cache_clear()


def _dump(engine: Engine) -> dict[str, str]:
    """A digest of every table's rows in primary-key order, read through the ORM types."""
    out = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            skip = VOLATILE.get(table.name, set())
            if skip is None:
                continue
            cols = [c for c in table.columns if c.name not in skip]
            rows = conn.execute(select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return out


def _files(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.jpg")):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


def _planted(engine: Engine) -> list[dict[str, object]]:
    with Session(engine) as session:
        raw = get_setting(session, "demo_planted")
    assert raw is not None
    return json.loads(raw)  # type: ignore[no-any-return]


def _punches(session: Session, keys: list[str]) -> list[Punch]:
    rows = session.exec(select(Punch).where(Punch.source_key.in_(keys))).scalars().all()  # type: ignore[union-attr]
    by_key = {r.source_key: r for r in rows}
    return [by_key[k] for k in keys]


# --- determinism ---------------------------------------------------------------------------------


def test_same_config_gives_identical_tables_and_photo_files(
    built: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, photos = built
    again = _build(f"sqlite:///{tmp_path / 'again.db'}", tmp_path / "photos")
    try:
        first, second = _dump(engine), _dump(again)
        assert first == second
        assert _files(photos) == _files(tmp_path / "photos")
        assert len(list(photos.rglob("*.jpg"))) > 50
    finally:
        again.dispose()


def test_another_seed_gives_other_people(tmp_path: Path, built: tuple[Engine, Path]) -> None:
    other = _build(
        f"sqlite:///{tmp_path / 'other.db'}",
        tmp_path / "photos",
        DemoConfig(employees=60, months=1, seed=7, end=CONFIG.end, photo_days=0),
    )
    try:
        with Session(other) as s1, Session(built[0]) as s2:
            a = set(s1.exec(select(Employee.nip)).scalars())
            b = set(s2.exec(select(Employee.nip)).scalars())
        assert len(a) == 60 and a != b
        assert not list((tmp_path / "photos").rglob("*.jpg"))
    finally:
        other.dispose()


# --- people ---------------------------------------------------------------------------------------


def test_every_nip_is_valid_unique_and_agrees_with_the_person(built: tuple[Engine, Path]) -> None:
    with Session(built[0]) as session:
        people = session.exec(select(Employee)).scalars().all()
    assert len(people) == 60
    assert len({p.nip for p in people}) == 60
    for p in people:
        assert normalize_nip(p.nip) == p.nip
        assert p.nip[:8] == f"{p.birth_date:%Y%m%d}"
        assert p.nip[14] == ("1" if p.sex == "L" else "2")
        appointed = int(p.nip[8:12])
        assert appointed >= p.birth_date.year + 18  # type: ignore[union-attr]
        assert p.nip[15] == "9"  # synthetic marker: sequence 9xx


def test_hierarchy_each_unit_has_one_head_and_supervisors_exist(built: tuple[Engine, Path]) -> None:
    with Session(built[0]) as session:
        people = session.exec(select(Employee)).scalars().all()
        units = {u.id: u for u in session.exec(select(Unit)).scalars()}
    by_id = {p.id: p for p in people}
    heads = [p for p in people if p.supervisor_id is None]
    assert len(heads) == 1 and heads[0].jabatan == "Sekretaris Daerah"
    for p in people:
        if p.supervisor_id is not None:
            boss = by_id[p.supervisor_id]
            assert boss.id != p.id
            # Inside a unit the chain goes up to the head; heads answer to the Sekda or camat.
            assert boss.unit_id == p.unit_id or boss.jabatan_type in (
                "JPT Pratama",
                "Administrator",
            )
    assert {u.code for u in units.values()} >= {
        "SETDA",
        "DISKOMINFO",
        "SATPOL-PP",
        "KEC-KARTOHARJO",
        "RSUD",
        "KEL-ORO-ORO-OMBO",
    }
    kelurahan = [u for u in units.values() if u.kind == "kelurahan"]
    assert len(kelurahan) == 27 and all(units[u.parent_id].kind == "kecamatan" for u in kelurahan)  # type: ignore[index]
    assert len(units) == 56


def test_some_accounts_are_inactive_one_for_a_violation(built: tuple[Engine, Path]) -> None:
    with Session(built[0]) as session:
        off = session.exec(select(Employee).where(Employee.status == "nonaktif")).scalars().all()
        ids = [p.id for p in off]
        after = session.exec(select(Punch).where(Punch.employee_id.in_(ids))).scalars().all()  # type: ignore[attr-defined]
    assert len(off) >= 2
    assert sum(p.deactivated_for_violation for p in off) == 1
    assert all(p.status_reason and p.status_changed_at for p in off)
    changed = {p.id: p.status_changed_at.astimezone(WIB).date() for p in off}  # type: ignore[union-attr]
    assert all(r.work_date < changed[r.employee_id] for r in after)


# --- planted irregularities -------------------------------------------------------------------------


def test_every_planted_kind_is_recorded_with_real_source_keys(built: tuple[Engine, Path]) -> None:
    engine, _ = built
    truth = _planted(engine)
    assert {t["kind"] for t in truth} == PUNCH_KINDS | REVIEW_KINDS
    with Session(engine) as session:
        nips = set(session.exec(select(Employee.nip)).scalars())
        punch_keys = set(session.exec(select(Punch.source_key)).scalars())
        review_keys = set(
            session.execute(text("SELECT source_key FROM behaviour_review")).scalars()
        )
    for t in truth:
        assert t["nip"] in nips
        keys = t["source_keys"]
        assert isinstance(keys, list) and keys
        pool = punch_keys if t["kind"] in PUNCH_KINDS else review_keys
        assert set(keys) <= pool, t
        assert date.fromisoformat(str(t["work_date"])) <= CONFIG.end  # type: ignore[operator]
    assert 15 <= len(truth) <= 40


def _by_kind(truth: list[dict[str, object]], kind: str) -> list[dict[str, object]]:
    return [t for t in truth if t["kind"] == kind]


def test_planted_punch_stories_are_true_in_the_data(built: tuple[Engine, Path]) -> None:
    engine, photos = built
    truth = _planted(engine)
    with Session(engine) as session:
        offices = session.exec(select(Office)).scalars().all()
        emp = {e.id: e for e in session.exec(select(Employee)).scalars()}

        def fences(p: Punch) -> list[float]:
            unit = emp[p.employee_id].unit_id
            return [
                haversine_m(p.lat, p.lon, o.lat, o.lon) - o.radius_m
                for o in offices
                if o.unit_id == unit
            ]  # type: ignore[arg-type]

        for t in _by_kind(truth, "mock_location"):
            assert all(p.mock_location for p in _punches(session, t["source_keys"]))  # type: ignore[arg-type]
        for t in _by_kind(truth, "outside_geofence"):
            (p,) = _punches(session, t["source_keys"])  # type: ignore[arg-type]
            assert p.channel == "selfie" and min(fences(p)) > 2000
        for t in _by_kind(truth, "impossible_travel"):
            a, b = _punches(session, t["source_keys"])  # type: ignore[arg-type]
            metres = haversine_m(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
            hours = abs((b.ts - a.ts).total_seconds()) / 3600
            assert metres > 2000 and metres / 1000 / hours > 120
        for t in _by_kind(truth, "channel_conflict"):
            a, b = _punches(session, t["source_keys"])  # type: ignore[arg-type]
            assert {a.channel, b.channel} == {"fingerprint", "selfie"}
            assert abs((b.ts - a.ts).total_seconds()) < 30 * 60
            assert haversine_m(a.lat, a.lon, b.lat, b.lon) > 1000  # type: ignore[arg-type]
        for t in _by_kind(truth, "repeated_coordinates"):
            ps = _punches(session, t["source_keys"])  # type: ignore[arg-type]
            assert len({(p.lat, p.lon) for p in ps}) == 1 and len({p.work_date for p in ps}) >= 3
        for t in _by_kind(truth, "clockwork"):
            ps = _punches(session, t["source_keys"])  # type: ignore[arg-type]
            clocks = {p.ts.astimezone(WIB).strftime("%H:%M:%S.%f") for p in ps}
            assert len(clocks) == 1 and len({p.work_date for p in ps}) >= 4
        shared = _by_kind(truth, "shared_device")
        ps = [p for t in shared for p in _punches(session, t["source_keys"])]  # type: ignore[arg-type]
        assert len({p.employee_id for p in ps}) == 3 and len({p.device_id for p in ps}) == 1
        assert len({p.work_date for p in ps}) == 1
        burst = [
            p for t in _by_kind(truth, "ip_burst") for p in _punches(session, t["source_keys"])
        ]  # type: ignore[arg-type]
        assert len({p.employee_id for p in burst}) >= 5 and len({p.ip for p in burst}) == 1
        assert (max(p.ts for p in burst) - min(p.ts for p in burst)) < timedelta(seconds=60)
        for kind, same_file in (("reused_photo", True), ("near_duplicate_photo", False)):
            for t in _by_kind(truth, kind):
                later, earlier = _punches(session, t["source_keys"])  # type: ignore[arg-type]
                assert (
                    later.work_date > earlier.work_date and later.photo_path != earlier.photo_path
                )
                data = [(photos / str(p.photo_path)).read_bytes() for p in (later, earlier)]
                sha = [sha256_bytes(d) for d in data]
                dh = [dhash_hex(open_image(d)) for d in data]
                assert sha == [later.photo_sha256, earlier.photo_sha256]
                assert dh == [later.photo_phash, earlier.photo_phash]
                assert (sha[0] == sha[1]) is same_file
                assert hamming(dh[0], dh[1]) <= (0 if same_file else 4)


def test_planted_reviewers_rate_as_recorded(built: tuple[Engine, Path]) -> None:
    engine, _ = built
    truth = _planted(engine)
    values = "berorientasi_pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif"
    with engine.connect() as conn:
        for kind, expected in (("harsh_rater", 1), ("lenient_rater", 3), ("mutual_praise", 3)):
            for t in _by_kind(truth, kind):
                query = text(f"SELECT {values} FROM behaviour_review WHERE source_key IN :k")
                query = query.bindparams(bindparam("k", expanding=True))
                rows = conn.execute(query, {"k": t["source_keys"]}).all()
                assert rows and {v for r in rows for v in r} == {expected}
        overall = conn.execute(text(f"SELECT {values} FROM behaviour_review")).all()
    flat = [v for r in overall for v in r]
    assert flat.count(2) > flat.count(3) > flat.count(1) > 0


def test_ordinary_data_stays_clean(built: tuple[Engine, Path]) -> None:
    """Outside the planted stories no punch looks irregular by the same measures."""
    engine, _ = built
    truth = _planted(engine)
    planted_keys = {k for t in truth for k in t["source_keys"]}  # type: ignore[attr-defined]
    with Session(engine) as session:
        rows = [
            p for p in session.exec(select(Punch)).scalars() if p.source_key not in planted_keys
        ]
        offices = session.exec(select(Office)).scalars().all()
        emp = {e.id: e for e in session.exec(select(Employee)).scalars()}
    assert not any(p.mock_location for p in rows)
    by_unit: dict[int, list[Office]] = {}
    for o in offices:
        by_unit.setdefault(o.unit_id, []).append(o)
    for p in rows:
        if p.channel == "selfie":
            gap = min(
                haversine_m(p.lat, p.lon, o.lat, o.lon) - o.radius_m
                for o in by_unit[emp[p.employee_id].unit_id]
            )  # type: ignore[arg-type]
            assert gap <= 0, p.source_key
        if p.channel == "wfh":
            e = emp[p.employee_id]
            assert haversine_m(p.lat, p.lon, e.home_lat, e.home_lon) < 100  # type: ignore[arg-type]
    devices: dict[tuple[str, date], set[int]] = {}
    for p in rows:
        if p.device_id:
            devices.setdefault((p.device_id, p.work_date), set()).add(p.employee_id)
    assert all(len(v) == 1 for v in devices.values())
    hashes = [p.photo_phash for p in rows if p.photo_phash]
    assert len(hashes) == len({p.photo_sha256 for p in rows if p.photo_sha256}) > 50
    close = [(a, b) for i, a in enumerate(hashes) for b in hashes[i + 1 :] if hamming(a, b) <= 6]
    assert close == []
    coords: dict[tuple[float | None, float | None], set[date]] = {}
    for p in rows:
        if p.channel in ("selfie", "wfh"):
            coords.setdefault((p.lat, p.lon), set()).add(p.work_date)
    assert max(len(v) for v in coords.values()) == 1


# --- summaries, settings, accounts ---------------------------------------------------------------------


def test_summaries_equal_a_recomputation_by_the_summary_rule(built: tuple[Engine, Path]) -> None:
    engine, _ = built
    truth = _planted(engine)
    cols = [c for c in DailySummary.__table__.columns if c.name not in ("id", "updated_at")]  # type: ignore[attr-defined]
    with Session(engine) as session:
        people = session.exec(select(Employee)).scalars().all()
        rsud = next(u.id for u in session.exec(select(Unit).where(Unit.code == "RSUD")).scalars())
        nip_to_id = {p.nip: p.id for p in people}
        sample = {p.id for p in people if p.unit_id == rsud or p.status == "nonaktif"}
        sample |= {nip_to_id[str(t["nip"])] for t in truth[:6]}
        sample |= {p.id for p in people[::7]}
        ids = sorted(i for i in sample if i is not None)
        order = (DailySummary.employee_id, DailySummary.work_date)
        stored = session.execute(
            select(*cols).where(DailySummary.employee_id.in_(ids)).order_by(*order)
        ).all()  # type: ignore[attr-defined]
        start = date(2026, 9, 1)
        written = refresh(session, ids, start, CONFIG.end)  # type: ignore[arg-type]
        again = session.execute(
            select(*cols).where(DailySummary.employee_id.in_(ids)).order_by(*order)
        ).all()  # type: ignore[attr-defined]
        session.rollback()
    assert written == len(stored) > 500
    assert stored == again


def test_rollups_written_by_the_demo_equal_what_their_triggers_count(
    built: tuple[Engine, Path],
) -> None:
    engine, _ = built
    with Session(engine) as session:
        assert rollup_check.assert_rollup_matches(session) > 1000
        # unit_day_stat against the GROUP BY of its definitions over the stored summaries.
        values = [
            f"SUM(CASE WHEN {c.format(r='d')} THEN 1 ELSE 0 END)" for c in STAT_CONDITIONS.values()
        ]
        values += [f"SUM({v.format(r='d')})" for v in STAT_SUMS.values()]
        names = ", ".join([*STAT_CONDITIONS, *STAT_SUMS])
        expected = session.exec(
            text(f"SELECT unit_id, work_date, {', '.join(values)} FROM daily_summary d "  # noqa: S608
                 "WHERE d.is_workday = 1 GROUP BY unit_id, work_date ORDER BY unit_id, work_date")
        ).all()  # fmt: skip
        stored = session.exec(
            text(f"SELECT unit_id, work_date, {names} FROM unit_day_stat "  # noqa: S608
                 "ORDER BY unit_id, work_date")
        ).all()  # fmt: skip
        assert len(expected) > 500 and [tuple(r) for r in stored] == [tuple(r) for r in expected]
        # The pause ended with the build: a new activity is counted by the trigger again.
        assert session.exec(text("SELECT count(*) FROM rollup_pause")).scalar_one() == 0
        person = session.exec(select(Employee).where(Employee.status == "aktif")).scalars().first()
        assert person is not None
        f.activity(session, person, date(2026, 12, 24), 45)
        session.flush()
        assert rollup_check.assert_rollup_matches(session) > 1000
        session.rollback()


def test_summaries_reflect_leave_and_absence(built: tuple[Engine, Path]) -> None:
    with built[0].connect() as conn:
        counts = dict(
            conn.execute(text("SELECT status, count(*) FROM daily_summary GROUP BY status")).all()
        )
        leave_days = conn.execute(text("SELECT count(*) FROM leave")).scalar_one()
    assert counts["hadir"] > 10 * sum(
        counts.get(k, 0) for k in ("cuti", "sakit", "izin", "dinas_luar", "tk")
    )
    assert leave_days > 0 and counts.get("cuti", 0) + counts.get("dinas_luar", 0) > 0
    assert "belum" not in counts  # the period ended in the past


def test_demo_flag_and_accounts_that_can_log_in(built: tuple[Engine, Path]) -> None:
    engine, _ = built
    with db.write_session(engine) as session:
        assert get_setting(session, "demo") == "1"
        config = json.loads(get_setting(session, "demo_config") or "{}")
        assert config["employees"] == 60 and config["end"] == "2026-10-31"
        roles = {a.role for a in DEMO_ACCOUNTS}
        assert roles == {"admin", "hr", "supervisor", "auditor"}
        for a in DEMO_ACCOUNTS:
            assert accounts.login(session, a.username, DEMO_PASSWORD).ok, a.username
        assert not accounts.login(session, "admin", "kata-sandi-yang-salah").ok
        kominfo = session.exec(select(Unit).where(Unit.code == "DISKOMINFO")).scalars().one()
        user = (
            session.exec(select(UserAccount).where(UserAccount.username == "atasan.diskominfo"))
            .scalars()
            .one()
        )
        assert accounts.scope_of(session, user).unit_ids == {kominfo.id}
        camat = (
            session.exec(select(UserAccount).where(UserAccount.username == "camat.taman"))
            .scalars()
            .one()
        )
        taman = accounts.scope_of(session, camat).unit_ids or set()
        assert len(taman) == 10  # the kecamatan and its nine kelurahan


def test_refuses_a_database_that_is_not_empty(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.write_session(sqlite_engine) as session:
        f.employee(session, f.unit(session))
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path))
    with pytest.raises(ValidationError, match="tidak kosong"):
        build_demo(sqlite_engine, CONFIG)
    with Session(sqlite_engine) as session:
        assert session.execute(text("SELECT count(*) FROM holiday")).scalar_one() == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (DemoConfig(employees=5, months=1), "pegawai"),
        (DemoConfig(employees=60, months=0), "bulan"),
        (DemoConfig(employees=60, months=1, end=date(2999, 1, 1)), "masa depan|sesudah hari ini"),
        (DemoConfig(employees=60, months=1, photo_days=-1), "foto"),
    ],
)
def test_refuses_bad_configurations(
    sqlite_engine: Engine, config: DemoConfig, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        build_demo(sqlite_engine, config)


def test_first_start_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKINERJA_DEMO_EMPLOYEES", "300")
    monkeypatch.setenv("EKINERJA_DEMO_MONTHS", "3")
    assert DemoConfig.first_start() == DemoConfig(employees=300, months=3)
    monkeypatch.setenv("EKINERJA_DEMO_MONTHS", "tiga")
    with pytest.raises(ValidationError, match="EKINERJA_DEMO_MONTHS"):
        DemoConfig.first_start()
    monkeypatch.delenv("EKINERJA_DEMO_EMPLOYEES")
    monkeypatch.delenv("EKINERJA_DEMO_MONTHS")
    assert DemoConfig.first_start() == DemoConfig()


# --- PostgreSQL ---------------------------------------------------------------------------------------


@pytest.mark.postgres
def test_postgresql_build_equals_the_sqlite_build(
    built: tuple[Engine, Path], pg_template: str, tmp_path: Path
) -> None:
    """Same rows on both backends (foreign keys are enforced on PostgreSQL throughout)."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ekinerja_demo_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    try:
        pg = _build(
            admin.url.set(database=name).render_as_string(hide_password=False), tmp_path / "photos"
        )
        try:
            assert _dump(pg) == _dump(built[0])
            with Session(pg) as session:
                session.add(f.schedule(session, name="Tambahan"))  # sequences follow explicit ids
                session.rollback()
        finally:
            pg.dispose()
            db.get_engine.cache_clear()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(tmp_path / "photos", ignore_errors=True)
