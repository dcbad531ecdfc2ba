"""The analytics pages through AppTest: what each role sees, filters in the URL, scope, approval.

The dataset is the attendance world of test_queries_attendance (expected numbers from its
plain-Python `reference`), plus a few activities, reviews and phones.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, text
from sqlmodel import select
from streamlit.testing.v1 import AppTest

import db
from ekinerja.models import Activity, AuditEntry, Employee, Unit, UserAccount
from ekinerja.texts import analytics as t
from tests import factories as f
from tests.test_queries_attendance import VISIBLE_A, VISIBLE_B, WEEK1, World, build, reference
from tests.ui import app_for

WEEK = {"dari": WEEK1[0].isoformat(), "sampai": WEEK1[-1].isoformat()}


def world(engine: Engine) -> World:
    w = build(engine)
    with db.write_session(engine) as s:
        a1 = s.get(Employee, w.people["a1"])
        b1 = s.get(Employee, w.people["b1"])
        assert a1 is not None and b1 is not None
        unit_a = s.get(Unit, a1.unit_id)
        assert unit_a is not None
        boss = f.employee(s, unit_a, 40, name="Bos Alfa")
        w.people["boss"] = boss.id  # type: ignore[assignment]
        for day, minutes, status in ((WEEK1[0], 240, "diajukan"), (WEEK1[1], 200, "diajukan"),
                                     (WEEK1[2], 300, "disetujui")):  # fmt: skip
            row = f.activity(s, a1, day, minutes, description='Menyusun =HYPERLINK("x") laporan')
            row.status = status
            s.add(row)
        f.activity(s, b1, WEEK1[0], 100)
        b2 = s.get(Employee, w.people["b2"])
        for n, (rater, values) in enumerate(((b1, (3,) * 7), (b2, (1,) * 7)), start=1):
            f.review_values(s, rater, a1, date(2026, 10, 1), values, comment=f"<b>komentar {n}</b>")  # type: ignore[arg-type]
        f.work_result(s, a1, date(2026, 10, 1), 3)
        dev = f.device(s, a1, WEEK1[0], "HP-A1")
        dev.gps_permission = False
        s.add(dev)
        f.device(s, b1, WEEK1[0], "HP-A1")
        f.punch(s, a1, WEEK1[1], 7, 20, channel="selfie", device_id="HP-A1", lat=-7.6, lon=111.5,
                mock_location=True)  # fmt: skip
        f.punch(s, b1, WEEK1[1], 7, 20, channel="selfie", device_id="HP-A1", lat=-7.6, lon=111.5)
    return w


def open_page(engine: Engine, page: str, role: str = "admin", params: dict[str, str] | None = None,
              username: str | None = None) -> AppTest:  # fmt: skip
    at = app_for(engine, role, units=["UA"] if role == "supervisor" else None,
                 page=f"pages/{page}.py", username=username)  # fmt: skip
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    """Label -> value; on Ringkasan the period's cards (the last six) win over today's."""
    return {m.label: m.value for m in at.metric}


def shown_text(at: AppTest) -> str:
    kinds = ("title", "markdown", "caption", "subheader", "info", "warning", "error", "success")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def pct(num: int, den: int) -> str:
    return t.fmt_percent(num / den)


@pytest.fixture
def w(sqlite_engine: Engine) -> World:
    return world(sqlite_engine)


def test_ringkasan_admin_shows_the_city_numbers_in_indonesian_format(
    sqlite_engine: Engine, w: World
) -> None:
    at = open_page(sqlite_engine, "ringkasan", params=WEEK)
    want = reference(VISIBLE_A + VISIBLE_B, WEEK1[0], WEEK1[-1])
    got = metrics(at)
    assert got[t.CARD_ATTENDANCE] == pct(want["present"], want["expected"]) == "81,0%"
    assert got[t.CARD_PUNCTUAL] == pct(want["ontime"], want["present"]) == "76,5%"
    assert got[t.CARD_LATE_DAYS] == str(want["late"])
    assert got[t.CARD_TK_DAYS] == str(want["tk"])
    assert got[t.CARD_WFH] == pct(want["wfh"], want["present"])
    assert got[t.CARD_PENDING] == "3"  # a1's two and b1's one
    units = at.dataframe[0].value
    assert units[t.COL_UNIT].tolist() == ["Unit Beta", "Unit Alfa"]
    assert units["Ketepatan waktu"].tolist() == ["87,5%", "66,7%"]
    assert "Periode 5 Oktober 2026 – 9 Oktober 2026" in shown_text(at)


def test_each_number_links_to_the_page_that_explains_it(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "ringkasan", params=WEEK)
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    base = "dari=2026-10-05&sampai=2026-10-09"
    for metric in ("kehadiran", "ketepatan", "telat", "pulang_cepat", "tk", "wfh"):
        assert ("tren", f"{base}&metrik={metric}") in links
    assert ("aktivitas", base) in links and ("perangkat", base) in links


def test_choosing_a_unit_row_drills_into_its_trend(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "ringkasan", params=WEEK)
    at.session_state["ringkasan_units"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert [x.value for x in at.title] == [t.TREND_TITLE]
    assert at.query_params["unit"] == str(w.units["A"])
    # The drill-down lists unit A's employees with their punctuality.
    people = at.dataframe[0].value
    assert people[t.COL_NAME].tolist() == ["Pegawai a1", "Pegawai a2", "Pegawai a3"]
    assert people[t.METRIC_LABELS["kehadiran"]].tolist() == ["75,0%", "100,0%", "50,0%"]


def test_supervisor_sees_only_own_unit_and_a_foreign_unit_in_the_url_shows_nothing_of_it(
    sqlite_engine: Engine, w: World
) -> None:
    at = open_page(
        sqlite_engine, "ringkasan", "supervisor", params=WEEK | {"unit": str(w.units["B"])}
    )
    want = reference(VISIBLE_A, WEEK1[0], WEEK1[-1])
    assert t.WARN_UNIT in [x.value for x in at.warning]
    assert metrics(at)[t.CARD_ATTENDANCE] == pct(want["present"], want["expected"]) == "75,0%"
    assert at.dataframe[0].value[t.COL_UNIT].tolist() == ["Unit Alfa"]
    assert "Unit Beta" not in [o for s in at.selectbox for o in s.options]
    # The URL is rewritten to what is really shown: no foreign unit left in it.
    assert "unit" not in at.query_params


def test_filter_is_remembered_when_the_sidebar_drops_the_url(
    sqlite_engine: Engine, w: World
) -> None:
    at = open_page(sqlite_engine, "ringkasan", params=WEEK | {"unit": str(w.units["A"])})
    at.switch_page("pages/perangkat.py")
    at.query_params.clear()  # what a click in the sidebar does
    at.run()
    assert at.query_params["unit"] == str(w.units["A"])
    assert at.query_params["dari"] == "2026-10-05"


@pytest.mark.parametrize(
    ("params", "expected_rows"),
    [
        ({}, ["Unit Alfa", "Unit Beta"]),
        ({"cari": "pegawai b2"}, ["Pegawai b2"]),
    ],
)
def test_tren_tables_follow_the_filters(sqlite_engine: Engine, w: World, params: dict[str, str],
                                        expected_rows: list[str]) -> None:  # fmt: skip
    at = open_page(sqlite_engine, "tren", params=WEEK | {"metrik": "telat"} | params)
    table = at.dataframe[0].value
    first = t.COL_UNIT if t.COL_UNIT in table else t.COL_NAME
    assert table[first].tolist() == expected_rows
    if not params:
        # Minutes late per present day: A 41/9, B 60/8.
        assert table[t.METRIC_LABELS["telat"]].tolist() == [
            t.fmt_number(41 / 9, 1),
            t.fmt_number(60 / 8, 1),
        ]
    assert len(at.get("plotly_chart")) == 1


def test_tren_per_employee_needs_a_unit_or_a_search(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "tren", params=WEEK | {"tampil": "pegawai"})
    assert t.TREND_EMPLOYEE_NEEDS in [x.value for x in at.info]


def _boss_account(engine: Engine, w: World) -> None:
    """The supervisor test account belongs to the boss, an employee of unit A."""
    open_page(engine, "ringkasan", "supervisor", params=WEEK, username="atasan-alfa")
    with db.write_session(engine) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "atasan-alfa")).one()
        user.employee_id = w.people["boss"]
        s.add(user)


def _queue(engine: Engine) -> list[tuple[int, str, int]]:
    with db.read_session(engine) as s:
        rows = s.exec(select(Activity).order_by(Activity.id)).all()
        return [(r.id, r.status, r.version) for r in rows]  # type: ignore[misc]


def test_supervisor_approves_ticked_activities_of_the_team(sqlite_engine: Engine, w: World) -> None:
    _boss_account(sqlite_engine, w)
    at = open_page(sqlite_engine, "aktivitas", "supervisor", params=WEEK, username="atasan-alfa")
    editor = "aktivitas_antrian_0"
    at.session_state[editor] = {
        "edited_rows": {1: {t.ACT_PICK: True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button[0].click().run()
    assert not at.exception and not at.error
    statuses = [s for _, s, _ in _queue(sqlite_engine)]
    # Only the second pending row (6 October, 200 minutes) was ticked.
    assert statuses == ["diajukan", "disetujui", "disetujui", "diajukan"]
    with db.read_session(sqlite_engine) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "aktivitas.setujui")).one()
    assert entry.actor == "atasan-alfa"


def test_a_decision_on_a_stale_screen_is_refused(sqlite_engine: Engine, w: World) -> None:
    _boss_account(sqlite_engine, w)
    at = open_page(sqlite_engine, "aktivitas", "supervisor", params=WEEK, username="atasan-alfa")
    editor = "aktivitas_antrian_0"
    # Meanwhile the employee edits the first pending activity (its version moves on).
    first_pending = _queue(sqlite_engine)[0][0]
    with db.write_session(sqlite_engine) as s:
        s.execute(
            text("UPDATE activity SET minutes = 250, version = version + 1 WHERE id = :i"),
            {"i": first_pending},
        )
    at.session_state[editor] = {
        "edited_rows": {0: {t.ACT_PICK: True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button[0].click().run()
    assert [e.value for e in at.error] == [t.ACT_STALE.format(id=first_pending)]
    assert _queue(sqlite_engine)[0][1:] == ("diajukan", 2)


def test_rejecting_without_a_reason_is_refused(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "aktivitas", params=WEEK)
    editor = "aktivitas_antrian_0"
    at.session_state[editor] = {
        "edited_rows": {0: {t.ACT_PICK: True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button[1].click().run()
    assert [e.value for e in at.error] == [t.ACT_REASON_NEEDED.format(n=5)]
    assert [s for _, s, _ in _queue(sqlite_engine)].count("ditolak") == 0


def test_auditor_sees_activities_but_cannot_decide(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "aktivitas", "auditor", params=WEEK)
    assert t.ACT_NO_RIGHT in shown_text(at)
    assert t.ACT_APPROVE not in [b.label for b in at.button]
    got = metrics(at)
    assert got[t.ACT_PENDING] == "3"
    # The hostile description is data in a grid cell, never a formula or markup.
    under = at.dataframe[0].value
    assert "Pegawai a1" in under[t.COL_NAME].tolist()


def test_review_tabs_show_distribution_predicates_and_flags(
    sqlite_engine: Engine, w: World
) -> None:
    params = {"dari": "2026-10-01", "sampai": "2026-10-31"}
    at = open_page(sqlite_engine, "review", params=params)
    units = at.dataframe[0].value
    assert units[t.COL_UNIT].tolist() == ["Unit Alfa"] and units["Rata-rata"].tolist() == ["2,00"]
    at.session_state["bagian"] = t.REVIEW_TABS[2]
    at.run()
    table = at.dataframe[0].value.set_index(t.COL_NAME)
    # a1: result 3, behaviour mean (21 + 7) / 14 = 2,00 -> sesuai -> Baik.
    assert table.loc["Pegawai a1", "Predikat"] == "Baik"
    assert table.loc["Pegawai a1", "Rata-rata perilaku"] == "2,00"
    assert table.loc["Pegawai a2", "Predikat"] == t.REVIEW_PRED_INCOMPLETE
    at.session_state["bagian"] = t.REVIEW_TABS[3]
    at.run()
    assert not at.exception
    assert shown_text(at).count(t.REVIEW_NONE_FLAGGED) == 2


def test_review_360_keeps_comments_as_plain_text(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "review", params={"dari": "2026-10-01", "sampai": "2026-10-31",
                                                    "cari": "pegawai a1"})  # fmt: skip
    at.session_state["bagian"] = t.REVIEW_TABS[1]
    at.run()
    picker = next(s for s in at.selectbox if s.label == t.REVIEW_PICK)
    picker.set_value(w.people["a1"]).run()
    frames = [d.value for d in at.dataframe]
    comments = next(fr for fr in frames if "Komentar" in fr.columns)
    assert sorted(comments["Komentar"]) == ["<b>komentar 1</b>", "<b>komentar 2</b>"]
    assert "komentar" not in shown_text(at)  # never rendered as Markdown


def test_perangkat_numbers_and_roles(sqlite_engine: Engine, w: World) -> None:
    at = open_page(sqlite_engine, "perangkat", params=WEEK)
    got = metrics(at)
    assert got[t.DEVICE_CHECKINS] == "2"
    assert got[t.DEVICE_GPS] == "50,00%" and got[t.DEVICE_MOCK] == "50,00%"
    shared = at.dataframe[-1].value
    assert sorted(shared[t.COL_NAME]) == ["Pegawai a1", "Pegawai b1"]
    supervisor = open_page(sqlite_engine, "perangkat", "supervisor", params=WEEK)
    assert metrics(supervisor)[t.DEVICE_CHECKINS] == "1"
    hr = app_for(sqlite_engine, "hr", page="pages/perangkat.py")
    hr.run()
    assert t.DEVICE_TITLE not in [x.value for x in hr.title]


@pytest.mark.parametrize("page", ["ringkasan", "tren", "aktivitas", "review", "perangkat"])
def test_every_page_renders_on_postgresql_for_a_supervisor(pg_engine: Engine, page: str) -> None:
    world(pg_engine)
    at = open_page(pg_engine, page, "supervisor", params=WEEK)
    assert [x.value for x in at.title][-1] in (t.OVERVIEW_TITLE, t.TREND_TITLE, t.ACT_TITLE, t.REVIEW_TITLE,
                                               t.DEVICE_TITLE)  # fmt: skip
    assert "Unit Beta" not in "\n".join(d.value.to_string() for d in at.dataframe)


def test_empty_database_pages_say_so(sqlite_engine: Engine) -> None:
    with db.write_session(sqlite_engine) as s:
        f.unit(s, "UA")
    for page in ("ringkasan", "tren", "aktivitas", "review", "perangkat"):
        at = open_page(sqlite_engine, page, params=WEEK)
        assert not at.error, page


def test_review_without_reviews_in_the_range_offers_the_months_before(
    sqlite_engine: Engine, w: World
) -> None:
    at = open_page(sqlite_engine, "review", params={"dari": "2026-11-01", "sampai": "2026-11-15"})
    assert t.REVIEW_NO_PERIOD in [x.value for x in at.info]
    (link,) = [p for p in at.get("page_link") if p.proto.page == "review"]
    assert link.proto.query_string == "dari=2026-08-01&sampai=2026-10-31"
    assert link.proto.label == "Lihat 1 Agustus 2026 – 31 Oktober 2026"


def test_a_supervisor_of_one_unit_sees_employees_in_the_trend_directly(
    sqlite_engine: Engine, w: World
) -> None:
    at = open_page(sqlite_engine, "tren", "supervisor", params=WEEK | {"tampil": "pegawai"})
    assert t.TREND_EMPLOYEE_NEEDS not in [x.value for x in at.info]
    assert t.TREND_EMPLOYEES_HEADER.format(unit="Unit Alfa") in [x.value for x in at.subheader]
    assert at.dataframe[0].value[t.COL_NAME].tolist() == ["Pegawai a1", "Pegawai a2", "Pegawai a3"]
    chart = at.get("plotly_chart")[0].proto.spec
    assert chart.count('"name":"Pegawai a') == 3
