"""Every page, driven through AppTest: hostile text in every free-text field is shown only as
text and breaks nothing, and no URL parameter widens a supervisor's scope.

The pages are taken from ekinerja.access.PAGES (those whose file exists), so a new page is
covered as soon as it is written.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

import db
from ekinerja import access, summary
from ekinerja.timeutil import today_wib
from tests import factories as f
from tests import hostile
from tests.ui import ROOT, app_for

PAGE_KEYS = [p.key for p in access.PAGES if (ROOT / p.path).exists()]
SUPERVISOR_KEYS = [k for k in PAGE_KEYS if access.can("supervisor", f"page:{k}")]
# One string per kind of trouble keeps the AppTest runs few.
SAMPLE = (
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "${alert(1)}`\\",
    "' OR 1=1 --%_",
    '=HYPERLINK("http://x.example")',
    "\u202eevil\x00",
)
OTHER_NAME = "Pegawai Beta Rahasia"
OTHER_NIP = "199001012015032007"
SCOPE_PARAMS = (
    "unit", "unit_id", "units", "opd", "pegawai", "employee", "employee_id", "id", "nip", "cari",
    "scope", "role",
)  # fmt: skip


@pytest.fixture
def world(sqlite_engine: Engine) -> dict[str, object]:
    """Two units; the supervisor sees only ALFA; BETA holds a person they must never see."""
    day = today_wib() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    with db.write_session(sqlite_engine) as s:
        alfa = f.unit(s, "UNIT-ALFA", name="Dinas Alfa")
        beta = f.unit(s, "UNIT-BETA", name="Dinas Beta Tersembunyi")
        f.office(s, alfa)
        f.office(s, beta, lat=-7.64, lon=111.53)
        mine = f.employee(s, alfa, 11, name="Pegawai Alfa Terlihat")
        other = f.employee(s, beta, 12, name=OTHER_NAME, nip=OTHER_NIP)
        for e in (mine, other):
            f.punch(s, e, day, 7, 25)
            f.punch(s, e, day, 16, 5, direction="out")
        summary.refresh(s, None, day - timedelta(days=1), day)
        ids = {"beta_unit": beta.id, "other": other.id}
    return {"engine": sqlite_engine, **ids}


def _free_text_fields(at: AppTest) -> list[object]:
    fields = [t for t in at.text_input if t.proto.type != t.proto.PASSWORD]
    return fields + list(at.text_area)


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_hostile_text_in_every_free_text_field_stays_text(
    world: dict[str, object], key: str
) -> None:
    engine = world["engine"]
    assert isinstance(engine, Engine)
    at = app_for(engine, "admin", page=f"pages/{key}.py")
    at.run()
    assert not at.exception, f"{key}: {at.exception}"
    if not _free_text_fields(at):
        pytest.skip(f"{key}: tidak ada kolom teks bebas")
    for text in SAMPLE:
        for field in _free_text_fields(at):
            field.set_value(text)  # type: ignore[attr-defined]
        at.run()
        assert not at.exception, f"{key} {text!r}: {at.exception}"
        assert not hostile.markup_leaks(at, text), f"{key} {text!r}"


@pytest.mark.parametrize("key", SUPERVISOR_KEYS)
def test_url_parameters_cannot_widen_a_supervisors_scope(
    world: dict[str, object], key: str
) -> None:
    engine = world["engine"]
    assert isinstance(engine, Engine)
    at = app_for(engine, "supervisor", units=["UNIT-ALFA"], page=f"pages/{key}.py")
    at.run()
    widget_keys = {
        w.key
        for kind in ("selectbox", "multiselect", "radio", "text_input", "number_input")
        for w in getattr(at, kind)
        if w.key and not w.key.startswith("$$")
    }
    for value in (str(world["beta_unit"]), "UNIT-BETA", str(world["other"]), OTHER_NIP):
        at.query_params = dict.fromkeys((*SCOPE_PARAMS, *widget_keys), value)
        at.run()
        shown = hostile.everything_shown(at)
        assert OTHER_NAME not in shown, f"{key}?{value}"
        assert OTHER_NIP not in shown, f"{key}?{value}"
        assert "Dinas Beta Tersembunyi" not in shown, f"{key}?{value}"


def test_the_supervisor_does_see_their_own_unit_somewhere(world: dict[str, object]) -> None:
    """The scope test above is only meaningful if the data is reachable at all."""
    engine = world["engine"]
    assert isinstance(engine, Engine)
    seen = ""
    for key in SUPERVISOR_KEYS:
        at = app_for(engine, "supervisor", units=["UNIT-ALFA"], page=f"pages/{key}.py")
        at.run()
        seen += hostile.everything_shown(at)
        if "Pegawai Alfa Terlihat" in seen or "Dinas Alfa" in seen:
            return
    pytest.fail("no page shows the supervisor's own unit: the scope test proves nothing")


def test_an_admin_does_see_the_other_unit_somewhere(world: dict[str, object]) -> None:
    """...and the hidden person is really there for someone allowed to see them."""
    engine = world["engine"]
    assert isinstance(engine, Engine)
    for key in SUPERVISOR_KEYS:
        at = app_for(engine, "admin", page=f"pages/{key}.py")
        at.run()
        shown = hostile.everything_shown(at)
        if OTHER_NAME in shown or "Dinas Beta Tersembunyi" in shown:
            return
    pytest.fail("the other unit is shown nowhere, even to an admin: the scope test proves nothing")
