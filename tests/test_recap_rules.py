"""TPP rule sets: checks with Indonesian messages, versions by effective date, who may save them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import select

import db
from ekinerja import recap_rules as rr
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.models import AuditEntry, TppRuleSet
from ekinerja.validation import ValidationError

HR = Viewer("uji-hr", "hr")


def _rules(**changes: Any) -> dict[str, Any]:
    data = rr.DEFAULT_RULES.to_dict()
    data.update(changes)
    return data


def _band(lo: Any, hi: Any, pct: Any) -> dict[str, Any]:
    return {"min": lo, "max": hi, "percent": pct}


BAD_RULES = [
    (
        "overlapping bands",
        _rules(tl=[_band(1, 30, 0.5), _band(25, None, 1)]),
        "Pita TL2 (25-... menit) tumpang tindih dengan TL1 (1-30 menit)",
    ),
    (
        "gap between bands",
        _rules(psw=[_band(1, 30, 0.5), _band(40, None, 1)]),
        "Ada celah antara PSW1 dan PSW2: menit 31-39 tidak masuk pita mana pun",
    ),
    ("negative percent", _rules(tl=[_band(1, None, -0.5)]), "Potongan TL1 tidak boleh negatif"),
    ("negative minutes", _rules(tl=[_band(-5, None, 0.5)]), "Batas bawah TL1 tidak boleh negatif"),
    ("zero minutes", _rules(tl=[_band(0, None, 0.5)]), "Batas bawah TL1 minimal 1 menit"),
    ("upper below lower", _rules(tl=[_band(30, 10, 0.5), _band(11, None, 1)]), "lebih kecil"),
    (
        "last band must be open",
        _rules(tl=[_band(1, 30, 0.5), _band(31, 60, 1)]),
        "Pita keterlambatan (TL) terakhir (TL2) harus tanpa batas atas",
    ),
    (
        "only the last band may be open",
        _rules(tl=[_band(1, None, 0.5), _band(31, None, 1)]),
        "Hanya pita keterlambatan (TL) terakhir yang boleh tanpa batas atas (TL1)",
    ),
    ("no bands", _rules(tl=[]), "Pita keterlambatan (TL) harus diisi"),
    ("three decimals", _rules(tk_percent=1.125), "paling banyak dua angka di belakang koma"),
    (
        "over 100 percent",
        _rules(tk_percent=150),
        "Potongan TK per hari tidak boleh lebih dari 100%",
    ),
    ("NaN percent", _rules(tk_percent=float("nan")), "bukan NaN"),
    ("text percent", _rules(tk_percent="lima"), "harus berupa angka"),
    ("boolean percent", _rules(tk_percent=True), "harus berupa angka"),
    (
        "zero monthly cap",
        _rules(monthly_cap_percent=0),
        "Batas potongan bulanan harus lebih dari 0%",
    ),
    ("bad rounding", _rules(rounding={"decimals": 3, "mode": "half_up"}), "harus 0, 1 atau 2"),
    ("bad rounding mode", _rules(rounding={"decimals": 2, "mode": "bank"}), "Cara pembulatan"),
    ("activity target", _rules(activity_target_minutes=2000), "0 sampai 1.440 menit"),
    ("fractional minutes", _rules(tl=[_band(1.5, None, 1)]), "bilangan bulat menit"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_RULES, ids=[b[0] for b in BAD_RULES])
def test_bad_rule_set_is_refused_with_an_indonesian_message(
    name: str, data: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        rr.parse_rules(data)
    assert message in str(err.value)


def test_the_three_documented_variants_parse() -> None:
    default = rr.PRESETS["bawaan"]
    assert [b.bp for b in default.tl] == [50, 100, 125, 150]
    assert (default.tk_bp, default.monthly_cap_bp, default.daily_cap_bp) == (500, 10_000, None)
    permentan = rr.PRESETS["permentan"]
    assert [b.bp for b in permentan.psw] == [50, 100, 150, 200] and permentan.tk_bp == 400
    two = rr.PRESETS["dua_pita"]
    assert [(b.code, b.min_minutes, b.max_minutes, b.bp) for b in two.tl] == [
        ("TL1", 1, 60, 50),
        ("TL2", 61, None, 100),
    ]


def test_float_noise_from_a_widget_is_not_a_third_decimal() -> None:
    assert rr.parse_rules(_rules(tk_percent=0.1 + 0.2)).tk_bp == 30


def test_rule_set_round_trips_through_json() -> None:
    data = json.loads(json.dumps(rr.PRESETS["permentan"].to_dict()))
    assert rr.parse_rules(data) == rr.PRESETS["permentan"]


def test_bands_frame_round_trip_drops_empty_editor_rows() -> None:
    frame = rr.bands_frame(rr.DEFAULT_RULES.tl)
    frame.loc[len(frame)] = [None, None, None]
    assert rr.bands_from_frame(frame) == rr.DEFAULT_RULES.to_dict()["tl"]


def test_fresh_database_uses_the_built_in_default(engine: Engine) -> None:
    with db.read_session(engine) as session:
        segs = rr.segments(session, date(2026, 10, 1), date(2026, 10, 31))
    assert len(segs) == 1
    assert segs[0].version.id is None and segs[0].version.rules == rr.DEFAULT_RULES
    assert (segs[0].start, segs[0].end) == (date(2026, 10, 1), date(2026, 10, 31))


def test_versions_split_a_month_at_their_effective_dates(engine: Engine) -> None:
    with db.write_session(engine) as session:
        a = rr.save_rule_set(session, HR, _rules(tk_percent=4), date(2026, 10, 10), "Versi A uji")
        b = rr.save_rule_set(session, HR, _rules(tk_percent=3), date(2026, 10, 20), "Versi B uji")
        # Same effective date as B, saved later: replaces B.
        c = rr.save_rule_set(session, HR, _rules(tk_percent=2), date(2026, 10, 20), "Versi C uji")
        rr.save_rule_set(session, HR, _rules(tk_percent=1), date(2026, 12, 1), "Versi D uji")
    with db.read_session(engine) as session:
        segs = rr.segments(session, date(2026, 10, 1), date(2026, 10, 31))
    assert [(s.version.id, s.start.day, s.end.day) for s in segs] == [
        (None, 1, 9),
        (a.id, 10, 19),
        (c.id, 20, 31),
    ]
    assert b.id not in {s.version.id for s in segs}
    assert segs[2].version.rules.tk_bp == 200


def test_saving_a_version_is_audited(engine: Engine) -> None:
    with db.write_session(engine) as session:
        row = rr.save_rule_set(
            session, HR, _rules(tk_percent=4), date(2026, 11, 1), "Perwali 7/2026"
        )
    with db.read_session(engine) as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.action == "aturan_tpp.simpan")
        ).one()
    assert (entry.actor, entry.role, entry.entity_id) == ("uji-hr", "hr", str(row.id))
    assert entry.reason == "Perwali 7/2026"
    assert json.loads(entry.after or "{}")["rules"]["tk_percent"] == 4
    assert json.loads(entry.before or "{}")["version_id"] is None


@pytest.mark.parametrize("role", ["supervisor", "auditor"])
def test_only_admin_and_hr_may_save_rules(engine: Engine, role: str) -> None:
    viewer = Viewer(
        f"uji-{role}", role, Scope.units([1]) if role == "supervisor" else Scope.everything()
    )
    with db.write_session(engine) as session, pytest.raises(PermissionDenied):
        rr.save_rule_set(session, viewer, _rules(), date(2026, 11, 1), "Tidak boleh")


@pytest.mark.parametrize(
    ("note", "day", "message"),
    [
        ("", date(2026, 11, 1), "Catatan/dasar perubahan wajib diisi"),
        ("ok", date(2026, 11, 1), "minimal 5 karakter"),
        ("Perwali lama", date(1999, 12, 31), "antara tahun 2000"),
    ],
)
def test_bad_version_input_writes_nothing(
    engine: Engine, note: str, day: date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as session:
        rr.save_rule_set(session, HR, _rules(), day, note)
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(TppRuleSet)).one() == 0
        assert session.exec(select(func.count()).select_from(AuditEntry)).one() == 0


def test_history_lists_newest_first_with_the_default_last(engine: Engine) -> None:
    with db.write_session(engine) as session:
        rr.save_rule_set(
            session, HR, rr.PRESETS["dua_pita"].to_dict(), date(2026, 11, 1), "Dua pita BGN"
        )
    with db.read_session(engine) as session:
        frame = rr.history_frame(session, HR)
    assert list(frame["Versi"]) == ["Versi #1 (berlaku 01-11-2026)", "Bawaan sistem"]
    assert frame.iloc[0]["Ringkasan aturan"].startswith(
        "TL: TL1 1-60 menit 0,5%, TL2 > 60 menit 1%."
    )
    with pytest.raises(PermissionDenied):
        rr.history_frame(session, Viewer("atasan", "supervisor", Scope.units([1])))
