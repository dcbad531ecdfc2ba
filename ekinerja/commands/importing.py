"""`import FILE...`: import app exports and fingerprint logs, one transaction per file.

    python -m ekinerja import absen_maret.csv aktivitas.jsonl BWXP2012_attlog.dat
    python -m ekinerja import --format zkteco_adms --serial BWXP2012 push_body.txt
    python -m ekinerja import --check absen.csv            # report only, nothing written
    python -m ekinerja import --only-good-rows absen.csv   # import the good rows, skip bad ones

Exit code 0 when every file was imported, 2 when at least one was refused (nothing of that file
was written; the other files are independent).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ekinerja.access import Viewer
from ekinerja.commands.common import cli_actor, engine_ready
from ekinerja.texts import importing as T

ISSUES_SHOWN = 200


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ekinerja.importing import FORMAT_CHOICES

    p = sub.add_parser("import", help=T.CLI_HELP, description=T.CLI_HELP)
    p.add_argument("files", nargs="+", metavar="BERKAS", help=T.CLI_FILES)
    p.add_argument("--format", choices=FORMAT_CHOICES, default="auto", help=T.CLI_FORMAT)
    p.add_argument("--serial", default=None, metavar="NOMOR_SERI", help=T.CLI_SERIAL)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help=T.CLI_CHECK)
    mode.add_argument("--only-good-rows", action="store_true", help=T.CLI_GOOD_ONLY)
    p.set_defaults(func=_run)


def _print_report(check: object) -> None:
    from ekinerja.importing import CheckResult

    assert isinstance(check, CheckResult)
    for note in check.notes:
        print(f"  Catatan: {note}")
    if check.file_error:
        return
    for label, value in check.counts_table().itertuples(index=False):
        print(f"  {label}: {value}")
    for reason, count in check.skipped.items():
        print(f"    {reason}: {count}")
    shown = check.issues.head(ISSUES_SHOWN)
    for line, column, reason, value in shown.itertuples(index=False):
        where = f"baris {line}" + (f", kolom {column}" if isinstance(column, str) else "")
        tail = f" (nilai: {value})" if isinstance(value, str) else ""
        print(f"  - {where}: {reason}{tail}")
    if len(check.issues) > ISSUES_SHOWN:
        print("  " + T.ISSUES_TRUNCATED.format(shown=ISSUES_SHOWN, total=len(check.issues)))


def _run(args: argparse.Namespace) -> int:
    import db
    from ekinerja.importing import ImportRefused, check_file, import_file

    actor = cli_actor()
    viewer = Viewer(actor.name, actor.role)
    engine = engine_ready()
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError:
            print(T.CLI_FILE_MISSING.format(path=name), file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}:")
        if args.check:
            with db.read_session(engine) as session:
                check = check_file(session, viewer, path.name, data, args.format, args.serial)
            _print_report(check)
            if check.file_error:
                print(f"  Galat: {check.file_error}", file=sys.stderr)
            if not check.ok:
                failed += 1
            continue
        try:
            with db.write_session(engine) as session:
                result = import_file(
                    session, viewer, path.name, data, args.format, args.serial,
                    only_good_rows=args.only_good_rows,
                )  # fmt: skip
        except ImportRefused as exc:
            _print_report(exc.check)
            print(f"  Galat: {exc}", file=sys.stderr)
            failed += 1
            continue
        _print_report(result.check)
        print(f"  {result.message()}")
    if failed:
        print(T.CLI_SUMMARY_FAILED.format(failed=failed, total=len(args.files)), file=sys.stderr)
        return 2
    return 0
