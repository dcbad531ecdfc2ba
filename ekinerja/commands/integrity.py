"""`integrity`: run the integrity checks over a month (or a date range) and queue the findings.

python -m ekinerja integrity                     # this month (WIB)
python -m ekinerja integrity --month 2026-03
python -m ekinerja integrity --from 2026-03-01 --to 2026-03-15 --set travel_max_kmh=150
"""

from __future__ import annotations

import argparse

from ekinerja.access import Viewer
from ekinerja.commands.common import cli_actor, engine_ready, parse_date, parse_month
from ekinerja.texts import integrity as T
from ekinerja.validation import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("integrity", help=T.CLI_HELP, description=T.CLI_HELP)
    p.add_argument("--month", type=parse_month, default=None, metavar="YYYY-MM", help=T.CLI_MONTH)
    p.add_argument(
        "--from", dest="start", type=parse_date, default=None, metavar="YYYY-MM-DD", help=T.CLI_FROM
    )
    p.add_argument(
        "--to", dest="end", type=parse_date, default=None, metavar="YYYY-MM-DD", help=T.CLI_TO
    )
    p.add_argument("--set", action="append", default=[], metavar="NAMA=NILAI", help=T.CLI_SET)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    import db
    from ekinerja.integrity import month_range, run_checks
    from ekinerja.integrity.config import load
    from ekinerja.timeutil import today_wib

    if (args.start is None) != (args.end is None):
        raise ValidationError("--from dan --to harus diisi bersama")
    if args.month and args.start:
        raise ValidationError("Pilih --month atau --from/--to, bukan keduanya")
    if args.start is not None:
        start, end = args.start, args.end
    else:
        year, month = args.month or (today_wib().year, today_wib().month)
        start, end = month_range(year, month)
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep:
            raise ValidationError(T.BAD_THRESHOLD.format(name=item, value=""))
        overrides[name.strip()] = value.strip()
    actor = cli_actor()
    engine = engine_ready()
    with db.write_session(engine) as session:
        thresholds = load(session).with_overrides(overrides)
        result = run_checks(session, Viewer(actor.name, actor.role), start, end, thresholds)
    print(T.CLI_RESULT.format(start=start, end=end, new=result.new, updated=result.updated,
                              unchanged=result.unchanged))  # fmt: skip
    for kind, label in T.KIND_LABELS.items():
        if result.by_kind.get(kind):
            print(T.CLI_KIND_LINE.format(label=label, count=result.by_kind[kind]))
    return 0
