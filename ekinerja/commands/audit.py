"""`audit verify` and `audit head`: check the hash chain of the audit trail from the command line.

Keep the output of `audit head` somewhere outside the database (a ticket, a mail to the
Inspektorat, a file on another server): `audit verify --kepala ID:HASH` then also detects
entries cut off the end of the chain, which the chain alone cannot see.
"""

from __future__ import annotations

import argparse
import sys

from ekinerja.commands.common import engine_ready


def _anchor(text: str) -> tuple[int, str]:
    from ekinerja.audit import parse_anchor

    try:
        return parse_anchor(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_audit = sub.add_parser("audit", help="periksa jejak audit (rantai hash)")
    audit_sub = p_audit.add_subparsers(dest="audit_command", metavar="AKSI", required=True)
    p_verify = audit_sub.add_parser(
        "verify",
        help="periksa seluruh rantai; kode keluar 1 dan sebutkan entri pertama yang rusak",
    )
    p_verify.add_argument(
        "--kepala",
        type=_anchor,
        default=None,
        metavar="ID:HASH",
        help="kepala rantai yang dicatat sebelumnya (dari 'audit head'); mendeteksi entri terpotong",
    )
    p_verify.set_defaults(func=_verify)
    p_head = audit_sub.add_parser("head", help="cetak ID:HASH entri terbaru untuk dicatat di luar")
    p_head.set_defaults(func=_head)


def _verify(args: argparse.Namespace) -> int:
    import db
    from ekinerja.audit import verify
    from ekinerja.texts import governance as T

    engine = engine_ready()
    with db.read_session(engine) as session:
        result = verify(session, args.kepala)
    if result.ok:
        print(T.AUDIT_OK.format(n=result.checked))
        return 0
    print(T.AUDIT_BROKEN.format(id=result.first_bad_id, problem=result.problem), file=sys.stderr)
    return 1


def _head(args: argparse.Namespace) -> int:
    import db
    from ekinerja.audit import chain_head

    engine = engine_ready()
    with db.read_session(engine) as session:
        entry_id, digest = chain_head(session)
    print(f"{entry_id}:{digest}")
    return 0
