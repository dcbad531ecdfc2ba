"""`python -m ekinerja user ...`: list, disable, enable, set-password, unlock, end-sessions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlmodel import select

import db
from ekinerja import accounts
from ekinerja.cli import main
from ekinerja.models import AuditEntry, UserAccount

PW = "sandi-yang-cukup-panjang"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    run("user", "add", "admin.kota", "--role", "admin", "--password-stdin", stdin=PW + "\n")
    run("user", "add", "sdm.satu", "--role", "hr", "--password-stdin", stdin=PW + "\n")
    yield run, db.get_engine(url)
    db.get_engine(url).dispose()
    db.get_engine.cache_clear()


def test_list_shows_accounts_lock_state_and_sessions(cli) -> None:  # type: ignore[no-untyped-def]
    run, engine = cli
    with db.write_session(engine) as s:
        for _ in range(accounts.MAX_FAILURES):
            accounts.login(s, "sdm.satu", "salah-salah-salah")
        accounts.login(s, "admin.kota", PW)
    code, out, _ = run("user", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "NAMA",
        "PERAN",
        "UNIT",
        "STATUS",
        "KUNCI",
        "LOGIN",
        "TERAKHIR",
        "SESI",
    ]
    admin_line = next(line for line in lines if line.startswith("admin.kota"))
    hr_line = next(line for line in lines if line.startswith("sdm.satu"))
    assert "terkunci" in hr_line and "terkunci" not in admin_line
    assert admin_line.split()[-1] == "1" and "WIB" in admin_line
    assert "$argon2" not in out


def test_disable_needs_a_reason_ends_sessions_and_enable_restores(cli) -> None:  # type: ignore[no-untyped-def]
    run, engine = cli
    with db.write_session(engine) as s:
        token = accounts.login(s, "sdm.satu", PW).token
    with pytest.raises(SystemExit):  # argparse: --reason is required
        run("user", "disable", "sdm.satu")
    code, out, _ = run("user", "disable", "SDM.Satu ", "--reason", "mutasi")
    assert code == 0 and "dinonaktifkan" in out
    with db.write_session(engine) as s:
        assert accounts.resolve(s, token) is None
        assert not accounts.login(s, "sdm.satu", PW).ok
    assert run("user", "enable", "sdm.satu")[0] == 0
    with db.write_session(engine) as s:
        assert accounts.login(s, "sdm.satu", PW).ok


def test_the_last_admin_cannot_be_disabled_from_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    run, _ = cli
    code, _, err = run("user", "disable", "admin.kota", "--reason", "uji")
    assert code == 2 and "minimal satu admin" in err


def test_set_password_from_stdin_keeps_spaces_and_ends_sessions(cli) -> None:  # type: ignore[no-untyped-def]
    run, engine = cli
    with db.write_session(engine) as s:
        token = accounts.login(s, "sdm.satu", PW).token
    new = "  spasi di depan dan belakang  "
    code, out, _ = run("user", "set-password", "sdm.satu", "--password-stdin", stdin=new + "\r\n")
    assert code == 0 and "1 sesi diakhiri" in out
    with db.write_session(engine) as s:
        assert accounts.resolve(s, token) is None
        assert accounts.login(s, "sdm.satu", new).ok
        assert not accounts.login(s, "sdm.satu", new.strip()).ok
    with db.read_session(engine) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "akun.set_sandi")).one()
    assert entry.actor.startswith("cli:") and new not in (entry.after or "")


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (("user", "set-password", "sdm.satu"), PW, "--password-stdin"),
        (("user", "set-password", "sdm.satu", "--password-stdin"), "pendek\n", "minimal 12"),
        (("user", "set-password", "sdm.satu", "--password-stdin"), "", "Tidak ada kata sandi"),
        (("user", "set-password", "tidak.ada", "--password-stdin"), PW, "tidak ditemukan"),
        (("user", "unlock", "tidak.ada"), "", "tidak ditemukan"),
        (("user", "end-sessions", "<script>"), "", "tidak ditemukan"),
    ],
)
def test_bad_input_exits_2_with_an_indonesian_message(cli, args, stdin, fragment) -> None:  # type: ignore[no-untyped-def]
    run, _ = cli
    code, _, err = run(*args, stdin=stdin)
    assert code == 2 and fragment in err


def test_unlock_and_end_sessions(cli) -> None:  # type: ignore[no-untyped-def]
    run, engine = cli
    with db.write_session(engine) as s:
        token = accounts.login(s, "sdm.satu", PW).token
        for _ in range(accounts.MAX_FAILURES):
            accounts.login(s, "sdm.satu", "salah-salah-salah")
    assert run("user", "unlock", "sdm.satu")[0] == 0
    code, out, _ = run("user", "end-sessions", "sdm.satu")
    assert code == 0 and out.startswith("1 sesi")
    with db.write_session(engine) as s:
        assert accounts.resolve(s, token) is None
        assert accounts.login(s, "sdm.satu", PW).ok
    with db.read_session(engine) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "sdm.satu")).one()
    assert user.locked_until is None


def test_sso_only_account_from_the_cli(cli) -> None:  # type: ignore[no-untyped-def]
    run, engine = cli
    code, _, err = run(
        "user", "add", "auditor.sso", "--role", "auditor", "--sso-email", "a@kota.go.id"
    )
    assert code == 0, err
    with db.read_session(engine) as s:
        user = s.exec(select(UserAccount).where(UserAccount.username == "auditor.sso")).one()
    assert user.password_hash is None and user.oidc_email == "a@kota.go.id"
