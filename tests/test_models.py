"""Model constraints: bad NIPs, coordinates, naive times and unknown values are refused with a
clear Indonesian message at the model boundary, and by the database itself as the last line."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError, StatementError

import db
from ekinerja.models import Employee, Office, Punch
from ekinerja.validation import ValidationError, check_coordinates, normalize_nip
from tests import factories as f

MON = date(2026, 10, 5)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("198609262015051001", "198609262015051001"),
        ("19860926 201505 1 001", "198609262015051001"),
        ("19860926.201505.2.001", "198609262015052001"),
    ],
)
def test_nip_accepts_the_written_forms(raw: str, expected: str) -> None:
    assert normalize_nip(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("0001", "18 digit"),
        ("1", "18 digit"),
        ("1e5", "18 digit"),
        ("19860926201505100", "18 digit"),  # 17 digits
        ("1986092620150510011", "18 digit"),  # 19 digits
        ("19861326201505 1001", "tanggal lahir"),  # month 13
        ("198609262015131001", "bulan pengangkatan"),  # appointment month 13
        ("198609261990051001", "bulan pengangkatan"),  # appointed at 3 years old
        ("198609262015053001", "digit ke-15"),  # sex digit 3
        ("19860926201505１001", "18 digit"),  # full-width digit
    ],
)
def test_nip_refuses_what_is_not_a_nip(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        normalize_nip(raw)


@pytest.mark.parametrize(
    ("lat", "lon", "fragment"),
    [
        (91.0, 111.5, "Lintang"),
        (-7.6, 181.0, "Bujur"),
        (float("nan"), 111.5, "NaN"),
        (-7.6, float("inf"), "NaN atau tak hingga"),
        (0.0, 0.0, "(0, 0)"),
        (-7.6, None, "lengkap"),
    ],
)
def test_coordinates_out_of_range_are_refused(lat: float, lon: float | None, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        check_coordinates(lat, lon)


def test_employee_with_bad_nip_is_refused_and_nothing_is_written(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="18 digit"), db.write_session(engine) as session:
        unit = f.unit(session, "DISKOMINFO")
        f.employee(session, unit, nip="12345")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM unit")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM employee")).scalar() == 0


def test_employee_nip_is_stored_normalised(engine: Engine) -> None:
    with db.write_session(engine) as session:
        unit = f.unit(session)
        emp = f.employee(session, unit, nip="19860926 201505 1 001")
    assert emp.nip == "198609262015051001"


def test_duplicate_nip_is_refused_by_the_database(engine: Engine) -> None:
    with pytest.raises(IntegrityError), db.write_session(engine) as session:
        unit = f.unit(session)
        f.employee(session, unit, nip="198609262015051001")
        f.employee(session, unit, nip="19860926 201505 1 001")


def test_office_outside_the_globe_is_refused(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="Lintang"), db.write_session(engine) as session:
        unit = f.unit(session)
        session.add(Office(unit_id=unit.id, name="X", lat=-97.0, lon=111.5))  # type: ignore[arg-type]
        session.flush()


def test_naive_punch_time_is_refused(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="zona waktu"), db.write_session(engine) as session:
        unit = f.unit(session)
        emp = f.employee(session, unit)
        session.add(
            Punch(
                employee_id=emp.id,
                channel="fingerprint",
                direction="in",
                ts=datetime(2026, 10, 5, 7, 30),
                work_date=MON,
            )  # type: ignore[arg-type]
        )
        session.flush()


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"channel": "telepati"}, "Kanal"),
        ({"direction": "sideways"}, "Arah"),
        ({"channel": "selfie"}, "koordinat GPS"),
        ({"channel": "wfh", "lat": 91.0, "lon": 111.0}, "Lintang"),
        ({"accuracy_m": -1.0}, "Akurasi"),
    ],
)
def test_bad_punch_fields_are_refused(
    engine: Engine, fields: dict[str, object], fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment), db.write_session(engine) as session:
        unit = f.unit(session)
        emp = f.employee(session, unit)
        base: dict[str, object] = {"channel": "fingerprint", "direction": "in"}
        base.update(fields)
        f.punch(
            session, emp, MON, 7, 30, str(base.pop("direction")), str(base.pop("channel")), **base
        )


def test_punch_work_date_defaults_to_the_wib_day(engine: Engine) -> None:
    with db.write_session(engine) as session:
        unit = f.unit(session)
        emp = f.employee(session, unit)
        # 23:30 UTC on 4 October is 06:30 WIB on 5 October.
        row = Punch(employee_id=emp.id, channel="fingerprint", direction="in", ts=f.wib(MON, 6, 30))  # type: ignore[arg-type, call-arg]
        session.add(row)
        session.flush()
    assert row.work_date == MON


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE employee SET nip = '123'",
        "UPDATE employee SET sex = 'X'",
        "UPDATE employee SET home_lat = 95, home_lon = 111",
        "UPDATE employee SET status = 'hilang'",
    ],
)
def test_database_checks_are_the_last_line(engine: Engine, statement: str) -> None:
    with db.write_session(engine) as session:
        unit = f.unit(session)
        f.employee(session, unit)
    with pytest.raises((IntegrityError, StatementError)), engine.begin() as conn:
        conn.execute(text(statement))


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(IntegrityError), db.write_session(engine) as session:
        session.add(
            Employee(
                nip="198609262015051001",
                name="A",
                sex="L",
                unit_id=999,
                jabatan="x",
                golongan="III/a",
            )
        )
        session.flush()
