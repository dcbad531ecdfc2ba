"""The retention schedule per data category and the retention run (policy III; UU PDP 27/2022).

Rules, in order of strength:
1. Holds beat everything, and the violation rule keeps a violator's data: neither the run nor a
   purge touches such rows; the run reports them as refusals with their reason.
2. The longest retention wins: a punch row holds its GPS point and its photo, so the row itself
   is kept until the longest of the three periods ends; the photo and the GPS point alone may go
   earlier (their own, shorter period).
3. Each category has a legal/operational minimum an admin cannot go below.

The audit trail is kept forever: entries are append-only and hash-chained (a deleted entry
breaks verification of every later one) and never hold names or photo hashes, so keeping them
does not keep anything an erasure removed.

A run is one transaction (a crash leaves the database as before). Photo files are deleted only
after it commits, and only when no remaining row points at them; then the SQLite WAL is
checkpointed and truncated so no old page image stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, or_, select, update
from sqlmodel import Session

from ekinerja import audit, texts
from ekinerja.access import Viewer, require
from ekinerja.governance import deletion, protection
from ekinerja.governance.common import clean_reason, table_of
from ekinerja.governance.deletion import Kept, PersonTable, PurgeResult
from ekinerja.models import (
    RetentionRule,
)
from ekinerja.texts import governance as T
from ekinerja.timeutil import WIB, utc_now, wib_to_utc
from ekinerja.validation import ValidationError


@dataclass(frozen=True)
class Category:
    key: str
    default_days: int | None  # None: forever
    min_days: int | None  # None: only "forever" is allowed
    max_days: int | None

    @property
    def label(self) -> str:
        return T.CATEGORY_LABELS[self.key]


# Minimums: attendance, leave, activities and reviews stay at least two years, so the previous
# fiscal year's TPP payments can still be audited; photos and GPS points at least 30 days, so
# fraud checks (reused photos, fake GPS) can run on them; deleted data gets at least one day.
CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category("foto", 365, 30, 3650),
        Category("gps", 365, 30, 3650),
        Category("absensi", 1825, 730, 7300),
        Category("cuti", 1825, 730, 7300),
        Category("aktivitas", 1825, 730, 7300),
        Category("review", 1825, 730, 7300),
        Category("perangkat", 365, 30, 3650),
        Category("terhapus", 30, 1, 365),
        Category("audit", None, None, None),
    )
}


@dataclass(frozen=True)
class Rule:
    category: Category
    keep_days: int | None
    version: int | None  # None: the default, no row yet
    updated_by: str | None
    updated_at: datetime | None


def rules(session: Session) -> dict[str, Rule]:
    stored = {r.category: r for r in session.scalars(select(RetentionRule)).all()}
    out = {}
    for key, cat in CATEGORIES.items():
        row = stored.get(key)
        if row is None:
            out[key] = Rule(cat, cat.default_days, None, None, None)
        else:
            out[key] = Rule(cat, row.keep_days, row.version, row.updated_by, row.updated_at)
    return out


def _days_text(days: int | None) -> str:
    return T.FOREVER if days is None else texts.fmt_number(days)


def rules_frame(session: Session) -> pd.DataFrame:
    """The schedule for the Penahanan & Retensi page: one row per category, in a fixed order."""
    rows = []
    for key, rule in rules(session).items():
        cat = rule.category
        rows.append(
            {
                "category": key,
                "label": cat.label,
                "keep_days": rule.keep_days,
                # Shown, not edited: words where a number would be empty.
                "min_days": _days_text(cat.min_days),
                "max_days": _days_text(cat.max_days),
                "default_days": _days_text(cat.default_days),
                "help": T.CATEGORY_HELP[key],
                "version": rule.version or 0,
                "updated_by": rule.updated_by,
            }
        )
    return pd.DataFrame(rows).set_index("category")


def set_rule(
    session: Session,
    viewer: Viewer,
    category: str,
    keep_days: int | None,
    seen_version: int,
    reason: str,
) -> None:
    """Change a category's period (audited). `seen_version` 0 means "still the default"."""
    require(viewer, "retention.edit")
    why = clean_reason(reason)
    cat = CATEGORIES.get(category)
    if cat is None:
        raise ValidationError(T.RULE_UNKNOWN.format(category=str(category)[:30]))
    if cat.min_days is None:
        if keep_days is not None:
            raise ValidationError(T.RULE_FOREVER_ONLY.format(label=cat.label))
        return
    if keep_days is None:
        raise ValidationError(T.RULE_FOREVER_NOT_ALLOWED.format(label=cat.label))
    if keep_days < cat.min_days:
        raise ValidationError(T.RULE_BELOW_MIN.format(label=cat.label, min=cat.min_days))
    if cat.max_days is not None and keep_days > cat.max_days:
        raise ValidationError(T.RULE_ABOVE_MAX.format(label=cat.label, max=cat.max_days))
    current = rules(session)[category]
    if (current.version or 0) != seen_version:
        raise ValidationError(T.RULE_STALE.format(label=cat.label))
    now = utc_now()
    if current.version is None:
        session.add(
            RetentionRule(category=category, keep_days=keep_days, updated_by=viewer.username)
        )
        session.flush()  # a concurrent first save fails here on the primary key
    else:
        t = table_of(RetentionRule)
        n = session.execute(
            update(t)
            .where(t.c.category == category, t.c.version == seen_version)
            .values(keep_days=keep_days, updated_by=viewer.username, updated_at=now,
                    version=t.c.version + 1)
        ).rowcount  # type: ignore[attr-defined]  # fmt: skip
        if n != 1:
            raise ValidationError(T.RULE_STALE.format(label=cat.label))
    audit.record(
        session, viewer.actor, "retensi.ubah", "retention_rule", category,
        before={"hari": current.keep_days}, after={"hari": keep_days}, reason=why,
    )  # fmt: skip


# --- the run ------------------------------------------------------------------------------------


@dataclass
class CategoryResult:
    category: str
    cutoff: date | None
    removed: int = 0
    kept: Kept = field(default_factory=Kept)


@dataclass
class RetentionReport:
    dry_run: bool
    today: date
    categories: dict[str, CategoryResult] = field(default_factory=dict)
    purge: PurgeResult = field(default_factory=PurgeResult)
    files: list[str] = field(default_factory=list)
    files_removed: int = 0
    files_missing: int = 0
    storage_scrubbed: bool | None = None

    def as_audit(self) -> dict[str, Any]:
        return {
            "tanggal": self.today,
            "kategori": {
                k: {"batas": r.cutoff, "dihapus": r.removed, "ditahan": r.kept.as_list()}
                for k, r in self.categories.items()
            },
            "file_foto": len(self.files),
        }

    def purge_audit(self) -> dict[str, Any]:
        return {
            "dihapus": self.purge.removed,
            "ditahan": self.purge.kept.as_list(),
            "penghapusan_selesai": self.purge.erasures_done,
            "penghapusan_menunggu": self.purge.erasures_pending,
        }

    def describe(self) -> list[str]:
        """Lines for the CLI and the page, in Indonesian."""
        head = "SIMULASI (tidak ada yang diubah)" if self.dry_run else "Retensi dijalankan"
        lines = [f"{head}: {self.today.isoformat()}"]
        for key, res in self.categories.items():
            label = T.CATEGORY_LABELS[key]
            if res.cutoff is None:
                lines.append(f"- {label}: disimpan selamanya.")
                continue
            kept = sum(res.kept.counts.values())
            text = f"- {label} (sebelum {res.cutoff.isoformat()}): {res.removed} dihapus"
            lines.append(text + (f", {kept} ditahan" if kept else "") + ".")
            lines += [f"    {m}" for m in res.kept.messages()]
        purged = sum(self.purge.removed.values())
        lines.append(f"- {T.CATEGORY_LABELS['terhapus']}: {purged} baris dihapus permanen.")
        lines += [f"    {m}" for m in self.purge.kept.messages()]
        if self.purge.erasures_done:
            lines.append(f"- Penghapusan akun selesai: {len(self.purge.erasures_done)}.")
        if self.purge.erasures_pending:
            lines.append(
                f"- Penghapusan akun tertunda (ada data ditahan): {len(self.purge.erasures_pending)}."
            )
        lines.append(f"- File foto: {len(self.files)} untuk dihapus" + (
            "" if self.dry_run else f", {self.files_removed} terhapus, {self.files_missing} sudah tidak ada"
        ) + ".")  # fmt: skip
        if self.storage_scrubbed is False:
            lines.append(
                "- PERINGATAN: checkpoint WAL terhalang pembaca lain; jalankan ulang nanti."
            )
        return lines


def _days(rule_days: dict[str, int | None], *keys: str) -> int | None:
    """The longest of several periods (None, forever, is the longest of all)."""
    values = [rule_days[k] for k in keys]
    return None if any(v is None for v in values) else max(v for v in values if v is not None)


def run(
    session: Session, viewer: Viewer, now: datetime | None = None, dry_run: bool = False
) -> RetentionReport:
    """Apply the schedule in the caller's transaction (the caller rolls back a dry run)."""
    require(viewer, "retention.run")
    now = now or utc_now()
    today = now.astimezone(WIB).date()
    days = {k: r.keep_days for k, r in rules(session).items()}
    report = RetentionReport(dry_run, today)
    holds = protection.active_holds(session)

    def cutoff(keep: int | None) -> date | None:
        return None if keep is None else today - timedelta(days=keep)

    punch = deletion.managed_table("punch")
    p = punch.table

    # Photos (biometric): the file goes, and the path and hashes on the punch with it.
    res = report.categories.setdefault("foto", CategoryResult("foto", cutoff(days["foto"])))
    if res.cutoff is not None:
        old = [p.c.work_date < res.cutoff, p.c.photo_path.is_not(None)]
        punch.tally(session, res.kept, holds, *old)
        free = [*old, ~punch.guard(holds)]
        report.purge.photo_paths.update(
            str(x) for x in session.execute(select(p.c.photo_path).where(*free)).scalars()
        )
        res.removed = _update(
            session, p, free, photo_path=None, photo_sha256=None, photo_phash=None
        )

    # GPS points on punches.
    res = report.categories.setdefault("gps", CategoryResult("gps", cutoff(days["gps"])))
    if res.cutoff is not None:
        located = or_(p.c.lat.is_not(None), p.c.lon.is_not(None), p.c.accuracy_m.is_not(None))
        old = [p.c.work_date < res.cutoff, located]
        punch.tally(session, res.kept, holds, *old)
        res.removed = _update(session, p, [*old, ~punch.guard(holds)], lat=None, lon=None,
                              accuracy_m=None)  # fmt: skip

    # Whole records, each category on its own date; punches last as long as their longest part.
    whole: list[tuple[str, PersonTable, int | None, list[PersonTable]]] = [
        ("absensi", punch, _days(days, "absensi", "foto", "gps"),
         [deletion.SUMMARIES, deletion.FINDINGS]),
        ("cuti", deletion.managed_table("leave"), days["cuti"], []),
        ("aktivitas", deletion.managed_table("activity"), days["aktivitas"], []),
        ("review", deletion.managed_table("review"), days["review"], []),
        ("perangkat", deletion.DEVICES, days["perangkat"], []),
    ]  # fmt: skip
    for key, pt, keep, derived in whole:
        res = report.categories.setdefault(key, CategoryResult(key, cutoff(keep)))
        if res.cutoff is None:
            continue
        for table in [pt, *derived]:
            bound: Any = wib_to_utc(res.cutoff, time.min) if table.as_datetime else res.cutoff
            old = table.table.c[table.hi or "id"] < bound
            # Derived rows (the summary) follow their source and are not reported on their own.
            table.tally(session, res.kept if table is pt else Kept(), holds, old)
            n = deletion.hard_delete(
                session, report.purge.photo_paths, table.table, old, ~table.guard(holds)
            )
            res.removed += n if table is pt else 0

    report.categories["audit"] = CategoryResult("audit", None)
    # Soft-deleted rows past the grace period, and account deletions.
    deletion.purge(session, now, days["terhapus"] or 0, report.purge)
    report.files = deletion.unreferenced(session, report.purge.photo_paths)
    if not dry_run:
        audit.record(session, viewer.actor, "retensi.jalankan", "retention", None,
                     after=report.as_audit())  # fmt: skip
        if report.purge.removed or report.purge.erasures_done or report.purge.erasures_pending:
            audit.record(session, viewer.actor, "data.purge", "retention", None,
                         after=report.purge_audit())  # fmt: skip
    return report


def _update(session: Session, table: Any, where: list[Any], **values: Any) -> int:
    stmt = update(table).where(*where).values(**values, version=table.c.version + 1)
    return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def run_retention(
    engine: Engine, viewer: Viewer, dry_run: bool = False, now: datetime | None = None
) -> RetentionReport:
    """One retention run end to end: the transaction, then the files, then the storage scrub."""
    import db

    with db.write_session(engine) as session:
        report = run(session, viewer, now, dry_run)
        if dry_run:
            session.rollback()
    if not dry_run:
        report.files_removed, report.files_missing = deletion.remove_files(report.files)
        report.storage_scrubbed = deletion.scrub_storage(engine)
    return report


def set_rules(
    session: Session,
    viewer: Viewer,
    changes: list[tuple[str, int | None, int]],
    reason: str,
) -> int:
    """Several (category, days, version seen) at once, in one transaction."""
    if not changes:
        raise ValidationError(T.NO_CHANGES)
    for category, keep_days, seen in changes:
        set_rule(session, viewer, category, keep_days, seen, reason)
    return len(changes)


def rule_changes(
    frame: pd.DataFrame, edited_rows: dict[Any, dict[str, Any]]
) -> list[tuple[str, int | None, int]]:
    """The schedule editor's edited rows as (category, days, version seen)."""
    out = []
    for pos, change in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        if "keep_days" not in change or not 0 <= int(pos) < len(frame):
            continue
        raw = change["keep_days"]
        try:
            days = None if raw is None or raw == "" else int(float(raw))
        except (TypeError, ValueError) as exc:
            raise ValidationError("Masa simpan harus berupa jumlah hari.") from exc
        out.append((str(frame.index[int(pos)]), days, int(frame["version"].iloc[int(pos)])))
    return out
