"""Shared pieces of the commands: argument types and a ready database."""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import Engine

from ekinerja.audit import Actor


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """This module only holds helpers; it adds no command."""


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"tanggal tidak sah: {text!r} (pakai YYYY-MM-DD)") from exc


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.split("-"))
        date(year, month, 1)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"bulan tidak sah: {text!r} (pakai YYYY-MM)") from exc
    return year, month


def engine_ready() -> Engine:
    """The configured database, upgraded to the newest schema (an empty one gets every table)."""
    import db

    engine = db.get_engine()
    db.upgrade(engine)
    return engine


def cli_actor() -> Actor:
    """Commands run by the server operator act as an admin named after the OS account."""
    import getpass

    return Actor(f"cli:{getpass.getuser()}", "admin")
