"""Thresholds of the integrity rules: defaults, overrides stored in app settings, CLI overrides."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlmodel import Session

from ekinerja.models.settings import get_setting, set_setting
from ekinerja.texts import integrity as T
from ekinerja.validation import ValidationError

SETTING_KEY = "integrity_thresholds"


@dataclass(frozen=True)
class Thresholds:
    """Every number a rule compares against. Distances in metres, speeds in km/h."""

    # outside_geofence: metres beyond the fence edge tolerated, plus up to this much of the
    # reported GPS accuracy (a fix "20 m outside, accuracy 30 m" is not evidence).
    geofence_tolerance_m: float = 0.0
    accuracy_credit_max_m: float = 100.0
    geofence_check_out: bool = True
    geofence_high_m: float = 1000.0
    # wfh_far_from_home
    wfh_max_distance_m: float = 1000.0
    # impossible_travel: both a minimum distance (GPS jitter) and a maximum speed.
    travel_max_kmh: float = 120.0
    travel_min_distance_m: float = 2000.0
    # repeated_coordinates: the same exact point on at least this many days (app GPS only).
    repeat_min_days: int = 3
    # channel_conflict
    conflict_window_min: float = 30.0
    conflict_min_distance_m: float = 1000.0
    # photo_reuse: dHash bits that may differ (0..7), and how far back earlier photos are read.
    phash_max_distance: int = 6
    photo_lookback_days: int = 90
    # same_second: the same HH:MM:SS on at least this many days.
    same_second_min_days: int = 4
    # ip_burst: at least this many employees from one IP within the window.
    ip_burst_min_employees: int = 5
    ip_burst_window_s: float = 60.0
    # shared_device: employees on one phone on one day.
    shared_device_min_employees: int = 2

    def with_overrides(self, overrides: dict[str, Any]) -> Thresholds:
        """A copy with some values changed; unknown names and bad values are refused."""
        known = {f.name: f.type for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, raw in overrides.items():
            if name not in known:
                raise ValidationError(T.BAD_THRESHOLD.format(name=name, value=raw))
            current = getattr(self, name)
            try:
                if isinstance(current, bool):
                    value: Any = str(raw).strip().lower() in ("1", "true", "ya")
                elif isinstance(current, int):
                    value = int(str(raw))
                else:
                    value = float(str(raw))
            except ValueError as exc:
                raise ValidationError(T.BAD_THRESHOLD.format(name=name, value=raw)) from exc
            if not isinstance(value, bool) and (not math.isfinite(value) or value < 0):
                raise ValidationError(T.BAD_THRESHOLD.format(name=name, value=raw))
            changes[name] = value
        result = replace(self, **changes)
        if result.phash_max_distance > 7:
            raise ValidationError(
                T.BAD_THRESHOLD.format(name="phash_max_distance", value=result.phash_max_distance)
            )
        return result

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load(session: Session) -> Thresholds:
    """Defaults, with the overrides an admin stored (JSON in app_setting)."""
    raw = get_setting(session, SETTING_KEY)
    if not raw:
        return Thresholds()
    try:
        stored = json.loads(raw)
    except ValueError:
        return Thresholds()
    return Thresholds().with_overrides(stored if isinstance(stored, dict) else {})


def save(session: Session, thresholds: Thresholds) -> None:
    set_setting(session, SETTING_KEY, json.dumps(thresholds.as_dict(), sort_keys=True))
