"""Clockwork: the same time to the second on many days, the mark of an automated punch."""

from __future__ import annotations

import pandas as pd

from ekinerja.integrity.common import Candidate, as_date, ids, num, wib_clock
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import Inputs


def same_second(data: Inputs, cfg: Thresholds) -> list[Candidate]:
    """One finding per employee, direction, time of day (WIB) and month."""
    p = data.punches[data.in_period]
    if p.empty:
        return []
    p = p.assign(_clock=wib_clock(p["ts"]))
    days = p.groupby(["employee_id", "direction", "_clock"])["work_date"].transform("nunique")
    p = p[days >= cfg.same_second_min_days]
    out: list[Candidate] = []
    month = pd.to_datetime(p["work_date"]).dt.strftime("%Y-%m")
    for (employee_id, direction, clock, m), group in p.groupby(
        ["employee_id", "direction", "_clock", month], sort=True
    ):
        dates = sorted({as_date(d) for d in group["work_date"]})
        total = int(days.loc[group.index].iloc[0])
        out.append(
            Candidate(
                "same_second",
                num(employee_id),
                dates[0],
                dates[-1],
                "tinggi" if total >= 2 * cfg.same_second_min_days else "sedang",
                f"same_second:{employee_id}:{m}:{direction}:{clock}",
                {
                    "punch_ids": ids(group["id"]),
                    "time_of_day": str(clock),
                    "direction": str(direction),
                    "dates": [d.isoformat() for d in dates],
                    "days": total,
                },
            )
        )
    return out
