"""`recap`: write the monthly attendance and TPP recap to a CSV or XLSX file (audited)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlmodel import select

from ekinerja.commands.common import cli_actor, engine_ready, parse_month
from ekinerja.validation import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "recap",
        help="ekspor rekap absensi dan potongan TPP bulanan ke CSV atau XLSX",
        description="Rekap bulanan per pegawai (pita TL/PSW, TK, cuti/izin/sakit/dinas luar, "
        "aktivitas, potongan TPP) menurut aturan TPP yang berlaku tiap hari. Tercatat di audit.",
    )
    p.add_argument("--month", required=True, type=parse_month, metavar="YYYY-MM", help="bulan")
    p.add_argument("--unit", default=None, metavar="KODE", help="kode unit (bawaan: semua unit)")
    p.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        default=None,
        help="format berkas (bawaan: dari akhiran nama berkas)",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="BERKAS", help="berkas tujuan ('-' untuk stdout)"
    )
    p.set_defaults(func=_recap)


def _target(output: str, fmt: str | None) -> tuple[Path | None, str]:
    path = None if output == "-" else Path(output)
    if fmt is None:
        suffix = path.suffix.lower().lstrip(".") if path else ""
        if suffix not in ("csv", "xlsx"):
            raise ValidationError(
                "Sebutkan --format csv atau xlsx (tidak dapat ditebak dari nama berkas)"
            )
        fmt = suffix
    if path is not None:
        if path.is_dir():
            raise ValidationError(f"{output} adalah folder; sebutkan nama berkas")
        if not path.parent.is_dir():
            raise ValidationError(f"Folder tujuan tidak ada: {path.parent}")
    return path, fmt


def _recap(args: argparse.Namespace) -> int:
    import db
    from ekinerja import texts
    from ekinerja.access import Viewer
    from ekinerja.models import Unit
    from ekinerja.recap import Month
    from ekinerja.recap_export import export_recap

    path, fmt = _target(args.output, args.format)
    month = Month(*args.month)
    actor = cli_actor()
    viewer = Viewer(actor.name, actor.role)
    engine = engine_ready()
    with db.write_session(engine) as session:
        unit_id = None
        if args.unit:
            unit = session.exec(select(Unit).where(Unit.code == args.unit.strip())).first()
            if unit is None:
                raise ValidationError(f"Unit tidak dikenal: {args.unit!r}")
            unit_id = unit.id
        _name, data = export_recap(session, viewer, month, unit_id, fmt)
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"Berkas tidak dapat ditulis: {exc.strerror}") from exc
    size = texts.fmt_number(len(data))
    print(f"Rekap {month.label} ({fmt.upper()}, {size} bita) ditulis ke {path}.")
    return 0
