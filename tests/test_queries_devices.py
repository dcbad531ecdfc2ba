"""Perangkat: OS and app versions, check-ins with permissions denied or mock location, shared phones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

import db
from ekinerja.access import Scope, Viewer
from ekinerja.queries import devices
from ekinerja.queries.filters import Filters
from tests import factories as f

DAY = date(2026, 10, 5)
FILTERS = Filters(DAY, DAY + timedelta(days=4))
ADMIN = Viewer("admin", "admin")


def build(engine: Engine) -> dict[str, int]:
    with db.write_session(engine) as s:
        a, b = f.unit(s, "UA", name="Unit Alfa"), f.unit(s, "UB", name="Unit Beta")
        ana, adi, ari = (
            f.employee(s, a, n, name=name) for n, name in ((1, "Ana"), (2, "Adi"), (3, "Ari"))
        )
        budi = f.employee(s, b, 4, name="Budi")
        gone = f.employee(s, a, 5, name="Gone", status="dihapus")

        def phone(e: object, dev: str, os: str = "Android", app: str = "3.5.0", gps: bool = True,
                  cam: bool = True, day: date = DAY) -> None:  # fmt: skip
            row = f.device(s, e, day, dev)  # type: ignore[arg-type]
            row.os, row.os_version, row.app_version = os, "14" if os == "Android" else "17", app
            row.gps_permission, row.camera_permission = gps, cam
            s.add(row)

        phone(ana, "HP-ANA", gps=False)
        phone(adi, "HP-ADI", os="iOS", cam=False)
        phone(adi, "HP-ADI-2", app="3.4.0")
        phone(adi, "HP-ADI-3", app="3.4.0")
        phone(ari, "HP-ANA")  # Ari checks in on Ana's phone
        phone(budi, "HP-ANA")  # and so does Budi, from another unit
        phone(gone, "HP-ANA")
        phone(ana, "HP-LAMA", day=DAY - timedelta(days=60))  # not seen in the period
        s.flush()
        punches = [
            (ana, "selfie", "HP-ANA", False), (ana, "qr", "HP-ANA", True),
            (adi, "wfh", "HP-ADI", False), (adi, "selfie", "HP-ADI-2", False),
            (ari, "selfie", "HP-ANA", True), (ari, "fingerprint", None, False),
            (budi, "selfie", "HP-ANA", False), (gone, "selfie", "HP-ANA", True),
            (ana, "selfie", "HP-TAK-DIKENAL", False),
        ]  # fmt: skip
        for i, (e, channel, dev, mock) in enumerate(punches):
            f.punch(s, e, DAY + timedelta(days=i % 5), 7, 20, channel=channel, device_id=dev,
                    mock_location=mock, lat=-7.6, lon=111.5)  # fmt: skip
        out = f.punch(
            s,
            ana,
            DAY,
            16,
            5,
            direction="out",
            channel="selfie",
            device_id="HP-ANA",
            lat=-7.6,
            lon=111.5,
        )
        deleted = f.punch(s, ana, DAY + timedelta(days=1), 7, 0, channel="selfie", device_id="HP-ANA",
                          mock_location=True, lat=-7.6, lon=111.5)  # fmt: skip
        deleted.deleted_at = f.wib(DAY, 20, 0)
        s.add(deleted)
        assert out.direction == "out"
        return {"a": a.id, "b": b.id}  # type: ignore[dict-item]


def test_checkin_flags_count_app_checkins_only(engine: Engine) -> None:
    build(engine)
    with db.read_session(engine) as s:
        flags = devices.checkin_flags(s, ADMIN, FILTERS)
    # App check-ins (no fingerprint, no check-out, not deleted, not erased): 7.
    assert flags.checkins == 7
    # From phones whose GPS is denied: Ana's two on HP-ANA (Ana's own device record only).
    assert flags.gps_denied == 2
    assert flags.camera_denied == 1  # Adi's WFH on HP-ADI
    assert flags.mock == 2  # Ana's QR and Ari's selfie
    assert flags.unknown_device == 1
    assert flags.share(flags.mock) == pytest.approx(2 / 7)


def test_os_and_app_versions_of_devices_seen_in_the_period(engine: Engine) -> None:
    build(engine)
    with db.read_session(engine) as s:
        mix = devices.os_mix(s, ADMIN, FILTERS)
        apps = devices.app_versions(s, ADMIN, FILTERS)
    assert dict(zip(mix["os"] + " " + mix["os_version"], mix["devices"], strict=True)) == {
        "Android 14": 5,
        "iOS 17": 1,
    }
    assert dict(zip(apps["app_version"], apps["devices"], strict=True)) == {"3.5.0": 4, "3.4.0": 2}


def test_many_devices_and_shared_devices(engine: Engine) -> None:
    ids = build(engine)
    with db.read_session(engine) as s:
        many = devices.many_devices(s, ADMIN, FILTERS)
        shared = devices.shared_devices(s, ADMIN, FILTERS)
        shared_a = devices.shared_devices(
            s, Viewer("s", "supervisor", Scope.units([ids["a"]])), FILTERS
        )
    assert many[["name", "devices"]].values.tolist() == [["Adi", 3]]
    assert sorted(shared["name"]) == ["Ana", "Ari", "Budi"]
    assert set(shared["device_id"]) == {"HP-ANA"} and shared["employees"].tolist() == [3, 3, 3]
    # Unit A's supervisor sees the shared phone with Unit A's people only.
    assert sorted(shared_a["name"]) == ["Ana", "Ari"] and shared_a["employees"].tolist() == [2, 2]


def test_supervisor_flags_cover_own_unit_only(engine: Engine) -> None:
    ids = build(engine)
    with db.read_session(engine) as s:
        flags = devices.checkin_flags(
            s, Viewer("s", "supervisor", Scope.units([ids["b"]])), FILTERS
        )
    assert (flags.checkins, flags.gps_denied, flags.mock) == (1, 0, 0)
