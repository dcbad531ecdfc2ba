"""TPP deduction rules: the rule set format, its checks, its versions and which one applies when.

A rule set says, for lateness (TL) and early leave (PSW), which minutes fall in which band and
what each band costs; what a day absent without notice (TK) costs; the daily and monthly caps; how
the monthly total is rounded; and the daily activity target. Percentages are kept as whole
hundredths of a percent ("basis points") so sums are exact in SQL and Python alike.

Versions: HR saves a new version with an effective date; a day uses the newest version whose
effective date is on or before it. Before any saved version (a fresh database) the built-in
default applies, so the recap works without seeding anything.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from sqlmodel import Session, col, select

from ekinerja import access, audit
from ekinerja.access import Viewer
from ekinerja.models.recap import TppRuleSet
from ekinerja.texts import recap as t
from ekinerja.timeutil import today_wib
from ekinerja.validation import ValidationError

ROUNDING_MODES = ("half_up", "down", "up")
MAX_BANDS = 8
MAX_NOTE = 500
# The built-in default counts as a version in force since long before any data.
EPOCH = date(2000, 1, 1)


@dataclass(frozen=True)
class Band:
    """Minutes [min_minutes, max_minutes] (None: no upper bound) cost `bp` hundredths of a percent."""

    code: str
    min_minutes: int
    max_minutes: int | None
    bp: int

    @property
    def percent(self) -> float:
        return self.bp / 100

    def label(self) -> str:
        if self.max_minutes is None:
            return t.BAND_OPEN.format(min=self.min_minutes - 1)
        return t.BAND_RANGE.format(min=self.min_minutes, max=self.max_minutes)


@dataclass(frozen=True)
class RuleSet:
    tl: tuple[Band, ...]
    psw: tuple[Band, ...]
    tk_bp: int
    daily_cap_bp: int | None
    monthly_cap_bp: int
    decimals: int
    rounding: str
    activity_target_minutes: int

    def to_dict(self) -> dict[str, Any]:
        def bands(items: tuple[Band, ...]) -> list[dict[str, Any]]:
            return [
                {"min": b.min_minutes, "max": b.max_minutes, "percent": _pct(b.bp)} for b in items
            ]

        return {
            "tl": bands(self.tl),
            "psw": bands(self.psw),
            "tk_percent": _pct(self.tk_bp),
            "daily_cap_percent": None if self.daily_cap_bp is None else _pct(self.daily_cap_bp),
            "monthly_cap_percent": _pct(self.monthly_cap_bp),
            "rounding": {"decimals": self.decimals, "mode": self.rounding},
            "activity_target_minutes": self.activity_target_minutes,
        }

    def round_bp(self, total_bp: int) -> int:
        """Cap a month's total and round it to the rule's decimals, in exact integer arithmetic."""
        capped = min(total_bp, self.monthly_cap_bp)
        step = int(10 ** (2 - self.decimals))
        if step == 1:
            return capped
        if self.rounding == "down":
            return capped // step * step
        if self.rounding == "up":
            return -(-capped // step) * step
        return (capped + step // 2) // step * step


def _pct(bp: int) -> float:
    return bp / 100


# --- parsing and checking -----------------------------------------------------------------------


def _number(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"{what} harus berupa angka")
    if isinstance(value, float):
        # Widgets hand over binary floats (1.25 arrives exact, 0.1 + 0.2 does not): six places
        # are far below the two decimals a percentage may have, and far above float noise.
        value = round(value, 6) if math.isfinite(value) else value
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(f"{what} harus berupa angka (diterima {str(value)[:20]!r})") from exc
    if not number.is_finite():
        raise ValidationError(f"{what} harus berupa angka yang sah, bukan NaN atau tak hingga")
    return number


def _percent_bp(value: Any, what: str, allow_zero: bool = True) -> int:
    number = _number(value, what)
    if number < 0:
        raise ValidationError(f"{what} tidak boleh negatif")
    if number > 100:
        raise ValidationError(f"{what} tidak boleh lebih dari 100%")
    if not allow_zero and number == 0:
        raise ValidationError(f"{what} harus lebih dari 0%")
    scaled = number * 100
    if scaled != scaled.to_integral_value():
        raise ValidationError(f"{what} paling banyak dua angka di belakang koma")
    return int(scaled)


def _minutes(value: Any, what: str) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    number = _number(value, what)
    if number != number.to_integral_value():
        raise ValidationError(f"{what} harus bilangan bulat menit")
    if number < 0:
        raise ValidationError(f"{what} tidak boleh negatif")
    return int(number)


def _bands(raw: Any, prefix: str) -> tuple[Band, ...]:
    name = t.KIND_NAMES[prefix]
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        raise ValidationError(f"Pita {name} harus diisi, minimal satu pita")
    if len(raw) > MAX_BANDS:
        raise ValidationError(f"Pita {name} paling banyak {MAX_BANDS}")
    bands: list[Band] = []
    for i, item in enumerate(raw):
        code = f"{prefix}{i + 1}"
        if not isinstance(item, Mapping):
            raise ValidationError(f"Pita {code} tidak lengkap")
        lo = _minutes(item.get("min"), f"Batas bawah {code}")
        hi = _minutes(item.get("max"), f"Batas atas {code}")
        if lo is None:
            raise ValidationError(f"Batas bawah {code} wajib diisi")
        if lo < 1:
            raise ValidationError(
                f"Batas bawah {code} minimal 1 menit (0 menit berarti tepat waktu)"
            )
        if hi is not None and hi < lo:
            raise ValidationError(
                f"Batas atas {code} ({hi}) lebih kecil dari batas bawahnya ({lo})"
            )
        bp = _percent_bp(item.get("percent"), f"Potongan {code}")
        if bands:
            prev = bands[-1]
            assert prev.max_minutes is not None  # checked below for every band but the last
            if lo <= prev.max_minutes:
                raise ValidationError(
                    f"Pita {code} ({lo}-{hi if hi is not None else '...'} menit) tumpang tindih "
                    f"dengan {prev.code} ({prev.min_minutes}-{prev.max_minutes} menit)"
                )
            if lo > prev.max_minutes + 1:
                raise ValidationError(
                    f"Ada celah antara {prev.code} dan {code}: menit {prev.max_minutes + 1}-"
                    f"{lo - 1} tidak masuk pita mana pun"
                )
        if hi is None and i < len(raw) - 1:
            raise ValidationError(
                f"Hanya pita {name} terakhir yang boleh tanpa batas atas ({code})"
            )
        bands.append(Band(code, lo, hi, bp))
    if bands[-1].max_minutes is not None:
        last = bands[-1]
        raise ValidationError(
            f"Pita {name} terakhir ({last.code}) harus tanpa batas atas, mis. 'lebih dari "
            f"{last.max_minutes} menit', agar setiap keterlambatan masuk pita"
        )
    return tuple(bands)


def parse_rules(data: Mapping[str, Any]) -> RuleSet:
    """Check a rule set given as plain data (JSON, a form); every problem gets an Indonesian message."""
    rounding = data.get("rounding") or {}
    if not isinstance(rounding, Mapping):
        raise ValidationError("Aturan pembulatan tidak lengkap")
    decimals = _minutes(rounding.get("decimals", 2), "Jumlah desimal pembulatan")
    if decimals is None or decimals > 2:
        raise ValidationError("Jumlah desimal pembulatan harus 0, 1 atau 2")
    mode = rounding.get("mode", "half_up")
    if mode not in ROUNDING_MODES:
        raise ValidationError(f"Cara pembulatan tidak dikenal: {str(mode)[:20]!r}")
    daily = data.get("daily_cap_percent")
    blank_daily = daily is None or daily == "" or (isinstance(daily, float) and math.isnan(daily))
    target = _minutes(data.get("activity_target_minutes", 300), "Target aktivitas harian")
    if target is None or target > 1440:
        raise ValidationError("Target aktivitas harian harus 0 sampai 1.440 menit")
    return RuleSet(
        tl=_bands(data.get("tl"), "TL"),
        psw=_bands(data.get("psw"), "PSW"),
        tk_bp=_percent_bp(data.get("tk_percent"), "Potongan TK per hari"),
        daily_cap_bp=None
        if blank_daily
        else _percent_bp(daily, "Batas potongan harian", allow_zero=False),
        monthly_cap_bp=_percent_bp(
            data.get("monthly_cap_percent"), "Batas potongan bulanan", allow_zero=False
        ),
        decimals=decimals,
        rounding=str(mode),
        activity_target_minutes=target,
    )


def _four_bands(percents: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    edges = ((1, 30), (31, 60), (61, 90), (91, None))
    return [
        {"min": lo, "max": hi, "percent": p} for (lo, hi), p in zip(edges, percents, strict=True)
    ]


def _preset(tl: list[dict[str, Any]], tk: float) -> RuleSet:
    return parse_rules(
        {
            "tl": tl,
            "psw": tl,
            "tk_percent": tk,
            "daily_cap_percent": None,
            "monthly_cap_percent": 100,
            "rounding": {"decimals": 2, "mode": "half_up"},
            "activity_target_minutes": 300,
        }
    )


DEFAULT_RULES = _preset(_four_bands((0.5, 1, 1.25, 1.5)), 5)
# The variants in the domain notes, offered as starting points on the Aturan TPP page.
PRESETS: dict[str, RuleSet] = {
    "bawaan": DEFAULT_RULES,
    "permentan": _preset(_four_bands((0.5, 1, 1.5, 2)), 4),
    "dua_pita": _preset(
        [{"min": 1, "max": 60, "percent": 0.5}, {"min": 61, "max": None, "percent": 1}], 5
    ),
}


# --- versions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleVersion:
    id: int | None  # None: the built-in default
    effective_from: date
    rules: RuleSet
    note: str | None = None
    created_by: str | None = None
    created_at: datetime | None = None

    @property
    def label(self) -> str:
        if self.id is None:
            return t.DEFAULT_VERSION_LABEL
        return t.VERSION_LABEL.format(id=self.id, day=self.effective_from.strftime("%d-%m-%Y"))


DEFAULT_VERSION = RuleVersion(None, EPOCH, DEFAULT_RULES, t.DEFAULT_VERSION_NOTE, "sistem")


@dataclass(frozen=True)
class Segment:
    """Days [start, end] of a period that fall under one version."""

    version: RuleVersion
    start: date
    end: date


def _version(row: TppRuleSet) -> RuleVersion:
    return RuleVersion(
        row.id, row.effective_from, parse_rules(json.loads(row.rules)), row.note, row.created_by,
        row.created_at,
    )  # fmt: skip


def all_versions(session: Session) -> list[RuleVersion]:
    """Every version, oldest first, the built-in default first of all."""
    rows = session.exec(
        select(TppRuleSet).order_by(col(TppRuleSet.effective_from), col(TppRuleSet.id))
    ).all()
    return [DEFAULT_VERSION, *(_version(r) for r in rows)]


def segments(session: Session, start: date, end: date) -> list[Segment]:
    """The versions in force over [start, end], as consecutive day ranges covering it exactly."""
    in_force: list[RuleVersion] = []
    for version in all_versions(session):
        # Same effective date: the later saved version replaces the earlier one.
        if in_force and in_force[-1].effective_from == version.effective_from:
            in_force[-1] = version
        else:
            in_force.append(version)
    out: list[Segment] = []
    for i, version in enumerate(in_force):
        until = in_force[i + 1].effective_from - timedelta(days=1) if i + 1 < len(in_force) else end
        lo, hi = max(start, version.effective_from), min(end, until)
        if lo <= hi:
            out.append(Segment(version, lo, hi))
    return out


def version_on(session: Session, day: date) -> RuleVersion:
    return segments(session, day, day)[0].version


def save_rule_set(
    session: Session,
    viewer: Viewer,
    data: Mapping[str, Any],
    effective_from: date | None,
    note: str,
) -> TppRuleSet:
    """Store a new version (audited). Earlier months keep the versions in force then."""
    access.require(viewer, "rules.edit")
    rules = parse_rules(data)
    if not isinstance(effective_from, date):
        raise ValidationError("Tanggal berlaku wajib diisi")
    if effective_from < EPOCH or effective_from > today_wib() + timedelta(days=2 * 366):
        raise ValidationError("Tanggal berlaku harus antara tahun 2000 dan dua tahun ke depan")
    note = (note or "").strip()
    if len(note) < 5:
        raise ValidationError(
            "Catatan/dasar perubahan wajib diisi (mis. nomor Perwali), minimal 5 karakter"
        )
    if len(note) > MAX_NOTE:
        raise ValidationError(f"Catatan paling banyak {MAX_NOTE} karakter")
    before = version_on(session, effective_from)
    row = TppRuleSet(
        effective_from=effective_from,
        rules=json.dumps(rules.to_dict(), sort_keys=True),
        note=note,
        created_by=viewer.actor.name,
    )
    session.add(row)
    session.flush()
    audit.record(
        session, viewer.actor, "aturan_tpp.simpan", "tpp_rule_set", row.id,
        before={"version_id": before.id, "rules": before.rules.to_dict()},
        after={"effective_from": effective_from, "rules": rules.to_dict()},
        reason=note,
    )  # fmt: skip
    return row


# --- frames for the Aturan TPP page ---------------------------------------------------------------


def require_read(viewer: Viewer) -> None:
    if not access.can(viewer.role, "page:aturan_tpp"):
        raise access.PermissionDenied("Anda tidak berwenang melihat aturan TPP.")


def history_frame(session: Session, viewer: Viewer) -> pd.DataFrame:
    """Every version, newest first, described in one line each."""
    require_read(viewer)
    rows = [
        {
            t.COL_VERSION: v.label,
            t.COL_EFFECTIVE: v.effective_from,
            t.COL_SUMMARY: describe(v.rules),
            t.COL_NOTE: v.note or "",
            t.COL_CREATED_BY: v.created_by or "",
        }
        for v in reversed(all_versions(session))
    ]
    return pd.DataFrame(rows)


def describe(rules: RuleSet) -> str:
    def bands(items: tuple[Band, ...]) -> str:
        return ", ".join(f"{b.code} {b.label()} {_fmt_pct(b.bp)}" for b in items)

    daily = t.NO_CAP if rules.daily_cap_bp is None else _fmt_pct(rules.daily_cap_bp)
    return t.RULE_SUMMARY.format(
        tl=bands(rules.tl), psw=bands(rules.psw), tk=_fmt_pct(rules.tk_bp), daily=daily,
        monthly=_fmt_pct(rules.monthly_cap_bp), target=rules.activity_target_minutes,
    )  # fmt: skip


def _fmt_pct(bp: int) -> str:
    text = f"{bp / 100:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def bands_frame(bands: tuple[Band, ...]) -> pd.DataFrame:
    """Bands as an editable table (empty upper bound: no limit)."""
    return pd.DataFrame(
        {
            t.COL_BAND_MIN: [b.min_minutes for b in bands],
            t.COL_BAND_MAX: pd.array([b.max_minutes for b in bands], dtype="Int64"),
            t.COL_BAND_PERCENT: [b.percent for b in bands],
        }
    )


def bands_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The editable table back to plain band data (checked later by parse_rules)."""
    out = []
    for rec in frame.to_dict("records"):
        values = [rec.get(t.COL_BAND_MIN), rec.get(t.COL_BAND_MAX), rec.get(t.COL_BAND_PERCENT)]
        if all(v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) for v in values):
            continue  # an empty row added by the editor
        lo, hi, pct = (None if v is pd.NA else v for v in values)
        out.append({"min": lo, "max": hi, "percent": pct})
    return out
