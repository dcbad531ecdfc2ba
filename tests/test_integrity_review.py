"""Findings in the database: re-runs do not duplicate, reviews are scoped, reasoned and audited."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import db
from ekinerja import audit
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.geo import haversine_m
from ekinerja.integrity import finding_detail, list_findings, review_finding, run_checks
from ekinerja.models import AuditEntry, Employee, IntegrityFinding
from ekinerja.validation import ValidationError
from tests import factories as f

D = date(2026, 3, 2)
START, END = date(2026, 3, 1), date(2026, 3, 31)
ADMIN = Viewer("admin-uji", "admin")
AUDITOR = Viewer("auditor-uji", "auditor")


def setup(engine: Engine) -> dict[str, Any]:
    with db.write_session(engine) as s:
        u1 = f.unit(s, "U1")
        u2 = f.unit(s, "U2")
        f.office(s, u1)
        f.office(s, u2)
        a = f.employee(s, u1, 1)
        b = f.employee(s, u2, 2)
        f.punch(s, a, D, 7, 20, channel="selfie", lat=-7.6244, lon=111.5206, mock_location=True,
                device_id="hp-x")  # fmt: skip
        f.punch(s, b, D, 7, 21, channel="selfie", lat=-7.6244, lon=111.5206, device_id="hp-x")
        return {"u1": int(u1.id or 0), "u2": int(u2.id or 0), "a": int(a.id or 0),
                "b": int(b.id or 0)}  # fmt: skip


def rows(engine: Engine) -> list[IntegrityFinding]:
    with db.read_session(engine) as s:
        return list(s.exec(select(IntegrityFinding).order_by(IntegrityFinding.key)).scalars())


def run(engine: Engine, viewer: Viewer = ADMIN) -> Any:
    with db.write_session(engine) as s:
        return run_checks(s, viewer, START, END)


def test_rerun_does_not_duplicate_and_is_audited(engine: Engine) -> None:
    ids = setup(engine)
    first = run(engine)
    # A's mock location; A and B on one phone the same day.
    assert first.by_kind == {"mock_location": 1, "shared_device": 2}
    assert first.new == 3
    stored = rows(engine)
    assert {(r.kind, r.employee_id, r.unit_id) for r in stored} == {
        ("mock_location", ids["a"], ids["u1"]),
        ("shared_device", ids["a"], ids["u1"]),
        ("shared_device", ids["b"], ids["u2"]),
    }
    again = run(engine)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert [r.id for r in rows(engine)] == [r.id for r in stored]
    with db.read_session(engine) as s:
        runs = (
            s.exec(select(AuditEntry).where(AuditEntry.action == "integrity.run")).scalars().all()
        )
        assert len(runs) == 2 and json.loads(runs[0].after or "{}")["new"] == 3
        assert audit.verify(s).ok


def test_new_evidence_refreshes_open_findings_but_never_reviewed_ones(engine: Engine) -> None:
    ids = setup(engine)
    run(engine)
    mock = next(r for r in rows(engine) if r.kind == "mock_location")
    shared_a = next(
        r for r in rows(engine) if r.kind == "shared_device" and r.employee_id == ids["a"]
    )
    with db.write_session(engine) as s:
        review_finding(s, ADMIN, int(shared_a.id or 0), "dikonfirmasi", None, shared_a.version)
        a = s.get(Employee, ids["a"])
        assert a is not None
        f.punch(s, a, D, 16, 5, direction="out", channel="selfie", lat=-7.6244, lon=111.5206,
                mock_location=True, device_id="hp-x")  # fmt: skip
    result = run(engine)
    # A's mock finding gains the new punch; B's shared-device evidence is the same as before;
    # A's confirmed shared-device finding is not touched although its punches changed.
    assert (result.new, result.updated, result.unchanged) == (0, 1, 2)
    after = {r.key: r for r in rows(engine)}
    assert json.loads(after[mock.key].evidence)["count"] == 2
    assert after[mock.key].version == mock.version + 1
    kept = after[shared_a.key]
    assert kept.status == "dikonfirmasi" and kept.evidence == shared_a.evidence


def test_review_needs_a_reason_to_reject_and_is_audited(engine: Engine) -> None:
    setup(engine)
    run(engine)
    target = rows(engine)[0]
    fid = int(target.id or 0)
    with pytest.raises(ValidationError, match="Alasan"), db.write_session(engine) as s:
        review_finding(s, AUDITOR, fid, "ditolak", "   ", target.version)
    with db.write_session(engine) as s:
        done = review_finding(s, AUDITOR, fid, "ditolak", "Dinas luar, surat tugas ada", 1)
    assert (done.status, done.reviewed_by, done.version) == ("ditolak", "auditor-uji", 2)
    with db.read_session(engine) as s:
        entry = (
            s.exec(select(AuditEntry).where(AuditEntry.action == "integrity.review"))
            .scalars()
            .one()
        )
    assert json.loads(entry.before or "{}")["status"] == "baru"
    assert json.loads(entry.after or "{}") == {"status": "ditolak"}
    assert entry.reason == "Dinas luar, surat tugas ada" and entry.entity_id == str(fid)
    # Reopening is a change of status too, and a screen that saw version 1 is stale now.
    with pytest.raises(ValidationError, match="diubah orang lain"), db.write_session(engine) as s:
        review_finding(s, ADMIN, fid, "baru", None, 1)
    with db.write_session(engine) as s:
        review_finding(s, ADMIN, fid, "baru", "dibuka lagi", 2)
    with db.read_session(engine) as s:
        assert (
            s.execute(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "integrity.review")
            ).scalar_one()
            == 2
        )


@pytest.mark.parametrize(
    ("viewer", "action"),
    [
        (Viewer("sv", "supervisor", Scope.units([1])), "review"),
        (Viewer("hr", "hr"), "review"),
        (AUDITOR, "run"),
        (Viewer("hr", "hr"), "run"),
        (Viewer("hr", "hr"), "list"),
    ],
)
def test_who_may_run_review_and_read(engine: Engine, viewer: Viewer, action: str) -> None:
    setup(engine)
    run(engine)
    target = rows(engine)[0]
    with pytest.raises(PermissionDenied), db.write_session(engine) as s:
        if action == "review":
            review_finding(s, viewer, int(target.id or 0), "dikonfirmasi", None, 1)
        elif action == "run":
            run_checks(s, viewer, START, END)
        else:
            list_findings(s, viewer, START, END)


def test_supervisors_see_their_units_only(engine: Engine) -> None:
    ids = setup(engine)
    run(engine)
    boss = Viewer("sv", "supervisor", Scope.units([ids["u1"]]))
    with db.read_session(engine) as s:
        mine = list_findings(s, boss, START, END)
        assert set(mine["nip"]) == {f.nip(1)}
        # A filter can only narrow the scope: asking for the other unit gives nothing.
        assert list_findings(s, boss, START, END, unit_ids=[ids["u2"]]).empty
        theirs = next(r for r in rows(engine) if r.unit_id == ids["u2"])
        assert finding_detail(s, boss, int(theirs.id or 0)) is None
        shared = next(
            r for r in rows(engine) if r.unit_id == ids["u1"] and r.kind == "shared_device"
        )
        detail = finding_detail(s, boss, int(shared.id or 0))
        assert detail is not None
        shown = dict(zip(detail.evidence["Keterangan"], detail.evidence["Nilai"], strict=True))
        # The other employee on the phone belongs to another unit: not named to this supervisor.
        assert shown["Pegawai lain"] == "(di luar cakupan Anda)"
        assert len(detail.punches) == 1
        full = finding_detail(s, ADMIN, int(shared.id or 0))
        assert full is not None
        assert f.nip(2) in dict(zip(full.evidence["Keterangan"], full.evidence["Nilai"],
                                    strict=True))["Pegawai lain"]  # fmt: skip


def test_review_outside_scope_is_not_found(engine: Engine) -> None:
    ids = setup(engine)
    run(engine)
    theirs = next(r for r in rows(engine) if r.unit_id == ids["u2"])
    narrow_auditor = Viewer("aud", "auditor", Scope.units([ids["u1"]]))
    with pytest.raises(ValidationError, match="tidak ditemukan"), db.write_session(engine) as s:
        review_finding(s, narrow_auditor, int(theirs.id or 0), "dikonfirmasi", None, 1)


def test_bad_period_is_refused(engine: Engine) -> None:
    with pytest.raises(ValidationError), db.write_session(engine) as s:
        run_checks(s, ADMIN, END, START)


def test_times_are_read_alike_on_both_databases(engine: Engine) -> None:
    """Times are read as text and parsed in bulk: WIB clock and speed must not depend on the
    backend's text format (SQLite without offset, PostgreSQL with one)."""
    with db.write_session(engine) as s:
        u = f.unit(s, "U1")
        f.office(s, u)
        a = f.employee(s, u, 1)
        for k in range(4):
            f.punch(s, a, date(2026, 3, 2 + k), 7, 12, ss=34, channel="selfie", lat=-7.6244,
                    lon=111.5206)  # fmt: skip
        # 13 km south, 5 minutes after the first check-in: about 160 km/h.
        f.punch(s, a, D, 7, 17, ss=34, channel="selfie", lat=-7.6244 - 0.12, lon=111.5206)
    run(engine)
    found = {r.kind: json.loads(r.evidence) for r in rows(engine)}
    assert found["same_second"]["time_of_day"] == "07:12:34"
    assert found["same_second"]["dates"] == ["2026-03-02", "2026-03-03", "2026-03-04",
                                             "2026-03-05"]  # fmt: skip
    pair = found["impossible_travel"]["pairs"][0]
    assert pair["minutes"] == 5.0
    assert pair["speed_kmh"] == round(haversine_m(-7.6244, 111.5206, -7.7444, 111.5206) / 1000 * 12)


def test_cli_runs_a_month(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ekinerja.cli import main

    setup(sqlite_engine)
    monkeypatch.setenv("DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))
    assert main(["integrity", "--month", "2026-03"]) == 0
    out = capsys.readouterr().out
    assert "3 temuan baru" in out and "Lokasi palsu (mock location): 1" in out
    assert main(["integrity", "--month", "2026-03", "--set", "travel_max_kmh=abc"]) == 2
    assert main(["integrity", "--from", "2026-03-01"]) == 2
