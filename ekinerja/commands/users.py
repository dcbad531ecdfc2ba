"""`user ...`: dashboard accounts from the command line (passwords only ever from stdin).

python -m ekinerja user add NAMA --role admin --password-stdin
python -m ekinerja user list
python -m ekinerja user disable NAMA --reason "pindah tugas"
python -m ekinerja user set-password NAMA --password-stdin
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlmodel import Session

from ekinerja.access import ROLES, Viewer
from ekinerja.commands.common import cli_actor, engine_ready
from ekinerja.validation import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_user = sub.add_parser("user", help="kelola akun dashboard")
    user_sub = p_user.add_subparsers(dest="user_command", metavar="AKSI", required=True)

    p_add = user_sub.add_parser("add", help="buat akun baru")
    p_add.add_argument("name", metavar="NAMA", help="nama pengguna (3-64 karakter)")
    p_add.add_argument("--role", required=True, choices=ROLES, help="peran")
    p_add.add_argument(
        "--unit", action="append", default=[], metavar="KODE",
        help="unit cakupan (wajib untuk atasan; boleh berulang)",
    )  # fmt: skip
    p_add.add_argument(
        "--include-subunits", action="store_true", help="atasan juga melihat unit di bawahnya"
    )
    p_add.add_argument("--display-name", default=None, help="nama tampilan")
    p_add.add_argument("--sso-email", default=None, help="email untuk masuk lewat SSO")
    p_add.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari stdin (satu baris)"
    )
    p_add.set_defaults(func=_add)

    p_list = user_sub.add_parser("list", help="daftar akun, login terakhir dan status kunci")
    p_list.set_defaults(func=_list)

    p_dis = user_sub.add_parser("disable", help="nonaktifkan akun (sesinya langsung berakhir)")
    p_dis.add_argument("name", metavar="NAMA", help="nama pengguna")
    p_dis.add_argument("--reason", required=True, metavar="ALASAN", help="alasan (diaudit)")
    p_dis.set_defaults(func=_disable)

    p_en = user_sub.add_parser("enable", help="aktifkan kembali akun")
    p_en.add_argument("name", metavar="NAMA", help="nama pengguna")
    p_en.set_defaults(func=_enable)

    p_pw = user_sub.add_parser(
        "set-password", help="tetapkan kata sandi baru (semua sesi akun itu berakhir)"
    )
    p_pw.add_argument("name", metavar="NAMA", help="nama pengguna")
    p_pw.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari stdin (satu baris)"
    )
    p_pw.set_defaults(func=_set_password)

    p_unlock = user_sub.add_parser("unlock", help="buka kunci akun setelah gagal masuk berulang")
    p_unlock.add_argument("name", metavar="NAMA", help="nama pengguna")
    p_unlock.set_defaults(func=_unlock)

    p_end = user_sub.add_parser("end-sessions", help="akhiri semua sesi akun")
    p_end.add_argument("name", metavar="NAMA", help="nama pengguna")
    p_end.set_defaults(func=_end_sessions)


def _read_password(args: argparse.Namespace) -> str:
    if not args.password_stdin:
        raise ValidationError("Berikan kata sandi lewat --password-stdin (tidak lewat argumen)")
    line = sys.stdin.readline()
    if not line:
        raise ValidationError("Tidak ada kata sandi di stdin")
    # Only the line end is removed: spaces belong to the password.
    return line.rstrip("\r\n")


def _cli_viewer() -> Viewer:
    actor = cli_actor()
    return Viewer(actor.name, "admin")


def _with_account(name: str, action: Callable[[Session, Viewer, int, int], str]) -> int:
    import db
    from ekinerja.accounts import find_user

    engine = engine_ready()
    with db.write_session(engine) as session:
        user = find_user(session, name)
        if user is None or user.id is None:
            raise ValidationError("Akun tidak ditemukan")
        print(action(session, _cli_viewer(), user.id, user.version))
    return 0


def _add(args: argparse.Namespace) -> int:
    import db
    from ekinerja.accounts import create_user

    password = None if args.sso_email and not args.password_stdin else _read_password(args)
    engine = engine_ready()
    with db.write_session(engine) as session:
        user = create_user(
            session, cli_actor(), args.name, args.role, password, args.display_name, args.unit,
            include_subunits=args.include_subunits, oidc_email=args.sso_email,
        )  # fmt: skip
        print(f"Akun {user.username} ({args.role}) dibuat.")
    return 0


def _list(args: argparse.Namespace) -> int:
    import db
    from ekinerja.account_admin import list_accounts
    from ekinerja.timeutil import fmt_wib

    engine = engine_ready()
    with db.read_session(engine) as session:
        rows = list_accounts(session, _cli_viewer())
    header = ("NAMA", "PERAN", "UNIT", "STATUS", "KUNCI", "LOGIN TERAKHIR", "SESI")
    table = [header]
    for r in rows:
        table.append(
            (
                r.username,
                r.role,
                ",".join(r.unit_codes) + ("+sub" if r.include_subunits else "") or "semua",
                "aktif" if r.active else "nonaktif",
                "terkunci" if r.locked else "-",
                fmt_wib(r.last_login_at),
                str(r.open_sessions),
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if not rows:
        print("(belum ada akun)")
    return 0


def _disable(args: argparse.Namespace) -> int:
    from ekinerja.account_admin import set_active

    def act(session: Session, viewer: Viewer, user_id: int, version: int) -> str:
        set_active(session, viewer, user_id, version, False, args.reason)
        return "Akun dinonaktifkan; sesinya diakhiri."

    return _with_account(args.name, act)


def _enable(args: argparse.Namespace) -> int:
    from ekinerja.account_admin import set_active

    def act(session: Session, viewer: Viewer, user_id: int, version: int) -> str:
        set_active(session, viewer, user_id, version, True)
        return "Akun diaktifkan kembali."

    return _with_account(args.name, act)


def _set_password(args: argparse.Namespace) -> int:
    from ekinerja.account_admin import set_password

    password = _read_password(args)

    def act(session: Session, viewer: Viewer, user_id: int, version: int) -> str:
        ended = set_password(session, viewer, user_id, password)
        return f"Kata sandi diganti; {ended} sesi diakhiri."

    return _with_account(args.name, act)


def _unlock(args: argparse.Namespace) -> int:
    from ekinerja.account_admin import unlock

    def act(session: Session, viewer: Viewer, user_id: int, version: int) -> str:
        unlock(session, viewer, user_id, version)
        return "Kunci akun dibuka."

    return _with_account(args.name, act)


def _end_sessions(args: argparse.Namespace) -> int:
    from ekinerja.account_admin import end_user_sessions

    def act(session: Session, viewer: Viewer, user_id: int, version: int) -> str:
        return f"{end_user_sessions(session, viewer, user_id)} sesi diakhiri."

    return _with_account(args.name, act)
