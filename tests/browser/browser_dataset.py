"""A small, deterministic dataset for the browser tests (and for trying the map pages by hand).

Three units with their offices in Kota Madiun, 30 employees each, a week of check-ins over all
four channels (some outside every geofence, some WFH at home), selfie files (one purged), daily
summaries, activities, reviews, devices, the four kinds of account, and one employee whose name
is a collection of script-injection attempts.

    DATABASE_URL=sqlite:////tmp/x.db EKINERJA_PHOTO_DIR=/tmp/x-photos \
        /work/venv/bin/python tests/browser/browser_dataset.py
"""

from __future__ import annotations

import io
import os
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PIL import Image
from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import db  # noqa: E402
from ekinerja import accounts, summary  # noqa: E402
from ekinerja.audit import SYSTEM  # noqa: E402
from ekinerja.models import (  # noqa: E402
    Activity,
    BehaviourReview,
    Device,
    Employee,
    Office,
    Punch,
    Unit,
    WorkSchedule,
)
from ekinerja.timeutil import today_wib, wib_to_utc  # noqa: E402

PASSWORD = "uji-peramban-kata-sandi"
# Every way out of a folium tooltip seen in the security guide, in one name (under 200 chars).
HOSTILE_NAME = (
    '<img src=x onerror="window.__pwned=1">${window.__pwned=2}`;window.__pwned=3;//'
    "\\</script><script>window.__pwned=4</script>"
)
UNITS = (
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", -7.6244, 111.5206),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", -7.6302, 111.5265),
    ("DINKES", "Dinas Kesehatan", -7.6391, 111.5148),
)
PER_UNIT = 30
DAYS = 7
# Where the hostile employee checks in: alone, 1.5 km east of every office.
HOSTILE_SPOT = (-7.6250, 111.5420)


@dataclass(frozen=True)
class Dataset:
    today: date
    hostile_nip: str
    hostile_unit: str
    other_unit_nip: str
    photo_nip: str


def wib(day: date, hh: int, mm: int) -> datetime:
    return wib_to_utc(day, time(hh, mm))


def _nip(n: int) -> str:
    return f"19850101201001{1 + n % 2}{n:03d}"


def _jpeg(seed: int) -> bytes:
    shade = 60 + seed * 37 % 150
    buf = io.BytesIO()
    Image.new("RGB", (96, 128), (shade, 120, 200 - shade // 2)).save(buf, "JPEG", quality=70)
    return buf.getvalue()


def build(engine: Engine, photo_dir: Path, today: date | None = None) -> Dataset:
    rng = random.Random(20261128)
    today = today or today_wib()
    days = [today - timedelta(days=i) for i in range(DAYS)]
    photo_dir.mkdir(parents=True, exist_ok=True)
    db.upgrade(engine)
    with db.write_session(engine) as s:
        sched = WorkSchedule(name="Reguler", workdays="1234567")
        s.add(sched)
        s.flush()
        offices: list[tuple[float, float]] = []
        employees: list[Employee] = []
        n = 0
        for code, name, lat, lon in UNITS:
            unit = Unit(code=code, name=name, schedule_id=sched.id)  # type: ignore[arg-type]
            s.add(unit)
            s.flush()
            s.add(Office(unit_id=unit.id, name=f"Kantor {name}", lat=lat, lon=lon, radius_m=100))  # type: ignore[arg-type]
            offices.append((lat, lon))
            for _ in range(PER_UNIT):
                n += 1
                hostile = code == "DISKOMINFO" and n == 1
                emp = Employee(
                    nip=_nip(n),
                    name=HOSTILE_NAME if hostile else f"Pegawai {code.title()} {n:02d}",
                    sex="L" if n % 2 else "P",
                    unit_id=unit.id,  # type: ignore[arg-type]
                    jabatan="Pelaksana",
                    golongan="III/a",
                    home_lat=lat + rng.uniform(-0.02, 0.02),
                    home_lon=lon + rng.uniform(-0.02, 0.02),
                )
                s.add(emp)
                employees.append(emp)
        s.flush()
        boss = employees[1]
        for emp in employees[2:PER_UNIT]:
            emp.supervisor_id = boss.id
        punches = []
        for d_i, day in enumerate(days):
            for e_i, emp in enumerate(employees):
                olat, olon = offices[e_i // PER_UNIT]
                if e_i == 0:
                    # Today exactly on HOSTILE_SPOT, earlier days 200 m further east each.
                    lat, lon, channel = HOSTILE_SPOT[0], HOSTILE_SPOT[1] + d_i * 0.002, "selfie"
                elif (e_i + d_i) % 13 == 0:
                    lat, lon, channel = emp.home_lat, emp.home_lon, "wfh"
                elif (e_i + d_i) % 17 == 0:
                    lat, lon, channel = olat + 0.01, olon - 0.012, "selfie"  # outside
                else:
                    lat = olat + rng.uniform(-0.0006, 0.0006)
                    lon = olon + rng.uniform(-0.0006, 0.0006)
                    channel = ("selfie", "qr", "fingerprint")[(e_i + d_i) % 3]
                path = None
                if channel in ("selfie", "wfh"):
                    path = f"{day:%Y/%m}/{emp.id}-{day:%d}.jpg"
                    # One purged file: the row keeps its path, the file is gone.
                    if not (e_i == 2 and d_i == 1):
                        target = photo_dir / path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(_jpeg(e_i + d_i))
                hh, mm = 7, rng.randint(0, 50)
                punches.append(
                    Punch(
                        employee_id=emp.id,  # type: ignore[arg-type]
                        channel=channel,
                        direction="in",
                        ts=wib(day, hh, mm),
                        work_date=day,
                        lat=None if channel == "fingerprint" else lat,
                        lon=None if channel == "fingerprint" else lon,
                        photo_path=path,
                        mock_location=(e_i + d_i) % 17 == 0,
                    )
                )
                punches.append(
                    Punch(
                        employee_id=emp.id,  # type: ignore[arg-type]
                        channel="qr" if channel != "wfh" else "wfh",
                        direction="out",
                        ts=wib(day, 16, rng.randint(0, 40)),
                        work_date=day,
                        # The hostile employee checks out on the very spot of the check-in:
                        # one click there lists both.
                        lat=lat if e_i == 0 else lat + 0.0001,
                        lon=lon if e_i == 0 else lon + 0.0001,
                    )
                )
        s.add_all(punches)
        for e_i, emp in enumerate(employees[:10]):
            s.add(
                Device(
                    employee_id=emp.id,  # type: ignore[arg-type]
                    device_id=f"dev-{e_i}",
                    model="Samsung A14",
                    os="Android",
                    os_version="14",
                    app_version="3.2.1",
                    first_seen=wib(days[-1], 7, 0),
                    last_seen=wib(today, 7, 0),
                )
            )
            for day in days[:3]:
                s.add(
                    Activity(
                        employee_id=emp.id,  # type: ignore[arg-type]
                        work_date=day,
                        description="Menyusun laporan",
                        minutes=120 + e_i,
                        status="disetujui" if e_i % 2 else "diajukan",
                    )
                )
        period = today.replace(day=1)
        for e_i, emp in enumerate(employees[1:6]):
            s.add(
                BehaviourReview(
                    period=period,
                    reviewer_id=employees[e_i + 6].id,  # type: ignore[arg-type]
                    reviewee_id=emp.id,  # type: ignore[arg-type]
                    relation="rekan",
                    **dict.fromkeys(
                        (
                            "berorientasi_pelayanan",
                            "akuntabel",
                            "kompeten",
                            "harmonis",
                            "loyal",
                            "adaptif",
                            "kolaboratif",
                        ),
                        2 + e_i % 2,
                    ),  # fmt: skip
                )
            )
        s.flush()
        summary.refresh(s, None, days[-1], today, today=today)
        accounts.create_user(s, SYSTEM, "admin.demo", "admin", PASSWORD)
        accounts.create_user(s, SYSTEM, "hr.demo", "hr", PASSWORD)
        accounts.create_user(s, SYSTEM, "auditor.demo", "auditor", PASSWORD)
        accounts.create_user(
            s, SYSTEM, "atasan.demo", "supervisor", PASSWORD, unit_codes=["BKPSDM"]
        )
    return Dataset(
        today=today,
        hostile_nip=_nip(1),
        hostile_unit="DISKOMINFO",
        other_unit_nip=_nip(PER_UNIT + 5),
        photo_nip=_nip(3),
    )


if __name__ == "__main__":
    photos = Path(os.environ.get("EKINERJA_PHOTO_DIR", "/tmp/ekinerja-photos"))
    info = build(db.get_engine(), photos)
    print(info)
