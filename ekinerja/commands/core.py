"""Core commands: database upgrade, demo data, calendar sync and summary rebuild."""

from __future__ import annotations

import argparse
from datetime import date

from ekinerja.commands.common import engine_ready, parse_date
from ekinerja.validation import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_db = sub.add_parser("db", help="kelola skema basis data")
    db_sub = p_db.add_subparsers(dest="db_command", metavar="AKSI", required=True)
    p_up = db_sub.add_parser("upgrade", help="naikkan skema ke versi terbaru (aman diulang)")
    p_up.set_defaults(func=_db_upgrade)

    p_seed = sub.add_parser(
        "seed",
        help="bangun data demo Kota Madiun yang deterministik (hanya pada basis data kosong)",
    )
    p_seed.add_argument(
        "--employees", metavar="N", type=int, default=5000, help="jumlah pegawai (bawaan 5000)"
    )
    p_seed.add_argument(
        "--months", metavar="N", type=int, default=12, help="jumlah bulan ke belakang (bawaan 12)"
    )
    p_seed.add_argument(
        "--seed", metavar="N", type=int, default=2026, help="benih acak (bawaan 2026)"
    )
    p_seed.add_argument(
        "--end",
        metavar="TANGGAL",
        type=parse_date,
        default=None,
        help="hari terakhir data (YYYY-MM-DD, bawaan hari ini WIB)",
    )
    p_seed.add_argument(
        "--photo-days",
        metavar="N",
        type=int,
        default=None,
        help="berapa hari terakhir yang dibuatkan file foto selfie",
    )
    p_seed.set_defaults(func=_seed)

    p_cal = sub.add_parser("calendar", help="kalender kerja")
    cal_sub = p_cal.add_subparsers(dest="cal_command", metavar="AKSI", required=True)
    p_sync = cal_sub.add_parser(
        "sync", help="ambil libur nasional, cuti bersama dan Ramadan dari paket holidays"
    )
    p_sync.add_argument(
        "--year",
        metavar="TAHUN",
        type=int,
        action="append",
        required=True,
        help="tahun (boleh berulang)",
    )
    p_sync.set_defaults(func=_calendar_sync)

    p_sum = sub.add_parser("summary", help="ringkasan harian")
    sum_sub = p_sum.add_subparsers(dest="sum_command", metavar="AKSI", required=True)
    p_re = sum_sub.add_parser("rebuild", help="hitung ulang ringkasan harian untuk rentang tanggal")
    p_re.add_argument(
        "--from", dest="start", metavar="TANGGAL", type=parse_date, required=True, help="YYYY-MM-DD"
    )
    p_re.add_argument(
        "--to", dest="end", metavar="TANGGAL", type=parse_date, required=True, help="YYYY-MM-DD"
    )
    p_re.set_defaults(func=_summary_rebuild)


def _db_upgrade(args: argparse.Namespace) -> int:
    import db

    engine = db.get_engine()
    db.upgrade(engine)
    print(f"Skema basis data mutakhir ({engine.url.render_as_string(hide_password=True)}).")
    return 0


def _seed(args: argparse.Namespace) -> int:
    if args.employees < 10 or args.employees > 20000:
        raise ValidationError("--employees harus antara 10 dan 20.000")
    if args.months < 1 or args.months > 36:
        raise ValidationError("--months harus antara 1 dan 36")
    from data.demo import DemoConfig, build_demo

    engine = engine_ready()
    config = DemoConfig(
        employees=args.employees,
        months=args.months,
        seed=args.seed,
        end=args.end,
        photo_days=args.photo_days,
    )
    # The command line owns the database while it seeds, so the SQLite build may skip the WAL.
    report = build_demo(engine, config, progress=_print_progress, exclusive=True)
    print(report.describe())
    return 0


def _print_progress(fraction: float, message: str) -> None:
    print(f"[{fraction:4.0%}] {message}", flush=True)


def _calendar_sync(args: argparse.Namespace) -> int:
    import db
    from ekinerja.calendar import sync_calendar

    engine = engine_ready()
    with db.write_session(engine) as session:
        added = sync_calendar(session, args.year)
    print(f"{added} hari libur/periode Ramadan ditambahkan.")
    return 0


def _summary_rebuild(args: argparse.Namespace) -> int:
    import db
    from ekinerja.summary import refresh

    start: date = args.start
    end: date = args.end
    if end < start:
        raise ValidationError("--to tidak boleh sebelum --from")
    engine = engine_ready()
    with db.write_session(engine) as session:
        rows = refresh(session, None, start, end)
    print(f"{rows} baris ringkasan harian dihitung ulang.")
    return 0
