"""Single sign-on: map an OIDC identity (Streamlit's `st.user` claims) to a dashboard account.

The identity provider says who someone is, never what they may do: the role and unit scope come
from the account in the database. An identity is bound to an account by its issuer and subject
(`"<iss>#<sub>"`); the first login of a person is matched by the verified e-mail an admin put on
the account, and the subject is bound then. Unknown identities are refused and audited.

Streamlit's identity cookie lives 30 days and cannot be shortened, so it is not a session: an
ID token opens at most one dashboard session, and only while it is fresh (issued within
SSO_FRESHNESS and after the account's last login). Later the person signs in with the provider
again, and the dashboard's own idle and absolute limits apply to every session.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from ekinerja import accounts, audit
from ekinerja.models import UserAccount
from ekinerja.texts import accounts as t
from ekinerja.timeutil import utc_now
from ekinerja.validation import ValidationError

SSO_FRESHNESS = timedelta(minutes=10)
# Tolerated clock difference between the identity provider and this server.
CLOCK_SKEW = timedelta(minutes=2)


@dataclass(frozen=True)
class Identity:
    issuer: str
    subject: str
    email: str | None
    email_verified: bool
    issued_at: datetime | None

    @property
    def key(self) -> str:
        return f"{self.issuer}#{self.subject}"


@dataclass(frozen=True)
class SsoResult:
    ok: bool
    token: str | None = None
    message: str = ""
    # True when the identity is fine but its token is old or used: sign in with the provider again.
    stale: bool = False


def _clean(value: object, limit: int) -> str | None:
    # Identifiers are opaque: never trimmed or altered, only refused when malformed.
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        return None
    if any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in value):
        return None
    return value


def identity_from_claims(claims: Mapping[str, Any]) -> Identity | None:
    """The identity in `st.user`'s claims, or None when `iss`/`sub` are missing or malformed."""
    if claims.get("is_logged_in") is not True:
        return None
    issuer = _clean(claims.get("iss"), 200)
    subject = _clean(claims.get("sub"), 200)
    if issuer is None or subject is None or len(issuer) + len(subject) + 1 > 255:
        return None
    try:
        email = accounts.normalize_email(_clean(claims.get("email"), 254))
    except ValidationError:
        email = None
    verified = claims.get("email_verified")
    iat = claims.get("iat")
    issued_at = None
    if isinstance(iat, int | float) and not isinstance(iat, bool) and 0 < iat < 1e11:
        issued_at = datetime.fromtimestamp(iat, UTC)
    return Identity(
        issuer=issuer,
        subject=subject,
        email=email,
        email_verified=verified is True or (isinstance(verified, str) and verified == "true"),
        issued_at=issued_at,
    )


def _refuse(session: Session, reason: str) -> SsoResult:
    audit.record(session, audit.Actor("?", "anonim"), "login.sso_ditolak", "user_account",
                 reason=reason)  # fmt: skip
    return SsoResult(False, message=t.SSO_REFUSED)


def login_sso(
    session: Session,
    claims: Mapping[str, Any],
    now: datetime | None = None,
    trust_unverified_email: bool = False,
) -> SsoResult:
    """Open a dashboard session for the identity in `claims`, or refuse it (audited).

    `trust_unverified_email` is for a provider that is the organisation's own directory and
    sends no `email_verified` claim (EKINERJA_SSO_TRUST_EMAIL=1).
    """
    now = now or utc_now()
    ident = identity_from_claims(claims)
    if ident is None:
        return _refuse(session, t.REASON_SSO_BAD)
    if (
        ident.issued_at is None
        or now - ident.issued_at > SSO_FRESHNESS
        or ident.issued_at - now > CLOCK_SKEW
    ):
        return SsoResult(False, message=t.LOGIN_SSO_AGAIN, stale=True)
    user = session.exec(
        select(UserAccount).where(UserAccount.oidc_subject == ident.key).with_for_update()
    ).first()
    bound_now = False
    if user is None and ident.email and (ident.email_verified or trust_unverified_email):
        user = session.exec(
            select(UserAccount)
            .where(UserAccount.oidc_email == ident.email, col(UserAccount.oidc_subject).is_(None))
            .with_for_update()
        ).first()
        bound_now = user is not None
    if user is None or not user.active:
        why = t.REASON_SSO_UNKNOWN.format(ref=accounts.ref(ident.key))
        return _refuse(session, why if user is None else f"{why}; {t.REASON_DISABLED}")
    if user.last_login_at is not None and user.last_login_at >= ident.issued_at:
        # This token already opened a session (maybe ended since, by an admin): sign in again.
        return SsoResult(False, message=t.LOGIN_SSO_AGAIN, stale=True)
    actor = audit.Actor(user.username, user.role)
    if bound_now:
        user.oidc_subject = ident.key
        user.version += 1
        audit.record(session, actor, "akun.sso_tautkan", "user_account", user.id)
    token = accounts.open_session(session, user, now)
    audit.record(session, actor, "login.sso_berhasil", "user_account", user.id)
    return SsoResult(True, token=token)
