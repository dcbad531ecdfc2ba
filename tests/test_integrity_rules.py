"""Every integrity rule on a planted case and on an innocent one next to it.

Distances expected by the tests are computed with the scalar haversine here, independently of
the vectorised code under test.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import Engine

import db
from ekinerja.geo import haversine_m
from ekinerja.integrity import Thresholds, detect, inputs
from ekinerja.integrity.common import Candidate
from ekinerja.integrity.photos import near_pairs
from ekinerja.models import Employee, Unit
from tests import factories as f

D = date(2026, 3, 2)
OFFICE = (-7.6244, 111.5206)
# About 1.1 km north of the office (0.01 degree of latitude).
FAR = (-7.6144, 111.5206)


@pytest.fixture
def town(sqlite_engine: Engine) -> dict[str, Any]:
    with db.write_session(sqlite_engine) as s:
        u = f.unit(s, "DISKOMINFO")
        f.office(s, u, *OFFICE, radius_m=100)
        people = [f.employee(s, u, n, home_lat=-7.64, home_lon=111.53) for n in range(1, 7)]
        return {"engine": sqlite_engine, "unit": u, "ids": [int(p.id or 0) for p in people]}


def add(town: dict[str, Any], who: int, day: date, hh: int, mm: int, ss: int = 0, **kw: Any) -> int:
    """A punch of employee number `who` (0-based) at WIB wall-clock time; returns its id."""
    kw.setdefault("channel", "selfie")
    if kw["channel"] in ("selfie", "wfh", "fingerprint", "qr"):
        kw.setdefault("lat", OFFICE[0])
        kw.setdefault("lon", OFFICE[1])
    with db.write_session(town["engine"]) as s:
        e = s.get(Employee, town["ids"][who])
        assert e is not None
        return int(f.punch(s, e, day, hh, mm, ss=ss, **kw).id or 0)


def findings(town: dict[str, Any], kind: str, cfg: Thresholds | None = None,
             start: date = D, end: date = D + timedelta(days=27)) -> list[Candidate]:  # fmt: skip
    with db.read_session(town["engine"]) as s:
        data = inputs.load(s, start, end, 90)
    return list(detect(data, cfg or Thresholds(), (kind,)).candidates)


def who_when(found: list[Candidate], town: dict[str, Any]) -> set[tuple[int, date]]:
    return {(town["ids"].index(c.employee_id), c.work_date) for c in found}


def test_mock_location_flag(town: dict[str, Any]) -> None:
    add(town, 0, D, 7, 20, mock_location=True)
    add(town, 1, D, 7, 21)
    found = findings(town, "mock_location")
    assert who_when(found, town) == {(0, D)}
    assert found[0].severity == "tinggi" and found[0].key == f"mock_location:{town['ids'][0]}:{D}"


def test_outside_geofence_reports_the_distance(town: dict[str, Any]) -> None:
    pid = add(town, 0, D, 7, 20, lat=FAR[0], lon=FAR[1], accuracy_m=10)
    add(town, 1, D, 7, 20, lat=OFFICE[0] + 0.0005, lon=OFFICE[1])  # ~56 m from the centre
    found = findings(town, "outside_geofence")
    assert who_when(found, town) == {(0, D)}
    expected = haversine_m(*OFFICE, *FAR)
    assert found[0].evidence["distance_m"] == round(expected)
    assert found[0].evidence["outside_m"] == round(expected - 100)
    assert found[0].evidence["punch_ids"] == [pid]
    assert found[0].severity == "tinggi"  # more than 1 km outside


def test_a_punch_exactly_on_the_geofence_border_is_inside(town: dict[str, Any]) -> None:
    border = (OFFICE[0] + 0.0009, OFFICE[1])
    radius = haversine_m(*OFFICE, *border)
    with db.write_session(town["engine"]) as s:
        u = s.get(Unit, town["unit"].id)
        assert u is not None
        other = f.unit(s, "BORDER")
        f.office(s, other, *OFFICE, radius_m=radius)
        e = f.employee(s, other, 50)
        f.punch(s, e, D, 7, 20, channel="selfie", lat=border[0], lon=border[1])
        # One metre further out is outside.
        f.punch(s, e, D + timedelta(days=1), 7, 20, channel="selfie",
                lat=border[0] + 1 / 111_195, lon=border[1])  # fmt: skip
        eid = int(e.id or 0)
    found = [c for c in findings(town, "outside_geofence") if c.employee_id == eid]
    assert [c.work_date for c in found] == [D + timedelta(days=1)]
    assert found[0].evidence["outside_m"] == 1


@pytest.mark.parametrize(
    ("label", "extra", "leave"),
    [
        ("gps_accuracy_covers_the_gap", {"lat": OFFICE[0] + 0.0014, "accuracy_m": 80}, None),
        ("fingerprint_has_fixed_coordinates", {"channel": "fingerprint", "lat": FAR[0]}, None),
        ("qr_code_place", {"channel": "qr", "lat": FAR[0]}, None),
        ("official_duty_elsewhere", {"lat": FAR[0]}, "dinas_luar"),
    ],
)
def test_outside_geofence_innocent_cases(
    town: dict[str, Any], label: str, extra: dict[str, Any], leave: str | None
) -> None:
    add(town, 0, D, 7, 20, **extra)
    if leave:
        with db.write_session(town["engine"]) as s:
            e = s.get(Employee, town["ids"][0])
            assert e is not None
            f.leave(s, e, leave, D)
    assert findings(town, "outside_geofence") == []


def test_wfh_far_from_home(town: dict[str, Any]) -> None:
    home = (-7.64, 111.53)
    add(town, 0, D, 7, 20, channel="wfh", lat=home[0] + 0.03, lon=home[1])  # ~3.3 km
    add(town, 1, D, 7, 20, channel="wfh", lat=home[0] + 0.003, lon=home[1])  # ~330 m
    found = findings(town, "wfh_far_from_home")
    assert who_when(found, town) == {(0, D)}
    assert found[0].evidence["home_distance_m"] == round(
        haversine_m(*home, home[0] + 0.03, home[1])
    )


def test_impossible_travel(town: dict[str, Any]) -> None:
    ten_km = (OFFICE[0] - 0.09, OFFICE[1])
    a = add(town, 0, D, 7, 20)
    b = add(town, 0, D, 7, 25, lat=ten_km[0], lon=ten_km[1])  # 10 km in 5 minutes
    add(town, 1, D, 7, 20)
    add(town, 1, D, 9, 20, lat=ten_km[0], lon=ten_km[1])  # 10 km in 2 hours: 5 km/h
    add(town, 2, D, 7, 20)
    add(town, 2, D, 7, 21, lat=OFFICE[0] - 0.01, lon=OFFICE[1])  # 1.1 km: under the minimum
    found = findings(town, "impossible_travel")
    assert who_when(found, town) == {(0, D)}
    km = haversine_m(*OFFICE, *ten_km) / 1000
    assert found[0].evidence["speed_kmh"] == round(km / (5 / 60))
    assert found[0].evidence["pairs"][0]["from_punch_id"] == a
    assert found[0].evidence["pairs"][0]["to_punch_id"] == b


def test_repeated_coordinates_only_on_app_gps_channels(town: dict[str, Any]) -> None:
    point = (-7.61234567, 111.51234567)
    for i in range(3):
        add(town, 0, D + timedelta(days=i), 7, 20 + i, lat=point[0], lon=point[1])
        add(town, 1, D + timedelta(days=i), 7, 20, channel="fingerprint")  # machine's fixed point
        add(town, 2, D + timedelta(days=i), 7, 20, channel="wfh",
            lat=-7.64 + i * 1e-6, lon=111.53)  # fmt: skip
    for i in range(2):
        add(town, 3, D + timedelta(days=i), 7, 20, lat=-7.6, lon=111.5)  # two days only
    found = findings(town, "repeated_coordinates")
    assert who_when(found, town) == {(0, D)}
    assert found[0].evidence["days"] == 3 and found[0].last_date == D + timedelta(days=2)


def test_shared_device_same_day_only(town: dict[str, Any]) -> None:
    add(town, 0, D, 7, 20, device_id="hp-x")
    add(town, 1, D, 7, 22, device_id="hp-x")
    add(town, 2, D, 7, 20, device_id="hp-y")
    add(town, 3, D + timedelta(days=1), 7, 20, device_id="hp-y")  # handed over the next day
    found = findings(town, "shared_device")
    assert who_when(found, town) == {(0, D), (1, D)}
    assert {tuple(c.evidence["other_employee_ids"]) for c in found} == {
        (town["ids"][1],),
        (town["ids"][0],),
    }


def test_photo_reuse_exact_and_near_copies(town: dict[str, Any]) -> None:
    base = "f0f0f0f0a5a5a5a5"
    near = f"{int(base, 16) ^ 0b1011:016x}"  # 3 bits flipped
    other = f"{int(base, 16) ^ 0xFFFF_0000_0000_0000:016x}"  # 16 bits flipped
    first = add(town, 0, D, 7, 20, photo_sha256="a" * 64, photo_phash=base)
    add(town, 0, D + timedelta(days=1), 7, 20, photo_sha256="a" * 64, photo_phash=base)
    add(town, 1, D + timedelta(days=2), 7, 20, photo_sha256="b" * 64, photo_phash=near)
    add(town, 2, D + timedelta(days=2), 7, 20, photo_sha256="c" * 64, photo_phash=other)
    found = findings(town, "photo_reuse")
    assert who_when(found, town) == {(0, D + timedelta(days=1)), (1, D + timedelta(days=2))}
    by_who = {town["ids"].index(c.employee_id): c.evidence["matches"][0] for c in found}
    assert by_who[0]["exact"] is True and by_who[0]["original_punch_id"] == first
    assert by_who[1]["hamming"] == 3 and by_who[1]["original_employee_id"] == town["ids"][0]


def test_photo_reuse_against_the_look_back_period(town: dict[str, Any]) -> None:
    add(town, 0, D - timedelta(days=40), 7, 20, photo_sha256="a" * 64)
    add(town, 1, D, 7, 20, photo_sha256="a" * 64)
    assert who_when(findings(town, "photo_reuse"), town) == {(1, D)}


def test_near_pairs_match_brute_force() -> None:
    rng = random.Random(7)
    hashes = [rng.getrandbits(64) for _ in range(600)]
    for _ in range(80):  # plant near copies at 0..8 bits
        h = rng.choice(hashes)
        for bit in rng.sample(range(64), rng.randint(0, 8)):
            h ^= 1 << bit
        hashes.append(h)
    arr = np.array(hashes, dtype=np.uint64)
    for t in (0, 3, 6, 7):
        i, j, d = near_pairs(arr, t)
        got = set(zip(i.tolist(), j.tolist(), d.tolist(), strict=True))
        expected = {
            (a, b, (hashes[a] ^ hashes[b]).bit_count())
            for a in range(len(hashes)) for b in range(a + 1, len(hashes))
            if (hashes[a] ^ hashes[b]).bit_count() <= t
        }  # fmt: skip
        assert got == expected, t


def test_channel_conflict(town: dict[str, Any]) -> None:
    five_km = (OFFICE[0] + 0.045, OFFICE[1])
    add(town, 0, D, 7, 20, channel="fingerprint")
    add(town, 0, D, 7, 30, lat=five_km[0], lon=five_km[1])
    add(town, 1, D, 7, 20, channel="fingerprint")
    add(town, 1, D, 7, 25)  # selfie at the office too
    add(town, 2, D, 7, 20, channel="fingerprint")
    add(town, 2, D, 11, 0, channel="wfh", lat=five_km[0], lon=five_km[1])  # hours later
    found = findings(town, "channel_conflict")
    assert who_when(found, town) == {(0, D)}
    assert found[0].evidence["distance_m"] == round(haversine_m(*OFFICE, *five_km))
    assert found[0].evidence["minutes"] == 10.0


def test_same_second_every_day(town: dict[str, Any]) -> None:
    for i in range(4):
        add(town, 0, D + timedelta(days=i), 7, 12, 34)
    for i in range(3):
        add(town, 1, D + timedelta(days=i), 7, 12, 34)
    for i in range(6):
        add(town, 2, D + timedelta(days=i), 7, 12, i)  # same minute, other seconds
    found = findings(town, "same_second")
    assert who_when(found, town) == {(0, D)}
    assert found[0].evidence["time_of_day"] == "07:12:34" and found[0].evidence["days"] == 4


def test_ip_burst(town: dict[str, Any]) -> None:
    for who in range(5):
        add(town, who, D, 7, 20, 5 * who, ip="10.1.1.1")  # five people in 20 seconds
    for who in range(5):
        add(town, who, D + timedelta(days=1), 7, 10 + 3 * who, ip="10.2.2.2")  # over 12 minutes
    found = findings(town, "ip_burst")
    assert who_when(found, town) == {(w, D) for w in range(5)}
    assert {c.evidence["employee_count"] for c in found} == {5}


def test_soft_deleted_and_erased_punches_are_ignored(town: dict[str, Any]) -> None:
    from ekinerja.timeutil import utc_now

    add(town, 0, D, 7, 20, mock_location=True, deleted_at=utc_now())
    with db.write_session(town["engine"]) as s:
        e = s.get(Employee, town["ids"][1])
        assert e is not None
        f.punch(s, e, D, 7, 20, channel="selfie", lat=OFFICE[0], lon=OFFICE[1], mock_location=True)
        e.status = "dihapus"
        s.add(e)
    assert findings(town, "mock_location") == []
