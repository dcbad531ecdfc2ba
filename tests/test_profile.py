"""Profil Pegawai: scope (same refusal for unknown and foreign), month grid, summaries, the page."""

from __future__ import annotations

from datetime import date

import factories as f
import hostile
import pytest
from sqlalchemy import Engine
from ui import app_for

import db
from ekinerja import summary
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.queries import profile
from ekinerja.texts import maps as t

ADMIN = Viewer("admin", "admin")
DAY = date(2026, 11, 2)  # a Monday


def _seed(engine: Engine) -> dict[str, object]:
    with db.write_session(engine) as s:
        u1, u2 = f.unit(s, "U1", name="Dinas Satu"), f.unit(s, "U2", name="Dinas Dua")
        boss = f.employee(s, u1, 1, name="Bu Kepala")
        budi = f.employee(s, u1, 2, name="Budi", supervisor_id=boss.id)
        lain = f.employee(s, u2, 3, name="Orang Lain")
        gone = f.employee(s, u1, 4, name="Sudah Dihapus", status="dihapus")
        f.punch(s, budi, DAY, 7, 42)  # 12 minutes late against 07:30
        f.punch(s, budi, DAY, 16, 5, direction="out")
        summary.refresh(s, [budi.id], DAY, date(2026, 11, 3), today=date(2026, 11, 4))  # type: ignore[list-item]
        f.activity(s, budi, DAY, minutes=90)
        f.activity(s, budi, DAY, minutes=30)
        f.review(s, boss, budi, DAY, rating=3, relation="atasan")
        f.review(s, lain, budi, DAY, rating=2)
        f.review(s, gone, budi, DAY, rating=1)
        f.device(s, budi, DAY)
        return {"u1": u1.id, "u2": u2.id, "budi": budi, "lain": lain, "gone": gone}


def test_supervisor_gets_the_same_refusal_for_other_unit_unknown_and_erased(engine: Engine) -> None:
    data = _seed(engine)
    spv = Viewer("spv", "supervisor", Scope.units([data["u1"]]))  # type: ignore[list-item]
    with db.read_session(engine) as s:
        bio = profile.find_employee(s, spv, data["budi"].nip)  # type: ignore[attr-defined]
        assert (bio.name, bio.unit_name, bio.supervisor_name) == ("Budi", "Dinas Satu", "Bu Kepala")
        # written with spaces, as on paper
        spaced = data["budi"].nip  # type: ignore[attr-defined]
        assert (
            profile.find_employee(
                s, spv, f"{spaced[:8]} {spaced[8:14]} {spaced[14]} {spaced[15:]}"
            ).id
            == bio.id
        )
        messages = set()
        for nip in (data["lain"].nip, f.nip(999), data["gone"].nip, "1e5", "' OR 1=1 --"):  # type: ignore[attr-defined]
            with pytest.raises(PermissionDenied) as err:
                profile.find_employee(s, spv, nip)
            messages.add(str(err.value))
        assert messages == {t.PROFIL_NOT_FOUND}
        with pytest.raises(PermissionDenied):
            profile.month_days(s, spv, data["lain"].id, 2026, 11)  # type: ignore[attr-defined]
        with pytest.raises(PermissionDenied):
            profile.devices(s, spv, data["lain"].id)  # type: ignore[attr-defined]


def test_search_finds_only_employees_in_scope(engine: Engine) -> None:
    data = _seed(engine)
    spv = Viewer("spv", "supervisor", Scope.units([data["u1"]]))  # type: ignore[list-item]
    with db.read_session(engine) as s:
        assert profile.search_employees(s, spv, "orang").empty
        assert profile.search_employees(s, ADMIN, "orang")["name"].tolist() == ["Orang Lain"]
        assert profile.search_employees(s, ADMIN, "%").empty  # a wildcard is a character
        assert profile.search_employees(s, ADMIN, "bu").empty  # under three characters
        assert profile.search_employees(s, ADMIN, "dihapus").empty


def test_month_grid_starts_on_monday_and_labels_status_and_lateness(engine: Engine) -> None:
    data = _seed(engine)
    with db.read_session(engine) as s:
        days = profile.month_days(s, ADMIN, data["budi"].id, 2026, 11)  # type: ignore[attr-defined]
    text, status = profile.month_grid(days, 2026, 11)
    # 1 November 2026 is a Sunday: the first week holds only that day, in the last column.
    assert text.iloc[0].tolist() == ["", "", "", "", "", "", "1"]
    assert list(text.columns) == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    assert text.iloc[1, 0] == "2 Hadir +12'" and status.iloc[1, 0] == "hadir"
    assert text.iloc[1, 1] == "3 TK" and status.iloc[1, 1] == "tk"
    assert text.iloc[1, 2] == "4" and status.iloc[1, 2] == ""
    assert text.shape == (6, 7) and text.iloc[5, 0] == "30"
    assert profile.status_style("tk").startswith("background-color")
    assert profile.status_style("") == ""


def test_activity_review_and_device_summaries(engine: Engine) -> None:
    data = _seed(engine)
    budi = data["budi"].id  # type: ignore[attr-defined]
    with db.read_session(engine) as s:
        activity = profile.activity_month(s, ADMIN, budi, 2026, 11)
        review = profile.review_summary(s, ADMIN, budi, date(2026, 9, 1))
        devices = profile.devices(s, ADMIN, budi)
    assert activity.set_index("status").loc["Diajukan"].tolist() == [2, 120]
    assert activity.set_index("status").loc["Disetujui"].tolist() == [0, 0]
    # rekan: ratings 2 and 1 -> 1.5; atasan: 3
    assert review.loc["Akuntabel", "Rekan kerja"] == 1.5
    assert review.loc["Akuntabel", "Atasan"] == 3.0
    assert review.loc[t.REVIEW_COUNT].tolist() == [1, 2]
    assert devices["os"].tolist() == ["Android"]
    shown = profile.format_review(review)
    assert shown.loc["Akuntabel", "Rekan kerja"] == "1,50"
    assert shown.loc[t.REVIEW_COUNT].tolist() == ["1", "2"]


def test_profile_page_refuses_other_unit_without_showing_data(sqlite_engine: Engine) -> None:
    data = _seed(sqlite_engine)
    at = app_for(sqlite_engine, "supervisor", units=["U1"], page="pages/profil.py")
    at.query_params["nip"] = data["lain"].nip  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t.PROFIL_NOT_FOUND]
    assert len(at.dataframe) == 0
    assert "Orang Lain" not in str(at)


def test_profile_page_shows_the_employee_in_scope(sqlite_engine: Engine) -> None:
    data = _seed(sqlite_engine)
    at = app_for(sqlite_engine, "supervisor", units=["U1"], page="pages/profil.py")
    at.query_params["nip"] = data["budi"].nip  # type: ignore[attr-defined]
    at.run()
    assert not at.exception
    assert not at.error
    biodata = at.dataframe[0].value
    assert "Budi" in biodata.iloc[:, 1].tolist()
    assert any(m.value.startswith("**Kehadiran November") for m in at.markdown)


@pytest.mark.parametrize("name", hostile.RENDERING)
def test_profile_page_shows_a_hostile_name_only_as_text(sqlite_engine: Engine, name: str) -> None:
    with db.write_session(sqlite_engine) as s:
        u = f.unit(s, "U1")
        e = f.employee(s, u, 7, name=name)
        f.punch(s, e, DAY, 7, 31, channel="selfie", lat=-7.6244, lon=111.5206)
        nip = e.nip
    at = app_for(sqlite_engine, "admin", page="pages/profil.py")
    at.query_params["nip"] = nip
    at.run()
    assert not at.exception
    assert hostile.markup_leaks(at, name) == []
    assert name in at.dataframe[0].value.iloc[:, 1].tolist()
