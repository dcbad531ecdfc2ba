"""The retention schedule and its run: the longest period wins, holds and the violation rule beat
retention, limits per category, a dry run changes nothing, and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import db
from ekinerja import audit
from ekinerja.cli import main
from ekinerja.governance import holds, retention
from ekinerja.models import AuditEntry, DailySummary, Device, Employee, Punch
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError
from tests.governance_support import ADMIN, AUDITOR, build_person


@pytest.fixture(autouse=True)
def photo_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path / "photos"))


def _set(engine: Engine, category: str, days: int | None) -> None:
    with db.write_session(engine) as s:
        seen = retention.rules(s)[category].version or 0
        retention.set_rule(s, ADMIN, category, days, seen, "keputusan PPID")


@dataclass(frozen=True)
class Case:
    name: str
    foto: int
    gps: int
    absensi: int
    age: int
    row: bool
    photo: bool
    gps_kept: bool


CASES = [
    Case("young punch keeps everything", 365, 730, 730, 10, True, True, True),
    Case("photo goes first, GPS and row stay", 365, 730, 730, 400, True, False, True),
    Case("past every period the row goes", 365, 730, 730, 800, False, False, False),
    # absensi is 730 but the photo must be kept 1000 days: the row lives as long as its photo.
    Case("longest part keeps the row", 1000, 365, 730, 800, True, True, False),
    Case("GPS kept longest keeps the row", 365, 1000, 730, 800, True, False, True),
    Case("short photo and GPS periods", 30, 30, 730, 40, True, False, False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_longest_retention_wins(engine: Engine, case: Case) -> None:
    person = build_person(engine, today_wib() - timedelta(days=case.age))
    for category, days in (("foto", case.foto), ("gps", case.gps), ("absensi", case.absensi)):
        _set(engine, category, days)
    retention.run_retention(engine, ADMIN)
    with db.read_session(engine) as s:
        row = s.get(Punch, person.selfie_id)
    assert (row is not None) == case.row
    assert person.photo_path().exists() == case.photo
    if row is not None:
        assert (row.photo_path is not None, row.photo_sha256 is not None) == (
            case.photo,
            case.photo,
        )
        assert (row.lat is not None, row.lon is not None) == (case.gps_kept, case.gps_kept)


def test_expired_punches_take_their_summary_with_them_and_old_devices_go(engine: Engine) -> None:
    old = build_person(engine, today_wib() - timedelta(days=2000), tag="lama")
    young = build_person(engine, today_wib() - timedelta(days=20), tag="baru")
    report = retention.run_retention(engine, ADMIN)
    with db.read_session(engine) as s:
        summaries = s.scalars(select(DailySummary.employee_id)).all()
        devices = s.scalars(select(Device.employee_id)).all()
    assert young.employee_id in summaries and old.employee_id not in summaries
    assert devices == [young.employee_id]
    counts = {k: r.removed for k, r in report.categories.items()}
    # 2000 days: photo, GPS, both punches, activity, leave, both reviews, device of the old person.
    assert counts == {
        "foto": 1, "gps": 1, "absensi": 2, "cuti": 1, "aktivitas": 1, "review": 2,
        "perangkat": 1, "audit": 0,
    }  # fmt: skip


def test_holds_and_the_violation_rule_beat_retention_and_are_reported(engine: Engine) -> None:
    day = today_wib() - timedelta(days=2000)
    held = build_person(engine, day, tag="h")
    violator = build_person(engine, day, tag="v")
    with db.write_session(engine) as s:
        holds.place_hold(
            s, AUDITOR, holds.HoldRequest("SPRIN-12/2026", employee_id=held.employee_id)
        )
        emp = s.get(Employee, violator.employee_id)
        assert emp is not None
        emp.status, emp.deactivated_for_violation = "nonaktif", True
        s.add(emp)
    report = retention.run_retention(engine, ADMIN)
    assert report.categories["absensi"].removed == 0
    kept = report.categories["absensi"].kept.as_list()
    assert {(k["alasan"], k["perkara"], k["jumlah"]["punch"]) for k in kept} == {
        ("violation", None, 2),
        ("hold", "SPRIN-12/2026", 2),
    }
    lines = "\n".join(report.describe())
    assert "2 data ditahan untuk perkara SPRIN-12/2026 (penahanan #1)" in lines
    assert "akun dinonaktifkan atas pelanggaran" in lines
    # The colleagues' reviews with them are kept too (a review belongs to writer and subject).
    assert report.categories["review"].removed == 0
    with db.read_session(engine) as s:
        assert s.execute(select(func.count()).select_from(Punch)).scalar_one() == 4
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert audit.verify(s).ok
    assert entry is not None and entry.action == "retensi.jalankan"
    assert "SPRIN-12/2026" in (entry.after or "") and "Zubaidah" not in (entry.after or "")


def test_a_dry_run_reports_what_a_run_removes_and_changes_nothing(engine: Engine) -> None:
    person = build_person(engine, today_wib() - timedelta(days=2000))
    dry = retention.run_retention(engine, ADMIN, dry_run=True)
    with db.read_session(engine) as s:
        assert s.get(Punch, person.selfie_id) is not None
        assert s.execute(select(func.count()).select_from(AuditEntry)).scalar_one() == 0
    assert person.photo_path().exists()
    real = retention.run_retention(engine, ADMIN)
    assert {k: r.removed for k, r in dry.categories.items()} == {
        k: r.removed for k, r in real.categories.items()
    }
    assert dry.files == real.files == [person.photo_rel]
    assert not person.photo_path().exists()


LIMITS = [
    ("photo below its minimum", "foto", 10, "minimal 30 hari"),
    ("attendance above its maximum", "absensi", 8000, "maksimal 7300 hari"),
    ("audit can only be forever", "audit", 3650, "disimpan selamanya"),
    ("grace period must be days", "terhapus", None, "harus berupa jumlah hari"),
    ("unknown category", "rahasia", 100, "tidak dikenal"),
]


@pytest.mark.parametrize(
    ("case", "category", "days", "message"), LIMITS, ids=[c[0] for c in LIMITS]
)
def test_retention_rule_limits(
    engine: Engine, case: str, category: str, days: int | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as s:
        retention.set_rule(s, ADMIN, category, days, 0, "keputusan PPID")


def test_a_stale_rule_form_is_refused_and_changes_are_audited(engine: Engine) -> None:
    _set(engine, "foto", 90)
    with pytest.raises(ValidationError, match="sudah diubah"), db.write_session(engine) as s:
        retention.set_rule(s, ADMIN, "foto", 120, 0, "keputusan PPID")
    _set(engine, "foto", 120)
    with db.read_session(engine) as s:
        assert retention.rules(s)["foto"].keep_days == 120
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "retensi.ubah")).all()
    assert [(e.before, e.after) for e in entries] == [
        ('{"hari": 365}', '{"hari": 90}'),
        ('{"hari": 90}', '{"hari": 120}'),
    ]


def test_only_admins_run_or_edit_retention(engine: Engine) -> None:
    from ekinerja.access import PermissionDenied

    with pytest.raises(PermissionDenied):
        retention.run_retention(engine, AUDITOR)
    with pytest.raises(PermissionDenied), db.write_session(engine) as s:
        retention.set_rule(s, AUDITOR, "foto", 90, 0, "keputusan PPID")


def test_cli_retention_run_show_and_set(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    person = build_person(engine, date(2020, 1, 6))
    assert main(["retention", "run", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "SIMULASI" in out and "Absensi & ringkasan harian" in out and "2 dihapus" in out
    with db.read_session(engine) as s:
        assert s.get(Punch, person.selfie_id) is not None
    assert main(["retention", "set", "foto", "5", "--alasan", "uji coba"]) == 2
    assert "minimal 30 hari" in capsys.readouterr().err
    assert main(["retention", "set", "foto", "90", "--alasan", "keputusan PPID"]) == 0
    assert main(["retention", "show"]) == 0
    assert "foto       90 hari" in capsys.readouterr().out
    assert main(["retention", "run"]) == 0
    assert "Retensi dijalankan" in capsys.readouterr().out
    with db.read_session(engine) as s:
        assert s.get(Punch, person.selfie_id) is None
