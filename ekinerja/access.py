"""Who may see and do what: roles, the page list per role, the action matrix, and unit scope.

This is the one place that decides access. Pages are listed per role from PAGES (a page a role
may not use is not in its navigation at all); every domain function that reads or changes data
takes a Viewer and asks `require` / `require_unit` / `viewer.scope.clause(...)` here, so the
server enforces the matrix no matter what a widget or a URL parameter says.

The specification of the matrix is the table in tests/test_access_matrix.py: adding a page or an
action here means adding its row there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, false, true

from ekinerja.audit import Actor

ROLES = ("admin", "hr", "supervisor", "auditor")
ALL = frozenset(ROLES)


class PermissionDenied(PermissionError):
    """Raised when a viewer asks for something their role or scope does not allow."""


@dataclass(frozen=True)
class Scope:
    """The units a viewer may see; `None` means every unit."""

    unit_ids: frozenset[int] | None = None

    @classmethod
    def everything(cls) -> Scope:
        return cls(None)

    @classmethod
    def units(cls, ids: Iterable[int]) -> Scope:
        return cls(frozenset(ids))

    @property
    def is_all(self) -> bool:
        return self.unit_ids is None

    def allows(self, unit_id: int | None) -> bool:
        return self.unit_ids is None or (unit_id is not None and unit_id in self.unit_ids)

    def clause(self, unit_column: Any) -> ColumnElement[bool]:
        """A WHERE condition restricting `unit_column` to the scope (nothing when empty)."""
        if self.unit_ids is None:
            return true()
        if not self.unit_ids:
            return false()
        return unit_column.in_(sorted(self.unit_ids))  # type: ignore[no-any-return]

    def narrow(self, unit_ids: Iterable[int] | None) -> Scope:
        """The intersection with a filter chosen on screen: a filter can only narrow, never widen."""
        if unit_ids is None:
            return self
        wanted = frozenset(unit_ids)
        return Scope(wanted if self.unit_ids is None else wanted & self.unit_ids)


@dataclass(frozen=True)
class Viewer:
    """The logged-in person as the domain sees them: name, role and unit scope.

    Built afresh from the database at every script run (ekinerja.accounts.resolve), so a change
    of role, scope or status takes effect on the next click. Hashable: pass `viewer.scope` (or
    the whole viewer) to cached functions.
    """

    username: str
    role: str
    scope: Scope = field(default_factory=Scope.everything)
    user_id: int | None = None
    # Set after an admin reset: the navigation offers only "Akun Saya" until it is changed.
    must_change_password: bool = False

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role)


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title: str
    icon: str
    section: str
    roles: frozenset[str]


def _page(key: str, title: str, icon: str, section: str, roles: Iterable[str]) -> PageSpec:
    return PageSpec(key, f"pages/{key}.py", title, icon, section, frozenset(roles))


# Sections in the order of the navigation; pages in the order within their section.
PAGES: tuple[PageSpec, ...] = (
    _page("ringkasan", "Ringkasan", ":material/dashboard:", "Pantau", ALL),
    _page("peta", "Peta Absensi", ":material/map:", "Pantau", ALL),
    _page("tren", "Tren Kinerja", ":material/trending_up:", "Pantau", ALL),
    _page("aktivitas", "Aktivitas Harian", ":material/task:", "Pantau", ALL),
    _page("review", "Review Perilaku", ":material/reviews:", "Pantau", ALL),
    _page(
        "foto", "Riwayat Foto Absen", ":material/photo_library:", "Pantau",
        ("admin", "supervisor", "auditor"),
    ),
    _page("profil", "Profil Pegawai", ":material/badge:", "Pantau", ALL),
    _page("perangkat", "Perangkat", ":material/smartphone:", "Pantau", ("admin", "supervisor", "auditor")),
    _page("rekap", "Rekap Bulanan", ":material/table_view:", "SDM", ALL),
    _page("aturan_tpp", "Aturan TPP", ":material/rule:", "SDM", ("admin", "hr", "auditor")),
    _page("kalender", "Kalender Kerja", ":material/calendar_month:", "SDM", ("admin", "hr", "auditor")),
    _page("impor", "Impor Data", ":material/upload_file:", "Data", ("admin",)),
    _page("integritas", "Integritas Data", ":material/gpp_maybe:", "Data", ("admin", "supervisor", "auditor")),
    _page("kelola", "Kelola Data", ":material/edit_note:", "Data", ("admin",)),
    _page("penahanan", "Penahanan & Retensi", ":material/gavel:", "Data", ("admin", "auditor")),
    _page("audit", "Audit", ":material/history:", "Data", ("admin", "auditor")),
    _page("kebijakan", "Kebijakan", ":material/policy:", "Data", ALL),
    _page("pengguna", "Pengguna", ":material/group:", "Akun", ("admin",)),
    _page("akun", "Akun Saya", ":material/account_circle:", "Akun", ALL),
)  # fmt: skip

# Actions beyond viewing a page. Supervisors act only inside their scope (checked by the caller
# with `require_unit`).
ACTIONS: dict[str, frozenset[str]] = {
    "photo.view": frozenset({"admin", "supervisor", "auditor"}),
    "export.recap": frozenset({"admin", "hr", "supervisor", "auditor"}),
    "export.raw": frozenset({"admin", "hr"}),
    "export.access_request": frozenset({"admin"}),
    "rules.edit": frozenset({"admin", "hr"}),
    "calendar.edit": frozenset({"admin", "hr"}),
    "data.correct": frozenset({"admin"}),
    "data.delete": frozenset({"admin"}),
    "data.purge": frozenset({"admin"}),
    "account.delete": frozenset({"admin"}),
    "hold.manage": frozenset({"admin", "auditor"}),
    "retention.edit": frozenset({"admin"}),
    "retention.run": frozenset({"admin"}),
    "import.run": frozenset({"admin"}),
    "integrity.run": frozenset({"admin"}),
    "integrity.review": frozenset({"admin", "auditor"}),
    "audit.view": frozenset({"admin", "auditor"}),
    "users.manage": frozenset({"admin"}),
    "account.self": ALL,
    "activity.approve": frozenset({"admin", "supervisor"}),
    "employee.status": frozenset({"admin"}),
    "policy.edit": frozenset({"admin"}),
}


def pages_for(role: str) -> list[PageSpec]:
    return [p for p in PAGES if role in p.roles]


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def can(role: str, action: str) -> bool:
    """Whether `role` may do `action` ("page:<key>" for a page). Unknown roles may do nothing.

    An action name that is in neither PAGES nor ACTIONS is a programming error (a typo would
    otherwise deny or allow silently), so it raises KeyError.
    """
    if action.startswith("page:"):
        return role in page(action.removeprefix("page:")).roles
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}: add it to ekinerja.access.ACTIONS")
    return role in ACTIONS[action]


def require(viewer: Viewer, action: str) -> None:
    if not can(viewer.role, action):
        raise PermissionDenied("Anda tidak berwenang untuk tindakan ini.")


def require_page(viewer: Viewer, key: str) -> None:
    """For page scripts: refuse a page the viewer's role may not open (defence in depth: the
    navigation already leaves it out)."""
    require(viewer, f"page:{key}")


def require_unit(viewer: Viewer, unit_id: int | None) -> None:
    if not viewer.scope.allows(unit_id):
        raise PermissionDenied("Data unit ini berada di luar cakupan akun Anda.")


SYSTEM_VIEWER = Viewer("sistem", "admin")
