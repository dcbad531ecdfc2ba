"""The role x page x action matrix, as a specification.

The tables below are the spec of issue #5, written by hand: admin everything (accounts,
corrections, deletions, retention, rules); hr every unit read-only plus recaps, exports and TPP
rules; supervisor read-only in its own units, may approve its team's activities; auditor
(Inspektorat) read-only everywhere plus the audit trail and legal holds.

ekinerja.access must match them exactly, allowed and denied. Adding a page or an action to
ekinerja.access means adding its row here, with a decision for every role.
"""

from __future__ import annotations

import pytest

from ekinerja import access
from ekinerja.access import PermissionDenied, Scope, Viewer

ROLES = ("admin", "hr", "supervisor", "auditor")

#            admin hr supervisor auditor
PAGE_SPEC = """
ringkasan    x     x  x          x
peta         x     x  x          x
tren         x     x  x          x
aktivitas    x     x  x          x
review       x     x  x          x
foto         x     .  x          x
profil       x     x  x          x
perangkat    x     .  x          x
rekap        x     x  x          x
aturan_tpp   x     x  .          x
kalender     x     x  .          x
impor        x     .  .          .
integritas   x     .  x          x
kelola       x     .  .          .
penahanan    x     .  .          x
audit        x     .  .          x
kebijakan    x     x  x          x
pengguna     x     .  .          .
akun         x     x  x          x
"""

#                        admin hr supervisor auditor
ACTION_SPEC = """
photo.view               x     .  x          x
export.recap             x     x  x          x
export.raw               x     x  .          .
export.access_request    x     .  .          .
rules.edit               x     x  .          .
calendar.edit            x     x  .          .
data.correct             x     .  .          .
data.delete              x     .  .          .
data.purge               x     .  .          .
account.delete           x     .  .          .
hold.manage              x     .  .          x
retention.edit           x     .  .          .
retention.run            x     .  .          .
import.run               x     .  .          .
integrity.run            x     .  .          .
integrity.review         x     .  .          x
audit.view               x     .  .          x
users.manage             x     .  .          .
account.self             x     x  x          x
activity.approve         x     .  x          .
employee.status          x     .  .          .
policy.edit              x     .  .          .
"""


def _parse(spec: str) -> dict[str, dict[str, bool]]:
    table = {}
    for line in spec.strip().splitlines():
        name, *marks = line.split()
        assert len(marks) == len(ROLES), line
        assert set(marks) <= {"x", "."}, line
        table[name] = {role: mark == "x" for role, mark in zip(ROLES, marks, strict=True)}
    return table


PAGES = _parse(PAGE_SPEC)
ACTIONS = _parse(ACTION_SPEC)
PAGE_CASES = [(p, r, allowed) for p, row in PAGES.items() for r, allowed in row.items()]
ACTION_CASES = [(a, r, allowed) for a, row in ACTIONS.items() for r, allowed in row.items()]


def test_spec_and_code_list_the_same_pages_and_actions() -> None:
    assert [p.key for p in access.PAGES] == list(PAGES), "PAGES and the spec table differ"
    assert set(access.ACTIONS) == set(ACTIONS), "ACTIONS and the spec table differ"
    assert access.ROLES == ROLES


@pytest.mark.parametrize(("key", "role", "allowed"), PAGE_CASES)
def test_page_matrix(key: str, role: str, allowed: bool) -> None:
    assert access.can(role, f"page:{key}") is allowed
    viewer = Viewer("uji", role)
    if allowed:
        access.require_page(viewer, key)
    else:
        with pytest.raises(PermissionDenied):
            access.require_page(viewer, key)


@pytest.mark.parametrize(("action", "role", "allowed"), ACTION_CASES)
def test_action_matrix(action: str, role: str, allowed: bool) -> None:
    assert access.can(role, action) is allowed
    viewer = Viewer("uji", role, Scope.units([1]) if role == "supervisor" else Scope.everything())
    if allowed:
        access.require(viewer, action)
    else:
        with pytest.raises(PermissionDenied):
            access.require(viewer, action)


@pytest.mark.parametrize("role", ROLES)
def test_pages_for_role_are_exactly_the_allowed_ones_in_order(role: str) -> None:
    expected = [key for key, row in PAGES.items() if row[role]]
    assert [p.key for p in access.pages_for(role)] == expected


@pytest.mark.parametrize("action", ["page:ringkasan", "users.manage", "account.self"])
def test_unknown_roles_may_do_nothing(action: str) -> None:
    for role in ("", "Admin", "superuser", "admin "):
        assert not access.can(role, action)


def test_unknown_action_is_a_programming_error_not_a_silent_answer() -> None:
    with pytest.raises(KeyError):
        access.can("admin", "users.mange")
    with pytest.raises(KeyError):
        access.can("admin", "page:tidak_ada")


def test_every_page_file_is_under_pages_and_named_for_its_key() -> None:
    for spec in access.PAGES:
        assert spec.path == f"pages/{spec.key}.py"
        assert spec.roles <= set(ROLES) and spec.roles


# --- scope ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "unit", "allowed"),
    [
        (Scope.everything(), 7, True),
        (Scope.everything(), None, True),
        (Scope.units([1, 2]), 1, True),
        (Scope.units([1, 2]), 3, False),
        (Scope.units([1, 2]), None, False),
        (Scope.units([]), 1, False),
    ],
)
def test_require_unit_follows_the_scope(scope: Scope, unit: int | None, allowed: bool) -> None:
    viewer = Viewer("atasan", "supervisor", scope)
    assert scope.allows(unit) is allowed
    if allowed:
        access.require_unit(viewer, unit)
    else:
        with pytest.raises(PermissionDenied):
            access.require_unit(viewer, unit)


@pytest.mark.parametrize(
    ("scope", "wanted", "expected"),
    [
        (Scope.units([1, 2]), [2, 3], Scope.units([2])),  # a filter cannot add unit 3
        (Scope.units([1, 2]), [3], Scope.units([])),
        (Scope.units([1, 2]), None, Scope.units([1, 2])),
        (Scope.everything(), [3], Scope.units([3])),
        (Scope.everything(), None, Scope.everything()),
    ],
)
def test_narrow_never_widens(scope: Scope, wanted: list[int] | None, expected: Scope) -> None:
    assert scope.narrow(wanted) == expected


def test_empty_scope_clause_matches_nothing_and_everything_matches_all() -> None:
    from sqlalchemy import column

    unit_id = column("unit_id")
    assert str(Scope.units([]).clause(unit_id)) in {"false", "0 = 1"}
    assert str(Scope.everything().clause(unit_id)) in {"true", "1 = 1"}
    assert "IN" in str(Scope.units([2, 1]).clause(unit_id))
