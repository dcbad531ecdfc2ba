"""The policy text shipped with the code, its versions, and the notice period of section V."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select

import db
from ekinerja.access import PermissionDenied, Viewer
from ekinerja.governance import policy
from ekinerja.models import AuditEntry
from ekinerja.validation import ValidationError
from tests.governance_support import ADMIN

TODAY = date(2026, 11, 29)


def test_the_2024_policy_ships_with_the_code() -> None:
    text = policy.baseline().body
    headings = [
        "I. Jenis Informasi apa yang kami kumpulkan?",
        "II. Bagaimana kami menggunakan informasi ini?",
        "III. Bagaimana cara mengelola atau menghapus informasi saya?",
        "IV. Bagaimana cara kami menanggapi permintaan hukum atau mencegah bahaya?",
        "V. Bagaimana cara kami memberitahukan tentang perubahan kebijakan ini kepada anda?",
        "VI. Bagaimana cara mengajukan pertanyaan ke Pemerintah Kota Madiun?",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "kominfo@madiunkota.go.id" in text


def test_every_policy_section_is_explained_on_the_page() -> None:
    sections = " ".join(policy.clause_table()["Bagian"])
    for section in ("I", "II", "III", "IV", "V", "VI"):
        assert section in sections.replace(",", " ").replace(".", " ").split()


NOTICE = [
    ("effective today", TODAY, "minimal 30 hari"),
    ("effective in 29 days", TODAY + timedelta(days=29), "minimal 30 hari"),
    ("effective in the past", TODAY - timedelta(days=1), "minimal 30 hari"),
]


@pytest.mark.parametrize(("case", "effective", "message"), NOTICE, ids=[c[0] for c in NOTICE])
def test_a_new_version_needs_thirty_days_notice(
    engine: Engine, case: str, effective: date, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as s:
        policy.add_version(s, ADMIN, "2026.1", "Retensi foto", "Teks baru", effective, TODAY)


def test_an_announced_version_is_pending_until_its_date_then_in_force(engine: Engine) -> None:
    effective = TODAY + timedelta(days=30)
    with db.write_session(engine) as s:
        policy.add_version(
            s, ADMIN, "2026.1", "Foto disimpan 180 hari", "Teks 2026", effective, TODAY
        )
    with db.read_session(engine) as s:
        assert [v.label for v in policy.pending(s, TODAY)] == ["2026.1"]
        assert policy.current(s, TODAY).label == "2024"
        assert policy.current(s, effective).label == "2026.1"
        assert policy.pending(s, effective) == []
        log = policy.changelog(s)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "kebijakan.umumkan")).one()
    assert list(log["label"]) == ["2026.1", "2024"]
    assert list(log["announced_on"]) == [TODAY, None]
    assert "2026-12-29" in (entry.after or "") and "Teks 2026" not in (entry.after or "")


BAD = [
    ("label missing", " ", "Ringkasan", "Teks", "Label versi"),
    ("summary missing", "2026.2", "", "Teks", "Ringkasan perubahan"),
    ("body missing", "2026.2", "Ringkasan", "   ", "Teks kebijakan"),
    ("label taken by the shipped version", "2024", "Ringkasan", "Teks", "sudah ada"),
    ("label with markdown", "[v2](javascript:alert(1))", "Ringkasan", "Teks", "hanya boleh berisi"),
]


@pytest.mark.parametrize(
    ("case", "label", "summary", "body", "message"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_policy_versions_are_refused(
    engine: Engine, case: str, label: str, summary: str, body: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message), db.write_session(engine) as s:
        policy.add_version(s, ADMIN, label, summary, body, TODAY + timedelta(days=40), TODAY)


def test_only_admins_announce_policy_versions(engine: Engine) -> None:
    with pytest.raises(PermissionDenied), db.write_session(engine) as s:
        policy.add_version(s, Viewer("auditor", "auditor"), "2026.3", "x", "y",
                           TODAY + timedelta(days=40), TODAY)  # fmt: skip
