"""`user add`: create a dashboard account from the command line (password from stdin)."""

from __future__ import annotations

import argparse
import sys

from ekinerja.commands.common import cli_actor, engine_ready
from ekinerja.validation import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_user = sub.add_parser("user", help="kelola akun dashboard")
    user_sub = p_user.add_subparsers(dest="user_command", metavar="AKSI", required=True)
    p_add = user_sub.add_parser("add", help="buat akun baru")
    p_add.add_argument("name", metavar="NAMA", help="nama pengguna (3-64 karakter)")
    p_add.add_argument(
        "--role", required=True, choices=["admin", "hr", "supervisor", "auditor"], help="peran"
    )
    p_add.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="KODE",
        help="unit cakupan (atasan; boleh berulang)",
    )
    p_add.add_argument("--display-name", default=None, help="nama tampilan")
    p_add.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari stdin (satu baris)"
    )
    p_add.set_defaults(func=_add)


def _add(args: argparse.Namespace) -> int:
    import db
    from ekinerja.accounts import create_user

    if not args.password_stdin:
        raise ValidationError("Berikan kata sandi lewat --password-stdin (tidak lewat argumen)")
    password = sys.stdin.readline().rstrip("\r\n")
    engine = engine_ready()
    with db.write_session(engine) as session:
        user = create_user(
            session, cli_actor(), args.name, args.role, password, args.display_name, args.unit
        )
        print(f"Akun {user.username!r} ({args.role}) dibuat.")
    return 0
