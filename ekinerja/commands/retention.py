"""`retention`: show and change the retention schedule, and run it (also from cron).

python -m ekinerja retention run --dry-run   # what would go, nothing changed
python -m ekinerja retention run             # apply: one transaction, then files, then WAL
"""

from __future__ import annotations

import argparse

from ekinerja.access import Viewer
from ekinerja.commands.common import cli_actor, engine_ready


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_ret = sub.add_parser("retention", help="jadwal retensi data dan penghapusan permanen")
    ret_sub = p_ret.add_subparsers(dest="retention_command", metavar="AKSI", required=True)
    p_run = ret_sub.add_parser(
        "run",
        help="terapkan jadwal retensi: hapus data kedaluwarsa (kecuali yang ditahan) dan "
        "hapus permanen data terhapus yang melewati masa tenggang",
    )
    p_run.add_argument(
        "--dry-run", action="store_true", help="simulasi: laporkan saja, tidak mengubah apa pun"
    )
    p_run.set_defaults(func=_run)
    p_show = ret_sub.add_parser("show", help="tampilkan jadwal retensi per kategori")
    p_show.set_defaults(func=_show)
    p_set = ret_sub.add_parser("set", help="ubah masa simpan satu kategori")
    p_set.add_argument("category", metavar="KATEGORI", help="mis. foto, gps, absensi, terhapus")
    p_set.add_argument("days", metavar="HARI", type=int, help="masa simpan dalam hari")
    p_set.add_argument("--alasan", required=True, help="alasan perubahan (dicatat di audit)")
    p_set.set_defaults(func=_set)


def _viewer() -> Viewer:
    actor = cli_actor()
    return Viewer(actor.name, actor.role)


def _run(args: argparse.Namespace) -> int:
    from ekinerja.governance.retention import run_retention

    report = run_retention(engine_ready(), _viewer(), dry_run=args.dry_run)
    print("\n".join(report.describe()))
    return 0


def _show(args: argparse.Namespace) -> int:
    import db
    from ekinerja.governance.retention import rules
    from ekinerja.texts import governance as T

    with db.read_session(engine_ready()) as session:
        for key, rule in rules(session).items():
            days = T.FOREVER if rule.keep_days is None else f"{rule.keep_days} hari"
            print(f"{key:<10} {days:<14} {rule.category.label}")
    return 0


def _set(args: argparse.Namespace) -> int:
    import db
    from ekinerja.governance.retention import rules, set_rule
    from ekinerja.texts import governance as T
    from ekinerja.validation import ValidationError

    with db.write_session(engine_ready()) as session:
        current = rules(session).get(args.category)
        if current is None:
            raise ValidationError(T.RULE_UNKNOWN.format(category=args.category[:30]))
        set_rule(session, _viewer(), args.category, args.days, current.version or 0, args.alasan)
    print(f"Masa simpan {args.category} sekarang {args.days} hari.")
    return 0
