"""`python -m ekinerja`: the command line for operators and scheduled jobs.

Each module in ekinerja/commands/ adds its own subcommands through `register(subparsers)`; a
command is a function `(args) -> int` that gets its own database session. Bad input ends with an
Indonesian message on stderr and exit code 2, and nothing written (one transaction per command).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from ekinerja import commands
from ekinerja.access import PermissionDenied
from ekinerja.validation import ValidationError

# argparse's own words, in Indonesian (argparse looks its texts up through gettext).
_ARGPARSE_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "butuh satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
}


def _indonesian(message: str) -> str:
    return _ARGPARSE_ID.get(message, message)


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _indonesian  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="python -m ekinerja",
        description="Perintah baris Dashboard E-Kinerja Kota Madiun.",
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (ValidationError, PermissionDenied) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan; tidak ada yang disimpan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
