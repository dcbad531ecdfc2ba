"""Single sign-on: an identity maps to an account and role in the database, or is refused and
audited; an ID token opens at most one session, and only while fresh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

import db
from ekinerja import accounts, oidc
from ekinerja.audit import SYSTEM
from ekinerja.models import AuditEntry, UserAccount

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ISS = "https://sso.madiunkota.go.id/realms/pemkot"


def claims(
    sub: str = "u-123", email: str | None = "auditor@madiunkota.go.id", **kw: Any
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "is_logged_in": True,
        "iss": ISS,
        "sub": sub,
        "email_verified": True,
        "iat": int((T0 - timedelta(seconds=30)).timestamp()),
        "name": "Nama Dari IdP",
    }
    if email is not None:
        base["email"] = email
    base.update(kw)
    return base


@pytest.fixture
def sso_account(engine: Engine) -> Engine:
    with db.write_session(engine) as s:
        accounts.create_user(
            s, SYSTEM, "auditor.satu", "auditor", None, oidc_email="Auditor@MadiunKota.go.id"
        )
    return engine


def _login(
    engine: Engine, c: dict[str, Any], at: datetime = T0, trust: bool = False
) -> oidc.SsoResult:
    with db.write_session(engine) as s:
        return oidc.login_sso(s, c, now=at, trust_unverified_email=trust)


def _actions(engine: Engine) -> list[str]:
    with db.read_session(engine) as s:
        return list(s.exec(select(AuditEntry.action).order_by(col(AuditEntry.id))).all())


def test_first_login_binds_by_verified_email_then_by_subject(sso_account: Engine) -> None:
    first = _login(sso_account, claims())
    assert first.ok and first.token
    with db.write_session(sso_account) as s:
        viewer = accounts.resolve(s, first.token, now=T0)
        user = s.exec(select(UserAccount)).one()
    assert viewer is not None and (viewer.username, viewer.role) == ("auditor.satu", "auditor")
    assert user.oidc_subject == f"{ISS}#u-123"
    assert _actions(sso_account)[-2:] == ["akun.sso_tautkan", "login.sso_berhasil"]
    # A later token of the same person is matched by subject, even with a changed e-mail.
    later = T0 + timedelta(hours=1)
    again = _login(
        sso_account, claims(email="lain@contoh.id", iat=int(later.timestamp()) - 5), at=later
    )
    assert again.ok


def test_role_comes_from_the_database_not_the_identity(sso_account: Engine) -> None:
    result = _login(sso_account, claims(role="admin", groups=["admin"], roles=["admin"]))
    with db.write_session(sso_account) as s:
        viewer = accounts.resolve(s, result.token, now=T0)
    assert viewer is not None and viewer.role == "auditor"


@pytest.mark.parametrize(
    ("case", "c"),
    [
        ("unknown subject and e-mail", claims(sub="x", email="orang.lain@madiunkota.go.id")),
        ("no e-mail", claims(email=None)),
        ("unverified e-mail", claims(email_verified=False)),
        ("verified as a string 'false'", claims(email_verified="false")),
        ("missing sub", {k: v for k, v in claims().items() if k != "sub"}),
        ("missing iss", {k: v for k, v in claims().items() if k != "iss"}),
        ("not logged in", claims(is_logged_in=False)),
        ("sub with control characters", claims(sub="u-123\n")),
        ("sub not a string", claims(sub=123)),
    ],
)
def test_unknown_or_malformed_identities_are_refused_and_audited(
    sso_account: Engine, case: str, c: dict[str, Any]
) -> None:
    result = _login(sso_account, c)
    assert not result.ok and not result.stale and result.token is None, case
    assert _actions(sso_account)[-1] == "login.sso_ditolak"
    with db.read_session(sso_account) as s:
        assert s.exec(select(UserAccount)).one().oidc_subject is None


def test_unverified_email_binds_only_when_the_provider_is_trusted(sso_account: Engine) -> None:
    c = claims()
    del c["email_verified"]
    assert not _login(sso_account, c).ok
    assert _login(sso_account, c, trust=True).ok


def test_disabled_account_is_refused(sso_account: Engine) -> None:
    assert _login(sso_account, claims()).ok
    with db.write_session(sso_account) as s:
        user = s.exec(select(UserAccount)).one()
        user.active = False
        s.add(user)
    later = T0 + timedelta(hours=1)
    result = _login(sso_account, claims(iat=int(later.timestamp())), at=later)
    assert not result.ok and not result.stale


def test_bound_account_is_not_taken_over_by_another_subject_with_the_email(
    sso_account: Engine,
) -> None:
    assert _login(sso_account, claims(sub="asli")).ok
    later = T0 + timedelta(hours=1)
    result = _login(sso_account, claims(sub="penyusup", iat=int(later.timestamp())), at=later)
    assert not result.ok


@pytest.mark.parametrize(
    ("issued", "why"),
    [
        (T0 - oidc.SSO_FRESHNESS - timedelta(seconds=1), "old token (the 30-day cookie)"),
        (T0 + oidc.CLOCK_SKEW + timedelta(seconds=5), "issued in the future"),
        (None, "no iat claim"),
    ],
)
def test_stale_tokens_ask_for_a_new_sign_in(
    sso_account: Engine, issued: datetime | None, why: str
) -> None:
    c = claims(iat=int(issued.timestamp()) if issued else None)
    result = _login(sso_account, c)
    assert not result.ok and result.stale, why


def test_a_token_opens_one_session_so_ended_sessions_need_a_new_sign_in(
    sso_account: Engine,
) -> None:
    c = claims()
    first = _login(sso_account, c)
    assert first.ok
    with db.write_session(sso_account) as s:
        user = s.exec(select(UserAccount)).one()
        assert user.id is not None
        accounts.end_sessions(s, user.id, "diakhiri admin", now=T0)
    # Same cookie, a minute later: refused as stale, the person must sign in again.
    again = _login(sso_account, c, at=T0 + timedelta(minutes=1))
    assert not again.ok and again.stale
    fresh_at = T0 + timedelta(minutes=2)
    assert _login(sso_account, claims(iat=int(fresh_at.timestamp())), at=fresh_at).ok


def test_identity_from_claims_reads_google_style_claims() -> None:
    ident = oidc.identity_from_claims(claims(email="Budi@Gmail.com"))
    assert ident is not None
    assert ident.key == f"{ISS}#u-123"
    assert ident.email == "budi@gmail.com" and ident.email_verified
    assert ident.issued_at == T0 - timedelta(seconds=30)
