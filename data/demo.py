"""The deterministic, realistic demo dataset of Kota Madiun: `build_demo(engine, config)`.

Same configuration, same database: every row (ids, times, "created at" stamps included) and every
photo file follows from the seed and the period. Only what the platform itself stamps with the
wall clock differs between two builds: the audit entries of the demo accounts and their argon2
password hashes (random salt).

The city: all 29 organisation units of Kota Madiun with the 27 kelurahan under their kecamatan,
offices with geofences, fingerprint machines, a regular Perpres 21/2023 schedule and an RSUD shift
roster, the national calendar plus Hari Jadi Kota Madiun, and N invented employees with a
structural hierarchy, phones, leave, daily punches over four channels, daily summaries (through
`ekinerja.summary.compute_summaries`, the one rule), activities, monthly BerAKHLAK reviews and
work-result ratings. A few irregularities are planted on purpose; their ground truth is stored as
JSON in AppSetting "demo_planted" for measuring the integrity checks.

Speed: everything is generated with numpy per month and written with `ekinerja.bulk.bulk_insert`
in one transaction; selfie files are drawn in a worker process while the months are written.
"""

from __future__ import annotations

import json
import os
import resource
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Table, func, select
from sqlmodel import Session, SQLModel, col

import db
from data import demo_planted as planted
from data.demo_attendance import (
    Context,
    Finished,
    add_photo_hashes,
    concat,
    finish,
    month_batch,
    people_arrays,
    take,
)
from data.demo_org import (
    REGULAR_SCHEDULE_ID,
    SHIFT_SCHEDULE_ID,
    Org,
    add_event_qr,
    build_org,
)
from data.demo_photos import PhotoWriter
from data.demo_rollups import activity_month_stats, activity_stats, unit_stats
from data.demo_time import (
    Days,
    LeaveTable,
    Roster,
    build_days,
    build_leave,
    build_roster,
    to_us,
)
from data.demo_work import WorkContext, activities, reviews
from ekinerja import accounts, audit
from ekinerja.bulk import BackgroundWriter, bulk_insert
from ekinerja.calendar import WorkCalendar, sync_calendar
from ekinerja.config import photo_dir
from ekinerja.models import (
    Activity,
    ActivityDayStat,
    ActivityMonthStat,
    AppSetting,
    BehaviourReview,
    DailySummary,
    Device,
    Employee,
    FingerprintDevice,
    FingerprintPin,
    Holiday,
    Leave,
    Office,
    Punch,
    QrCode,
    RollupPause,
    ShiftAssignment,
    Unit,
    UnitDayStat,
    UserAccount,
    WorkResultRating,
    WorkSchedule,
)
from ekinerja.models.settings import set_setting
from ekinerja.summary import compute_summaries
from ekinerja.texts import ROLE_LABELS, fmt_date, fmt_month, fmt_number
from ekinerja.texts import demo as T
from ekinerja.timeutil import WIB, today_wib, utc_now
from ekinerja.validation import ValidationError, normalize_nip

DEMO_PASSWORD = "demo-ekinerja-2026"
# Enough for a week of selfies at city scale (about 20,000 files) within the time budget.
DEFAULT_PHOTO_DAYS = 7
MIN_EMPLOYEES, MAX_EMPLOYEES = 10, 20_000
MIN_MONTHS, MAX_MONTHS = 1, 36
LOCAL_HOLIDAY = (6, 20)  # Hari Jadi Kota Madiun, 20 June
# Actor of everything the builder records in the audit trail.
ACTOR = audit.Actor("sistem:demo", "system")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    unit: str | None
    # A camat's account also sees the kelurahan under the kecamatan.
    include_subunits: bool = False


DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin", "admin", None),
    DemoAccount("sdm", "hr", None),
    DemoAccount("atasan.diskominfo", "supervisor", "DISKOMINFO"),
    DemoAccount("atasan.rsud", "supervisor", "RSUD"),
    DemoAccount("camat.taman", "supervisor", "KEC-TAMAN", include_subunits=True),
    DemoAccount("auditor", "auditor", None),
]


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValidationError(T.BAD_ENV.format(name=name, value=raw)) from exc


@dataclass(frozen=True)
class DemoConfig:
    employees: int = 5000
    months: int = 12
    seed: int = 2026
    end: date | None = None  # last day of data; default today (WIB)
    photo_days: int | None = None  # most recent days with selfie files; None = DEFAULT_PHOTO_DAYS

    @classmethod
    def first_start(cls) -> DemoConfig:
        """What the dashboard builds on its first start: the city, unless the environment says
        otherwise (EKINERJA_DEMO_EMPLOYEES, EKINERJA_DEMO_MONTHS)."""
        return cls(
            employees=_env_int("EKINERJA_DEMO_EMPLOYEES", cls.employees),
            months=_env_int("EKINERJA_DEMO_MONTHS", cls.months),
        )


@dataclass
class DemoReport:
    config: DemoConfig
    start: date
    end: date
    seconds: float
    db_bytes: int
    rows: dict[str, int]
    photos: int
    photo_since: date | None
    planted: dict[str, int] = field(default_factory=dict)
    # CPU seconds: the builder process (both of its threads), its database-writer thread alone,
    # and the photo worker process. On a shared machine they say more than `seconds`.
    cpu_seconds: float = 0.0
    writer_cpu_seconds: float = 0.0
    photo_cpu_seconds: float = 0.0

    def describe(self) -> str:
        lines = [
            T.SUMMARY_TITLE,
            T.SUMMARY_PERIOD.format(
                start=fmt_date(self.start),
                end=fmt_date(self.end),
                employees=fmt_number(self.config.employees),
                seed=self.config.seed,
            ),
            T.SUMMARY_TIME.format(
                seconds=fmt_number(self.seconds, 1), size=fmt_number(self.db_bytes / 1e6, 1)
            ),
            T.SUMMARY_ROWS,
            *(T.SUMMARY_ROW.format(table=t, count=fmt_number(c)) for t, c in self.rows.items()),
        ]
        if self.photo_since is not None and self.photos:
            days = (self.end - self.photo_since).days + 1
            lines.append(
                T.SUMMARY_PHOTOS.format(
                    photos=fmt_number(self.photos), days=days, since=fmt_date(self.photo_since)
                )
            )
        else:
            lines.append(T.SUMMARY_NO_PHOTOS)
        if self.planted:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.planted.items()))
            lines.append(T.SUMMARY_PLANTED.format(count=sum(self.planted.values()), kinds=kinds))
        else:
            lines.append(T.SUMMARY_NOTHING_PLANTED)
        lines.append(T.SUMMARY_ACCOUNTS.format(password=DEMO_PASSWORD))
        for a in DEMO_ACCOUNTS:
            unit = f", {a.unit}" if a.unit else ""
            lines.append(
                T.SUMMARY_ACCOUNT.format(username=a.username, role=ROLE_LABELS[a.role], unit=unit)
            )
        return "\n".join(lines)


Progress = Callable[[float, str], None]

# Tables counted in the report, in the order they are written.
REPORTED = (
    WorkSchedule, Unit, Office, FingerprintDevice, QrCode, Holiday, Employee, FingerprintPin,
    Device, Leave, ShiftAssignment, Punch, DailySummary, Activity, BehaviourReview,
    WorkResultRating, UserAccount, AppSetting,
)  # fmt: skip


def _period(config: DemoConfig, today: date) -> tuple[date, date]:
    end = config.end or today
    if end > today:
        raise ValidationError(T.FUTURE_END.format(day=end.isoformat(), today=today.isoformat()))
    month_index = end.year * 12 + end.month - 1 - (config.months - 1)
    return date(month_index // 12, month_index % 12 + 1, 1), end


def _check(config: DemoConfig) -> None:
    if not MIN_EMPLOYEES <= config.employees <= MAX_EMPLOYEES:
        raise ValidationError(
            T.BAD_EMPLOYEES.format(lo=MIN_EMPLOYEES, hi=fmt_number(MAX_EMPLOYEES))
        )
    if not MIN_MONTHS <= config.months <= MAX_MONTHS:
        raise ValidationError(T.BAD_MONTHS.format(lo=MIN_MONTHS, hi=MAX_MONTHS))
    if config.photo_days is not None and config.photo_days < 0:
        raise ValidationError(T.BAD_PHOTO_DAYS)


def _month_spans(days: Days) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    lo = 0
    for i in range(1, days.n + 1):
        if i == days.n or days.dates[i].day == 1:
            spans.append((lo, i - 1))
            lo = i
    return spans


def _validate_people(org: Org) -> None:
    """The bulk path skips the ORM's model checks, so check what they would (cheaply) here."""
    for nip in org.employees["nip"]:
        normalize_nip(nip)
    for name in ("home_lat", "home_lon"):
        values = org.employees[name].to_numpy(dtype=float)
        if not np.isfinite(values).all():
            raise ValueError(f"koordinat rumah tidak sah pada kolom {name}")


class _Builder:
    def __init__(
        self,
        conn: Connection,
        session: Session,
        config: DemoConfig,
        progress: Progress,
        today: date,
    ) -> None:
        self.conn = conn
        self.session = session
        self.config = config
        self.progress = progress
        self.start, self.end = _period(config, today)
        now = utc_now()
        midnight_after = datetime.combine(
            self.end + timedelta(days=1), time(0), tzinfo=WIB
        ).astimezone(UTC)
        # Data never runs past the build time; a period ending in the past is fully deterministic.
        self.cut = min(now, midnight_after)
        self.stamp = self.cut
        self.today = min(today, self.end + timedelta(days=1))
        self.rows: dict[str, int] = {}
        self.photos = 0
        self.planted_counts: dict[str, int] = {}
        self.writer_cpu = 0.0

    def write(self, model: type[SQLModel], frame: pd.DataFrame) -> None:
        n = bulk_insert(self.conn, model, frame)
        name = str(model.__tablename__)
        self.rows[name] = self.rows.get(name, 0) + n

    def run(self) -> None:
        cfg = self.config
        seed = cfg.seed
        self.progress(0.03, T.STEP_CALENDAR)
        years = range(self.start.year, self.end.year + 1)
        sync_calendar(self.session, years)
        known = {d for (d,) in self.session.execute(select(col(Holiday.day))).all()}
        for year in years:
            day = date(year, *LOCAL_HOLIDAY)
            if day not in known:
                self.session.add(
                    Holiday(day=day, name=T.LOCAL_HOLIDAY, kind="lokal", source="demo")
                )
        self.session.flush()
        calendar = WorkCalendar.load(self.session, self.start, self.end)
        regular = WorkSchedule(id=REGULAR_SCHEDULE_ID, name="Reguler (Perpres 21/2023)")
        shift = WorkSchedule(
            id=SHIFT_SCHEDULE_ID, name="Sif RSUD", is_shift=True, workdays="1234567"
        )
        schedules = {REGULAR_SCHEDULE_ID: regular, SHIFT_SCHEDULE_ID: shift}
        self.write(WorkSchedule, pd.DataFrame([s.model_dump() for s in schedules.values()]))

        self.progress(0.05, T.STEP_ORG.format(n=fmt_number(cfg.employees)))
        org = build_org(seed, cfg.employees, self.start, self.end)
        _validate_people(org)
        days = build_days(calendar, regular, self.start, self.end)
        # The monthly Hari Kesadaran Nasional assembly on the 17th, when it is a work day.
        assembly = [d for d in days.dates if d.day == 17 and days.workday[days.index(d)]]
        event_ids = add_event_qr(org, assembly)
        self.write(Unit, org.units)
        self.write(Office, org.offices)
        self.write(FingerprintDevice, org.fp_devices)
        self.write(QrCode, org.qr_codes)
        self.write(Employee, org.employees)
        self.write(FingerprintPin, org.pins)

        self.progress(0.08, T.STEP_LEAVE)
        roster = build_roster(org, days, np.random.default_rng([seed, 2]))
        leave = build_leave(org, days, roster, np.random.default_rng([seed, 3]), self.stamp)
        self.write(Leave, leave.frame)
        self.write(ShiftAssignment, roster.frame(days))

        photo_days = DEFAULT_PHOTO_DAYS if cfg.photo_days is None else cfg.photo_days
        photo_from = max(0, days.n - photo_days) if photo_days > 0 else days.n
        event_qr = np.zeros(days.n, dtype=np.int64)
        for d, qid in event_ids.items():
            event_qr[days.index(d)] = qid
        fp_serial = np.full(len(org.fp_devices) + 1, None, dtype=object)
        for fid, serial in org.fp_serial.items():
            fp_serial[fid] = serial
        ctx = Context(
            org,
            people_arrays(org, days),
            days,
            leave,
            roster,
            event_qr,
            photo_from,
            to_us(self.cut),
            fp_serial=fp_serial,
        )
        plan = planted.plan(ctx, np.random.default_rng([seed, 4]))
        ctx.excluded = plan.excluded
        self.write(
            Device,
            pd.concat([org.devices, planted.device_rows(plan, days.midnight)], ignore_index=True),
        )

        self._months(ctx, plan, calendar, schedules, org, days, leave, roster, seed)

        self.progress(0.88, T.STEP_REVIEWS)
        rv = reviews(org, days, self.end, to_us(self.cut), np.random.default_rng([seed, 5]))
        self.write(BehaviourReview, rv.reviews)
        self.write(WorkResultRating, rv.ratings)

        self.progress(0.93, T.STEP_ACCOUNTS)
        self._accounts(org)
        truth = (
            planted.ground_truth(plan, org.employees["nip"].tolist(), self.keys_by_tag) + rv.planted
        )
        for item in truth:
            kind = str(item["kind"])
            self.planted_counts[kind] = self.planted_counts.get(kind, 0) + 1
        settings = {
            "demo": "1",
            "demo_planted": json.dumps(truth, ensure_ascii=False, sort_keys=True),
            "demo_config": json.dumps(
                {
                    "employees": cfg.employees,
                    "months": cfg.months,
                    "seed": seed,
                    "start": self.start.isoformat(),
                    "end": self.end.isoformat(),
                    "photo_days": photo_days,
                },
                sort_keys=True,
            ),
        }
        for key, value in settings.items():
            set_setting(self.session, key, value)
            row = self.session.get(AppSetting, key)
            assert row is not None
            row.updated_at = self.stamp
        self.session.flush()

    def _months(
        self,
        ctx: Context,
        plan: planted.Plan,
        calendar: WorkCalendar,
        schedules: dict[int, WorkSchedule],
        org: Org,
        days: Days,
        leave: LeaveTable,
        roster: Roster,
        seed: int,
    ) -> None:
        spans = _month_spans(days)
        staff = pd.DataFrame(
            {
                "employee_id": org.employees["id"].to_numpy(),
                "unit_id": org.employees["unit_id"].to_numpy(),
                "schedule_id": np.where(org.shift, SHIFT_SCHEDULE_ID, REGULAR_SCHEDULE_ID),
                "last_day": pd.Series(list(org.last_day), dtype=object),
            }
        )
        lv = leave.frame
        lv_frame = pd.DataFrame(
            {
                "employee_id": lv["employee_id"].to_numpy(),
                "kind": lv["kind"].to_numpy(dtype=object),
                "start_date": pd.Series(
                    days.dates_obj[_day_index(days, lv["start_date"])], dtype=object
                ),
                "end_date": pd.Series(
                    days.dates_obj[_day_index(days, lv["end_date"])], dtype=object
                ),
            }
        )
        lv_lo = _day_index(days, lv["start_date"])
        lv_hi = _day_index(days, lv["end_date"])
        shifts = roster.frame(days)
        work_ctx = WorkContext(org, days, days.n - 1, to_us(self.cut))
        self.keys_by_tag: dict[int, str] = {}

        def generate(i: int) -> Finished:
            lo, hi = spans[i]
            batch = month_batch(ctx, lo, hi, np.random.default_rng([seed, 10, i]))
            mine = (plan.batch["day"] >= lo) & (plan.batch["day"] <= hi)
            if mine.any():
                batch = concat([batch, take(plan.batch, mine)])
            return finish(ctx, batch, f"{days.dates[lo]:%Y%m}")

        # Months with selfie files are drawn first, so their photos are made while the older
        # months are written.
        with_photos = [i for i, (lo, hi) in enumerate(spans) if hi >= ctx.photo_from]
        ready = {i: generate(i) for i in with_photos}
        total_jobs = sum(len(f.jobs) for f in ready.values())
        writer = PhotoWriter(photo_dir(), total_jobs)
        try:
            if total_jobs:
                self.progress(0.1, T.STEP_PHOTOS.format(n=fmt_number(total_jobs)))
            futures = {i: writer.submit(ready[i].jobs) for i in with_photos}
            # The rollups are computed here, per month, rather than by their triggers.
            pause = RollupPause.__table__  # type: ignore[attr-defined]
            rollups = [ActivityDayStat.__tablename__, UnitDayStat.__tablename__]
            self.conn.execute(pause.insert(), [{"rollup": name} for name in rollups])
            # The database work of one month overlaps with generating the next.
            with BackgroundWriter(self.conn) as tables:
                for i, (lo, hi) in enumerate(spans):
                    first, last = days.dates[lo], days.dates[hi]
                    self.progress(
                        0.1 + 0.75 * i / len(spans),
                        T.STEP_MONTH.format(month=fmt_month(first.year, first.month)),
                    )
                    fin = ready.pop(i) if i in ready else generate(i)
                    hashes = writer.collect(futures[i], fin.jobs) if i in futures else []
                    self.photos += len(hashes)
                    add_photo_hashes(fin.frame, fin.job_rows, hashes)
                    keys = fin.frame["source_key"].to_numpy(dtype=object)
                    for r in np.flatnonzero(fin.tags >= 0).tolist():
                        self.keys_by_tag[int(fin.tags[r])] = str(keys[r])
                    tables.put(Punch, fin.frame)
                    overlap = (lv_lo <= hi) & (lv_hi >= lo)
                    month_shifts = shifts[(roster.day >= lo) & (roster.day <= hi)]
                    summary = compute_summaries(
                        fin.summary_input,
                        staff,
                        lv_frame[overlap],
                        month_shifts,
                        calendar,
                        schedules,
                        first,
                        last,
                        self.today,
                    )
                    summary["updated_at"] = pd.Timestamp(self.stamp)
                    tables.put(DailySummary, summary)
                    tables.put(UnitDayStat, unit_stats(summary))
                    work = activities(work_ctx, summary, np.random.default_rng([seed, 20, i]))
                    tables.put(Activity, work)
                    per_day = activity_stats(work)
                    tables.put(ActivityDayStat, per_day)
                    tables.put(ActivityMonthStat, activity_month_stats(per_day))
            self.conn.execute(pause.delete())
        finally:
            writer.close()
        for name, n in tables.rows.items():
            self.rows[name] = self.rows.get(name, 0) + n
        self.writer_cpu = tables.cpu_seconds

    def _accounts(self, org: Org) -> None:
        heads = {}
        emp = org.employees
        for u, code in enumerate(org.unit_codes):
            rows = emp.index[(emp["unit_id"] == u + 1) & (org.level == 0)]
            if len(rows):
                heads[code] = int(rows[0])
        # One argon2 hash for the shared demo password (hashing costs half a second each).
        hashed = accounts.hash_password(DEMO_PASSWORD)
        for a in DEMO_ACCOUNTS:
            head = heads.get(a.unit) if a.unit else None
            display = (
                str(emp["name"].iat[head])
                if head is not None
                else T.ACCOUNT_NAMES.get(a.username, a.username)
            )
            user = accounts.create_user(
                self.session,
                ACTOR,
                a.username,
                a.role,
                None,
                display_name=display,
                unit_codes=[a.unit] if a.unit else None,
            )
            user.password_hash = hashed
            user.include_subunits = a.include_subunits
            user.employee_id = head + 1 if head is not None else None
            user.created_at = self.stamp
            user.password_changed_at = self.stamp
            self.session.add(user)
        self.session.flush()


def _day_index(days: Days, values: pd.Series) -> np.ndarray:
    arr = pd.to_datetime(values).to_numpy(dtype="datetime64[D]")
    out: np.ndarray = (arr - days.dates64[0]).astype(np.int64)
    return out


def _count_rows(conn: Connection, written: dict[str, int]) -> dict[str, int]:
    """Rows per reported table: as written in bulk, or counted (the few written by the ORM)."""
    out = {}
    for model in REPORTED:
        table: Table = model.__table__  # type: ignore[union-attr]
        if table.name in written:
            out[table.name] = written[table.name]
        else:
            count = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out[table.name] = int(count)
    return out


def _pragma(raw: Any, statement: str) -> object:
    """Run a PRAGMA on the driver connection and read its answer (an unread answer keeps the
    statement open, which blocks a later checkpoint)."""
    rows = raw.execute(f"PRAGMA {statement}").fetchall()
    return rows[0][0] if rows else None


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _db_bytes(engine: Engine) -> int:
    if db.is_sqlite(engine):
        path = engine.url.database
        if not path or path == ":memory:":
            return 0
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one())


def build_demo(
    engine: Engine, config: DemoConfig, progress: Progress | None = None, *, exclusive: bool = False
) -> DemoReport:
    """Build the demo into an empty database (refused otherwise), all in one transaction.

    `exclusive=True` promises that nothing else uses the database during the build (the CLI,
    the benchmark): SQLite then writes with a rollback journal instead of the write-ahead log,
    so the data is written once instead of twice; WAL is switched back on at the end.
    """
    started = clock.perf_counter()
    cpu_started = clock.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    say: Progress = progress or (lambda _f, _m: None)
    _check(config)
    today = today_wib()
    start, end = _period(config, today)
    say(0.0, T.STEP_SCHEMA)
    db.upgrade(engine)
    if not db.is_empty(engine):
        raise ValidationError(T.NOT_EMPTY)
    sqlite = db.is_sqlite(engine)
    bind = engine.execution_options(sqlite_immediate=True) if sqlite else engine
    with bind.connect() as conn:
        raw = conn.connection.driver_connection
        journal: object = "wal"
        if sqlite:
            # A big page cache keeps the index pages of the large tables in memory while writing.
            _pragma(raw, "cache_size=-262144")
            # Every reference is generated consistently (PostgreSQL, which always checks them,
            # runs the same builder in the tests); skipping the lookups saves a tenth of the time.
            _pragma(raw, "foreign_keys=OFF")
            if exclusive:
                # SQLite refuses (and stays in WAL) if another connection has the file open.
                journal = _pragma(raw, "journal_mode=DELETE")
        try:
            with conn.begin():
                session = Session(bind=conn, autoflush=False)
                builder = _Builder(conn, session, config, say, today)
                builder.run()
                say(0.96, T.STEP_COMMIT)
                session.flush()
                rows = _count_rows(conn, builder.rows)
                session.close()
        finally:
            if sqlite:
                _pragma(raw, "cache_size=-2000")
                _pragma(raw, "foreign_keys=ON")
        if sqlite and journal == "delete":
            _pragma(raw, "journal_mode=WAL")
        elif sqlite:
            # Fold the write-ahead log into the database file (it is as large as the data).
            _pragma(raw, "wal_checkpoint(TRUNCATE)")
    say(1.0, T.STEP_DONE)
    return DemoReport(
        config=config,
        start=start,
        end=end,
        seconds=clock.perf_counter() - started,
        db_bytes=_db_bytes(engine),
        rows=rows,
        photos=builder.photos,
        photo_since=builder.end
        - timedelta(
            days=(DEFAULT_PHOTO_DAYS if config.photo_days is None else config.photo_days) - 1
        )
        if builder.photos
        else None,
        planted=builder.planted_counts,
        cpu_seconds=clock.process_time() - cpu_started,
        writer_cpu_seconds=builder.writer_cpu,
        photo_cpu_seconds=_child_cpu() - (children.ru_utime + children.ru_stime),
    )


__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DemoAccount",
    "DemoConfig",
    "DemoReport",
    "build_demo",
]
