"""What a rule returns: candidate findings with a stable key, and helpers to build them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ekinerja.timeutil import WIB_OFFSET


@dataclass
class Candidate:
    kind: str
    employee_id: int
    work_date: date
    last_date: date
    severity: str
    # Stable identity: rule, employee and day or pattern. The same facts give the same key.
    key: str
    evidence: dict[str, Any] = field(default_factory=dict)


def num(value: Any) -> int:
    """A group key (typed Hashable by pandas) as an int."""
    return int(value)


def real(value: Any) -> float:
    return float(value)


def ids(values: Iterable[Any]) -> list[int]:
    return sorted({int(v) for v in values})


def metres(value: float) -> int:
    return int(round(float(value)))


def as_date(value: Any) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    assert isinstance(value, date)
    return value


def epoch_seconds(ts: pd.Series) -> np.ndarray:
    """Seconds since 1970 of UTC timestamps, whatever their unit (s, ms, us or ns)."""
    return (
        np.asarray(ts.dt.as_unit("ns").astype("int64").to_numpy() // 10**6, dtype=np.int64) / 1000.0
    )


def wib_clock(ts: pd.Series) -> pd.Series:
    """WIB wall-clock time of UTC instants as HH:MM:SS text (WIB is a fixed UTC+7)."""
    local = ts.dt.tz_convert(None) + WIB_OFFSET
    return local.dt.strftime("%H:%M:%S")  # type: ignore[no-any-return]


def wib_text(ts: Any) -> str:
    stamp = pd.Timestamp(ts)
    local = stamp.tz_convert(None) + WIB_OFFSET if stamp.tzinfo else stamp + WIB_OFFSET
    return local.strftime("%Y-%m-%d %H:%M:%S")


def per_employee_day(
    flagged: pd.DataFrame,
    kind: str,
    evidence: Callable[[pd.DataFrame], dict[str, Any]],
    severity: Callable[[pd.DataFrame], str],
) -> list[Candidate]:
    """One finding per employee and WIB day among the flagged punches."""
    out: list[Candidate] = []
    if flagged.empty:
        return out
    for (employee_id, day), group in flagged.groupby(["employee_id", "work_date"], sort=True):
        d = as_date(day)
        ev = {"punch_ids": ids(group["id"]), **evidence(group)}
        out.append(
            Candidate(
                kind, num(employee_id), d, d, severity(group), f"{kind}:{employee_id}:{d}", ev
            )
        )
    return out
