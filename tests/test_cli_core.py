"""The command line: Indonesian help and messages, exit code 2 and nothing written on bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, db_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "EKINERJA_PHOTO_DIR": str(db_path.parent / "photos"),
    }
    return subprocess.run(
        [sys.executable, "-m", "ekinerja", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_help_is_indonesian_and_lists_the_commands(tmp_path: Path) -> None:
    result = _cli("--help", db_path=tmp_path / "x.db")
    assert result.returncode == 0
    assert "penggunaan:" in result.stdout
    for command in ("db", "seed", "user", "summary", "calendar"):
        assert command in result.stdout


def test_db_upgrade_creates_an_empty_database(tmp_path: Path) -> None:
    result = _cli("db", "upgrade", db_path=tmp_path / "new.db")
    assert result.returncode == 0, result.stderr
    assert "mutakhir" in result.stdout
    assert (tmp_path / "new.db").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("seed", "--employees", "5"), "--employees harus antara"),
        (("seed", "--months", "0"), "--months harus antara"),
        (("seed", "--end", "2026-13-01"), "tanggal tidak sah"),
        (("summary", "rebuild", "--from", "2026-10-31", "--to", "2026-10-01"), "--to tidak boleh"),
        (
            (
                "user",
                "add",
                "budi",
                "--role",
                "supervisor",
                "--unit",
                "TIDAKADA",
                "--password-stdin",
            ),
            "Unit tidak dikenal",
        ),
        (("user", "add", "budi", "--role", "admin", "--password-stdin"), "minimal 12"),
        (("user", "add", "budi", "--role", "raja", "--password-stdin"), "pilihan tidak sah"),
    ],
)
def test_bad_input_exits_2_with_an_indonesian_message(
    tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = _cli(*args, db_path=tmp_path / "bad.db", stdin="pendek\n")
    assert result.returncode == 2
    assert fragment in result.stderr


def test_user_add_reads_the_password_from_stdin_and_refuses_duplicates(tmp_path: Path) -> None:
    db_path = tmp_path / "users.db"
    ok = _cli(
        "user",
        "add",
        "Admin.Kota",
        "--role",
        "admin",
        "--password-stdin",
        db_path=db_path,
        stdin="kata-sandi-yang-panjang\n",
    )
    assert ok.returncode == 0, ok.stderr
    assert "admin.kota" in ok.stdout
    again = _cli(
        "user",
        "add",
        "admin.kota ",
        "--role",
        "hr",
        "--password-stdin",
        db_path=db_path,
        stdin="kata-sandi-yang-panjang\n",
    )
    assert again.returncode == 2
    assert "sudah dipakai" in again.stderr
