"""Daily activities, monthly behaviour reviews (BerAKHLAK) and work-result ratings of the demo.

Activities follow attendance: a present day gets two to five entries of realistic work for the
unit, together four to seven hours, approved by the direct supervisor a few days later. Reviews
come from the supervisor, two peers and one subordinate. A couple of reviewers are planted as
always harsh or always lenient, and one pair of colleagues praise each other every month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from data import demo_words as words
from data.demo_org import Org
from data.demo_time import DAY, HOUR, US, Days
from ekinerja.models.work import BERAKHLAK

IntArray = npt.NDArray[np.int64]


def _pool() -> tuple[np.ndarray, dict[str, tuple[int, int]]]:
    """Every activity text, and per family the (offset, size) of its texts in the pool."""
    texts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    families = sorted(set(words.ACTIVITY_BY_FAMILY))
    for fam in families:
        start = len(texts)
        for template in words.ACTIVITY_COMMON + words.ACTIVITY_BY_FAMILY[fam]:
            if "{x}" in template:
                texts.extend(template.replace("{x}", t) for t in words.TOPICS)
            else:
                texts.append(template)
        spans[fam] = (start, len(texts) - start)
    pool = np.empty(len(texts), dtype=object)
    pool[:] = texts
    return pool, spans


POOL, SPANS = _pool()
TRIP_TEXT = "Melaksanakan perjalanan dinas sesuai surat tugas"


@dataclass
class WorkContext:
    org: Org
    days: Days
    end_day: int  # index of the last day of data
    cut_us: int
    family_offset: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    family_size: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))

    def __post_init__(self) -> None:
        fam = []
        for u in self.org.unit_idx:
            code = self.org.unit_codes[int(u)]
            kind = self.org.specs[int(u)].kind
            name = words.FAMILY_OF_UNIT.get(code) or (
                "wilayah" if kind in ("kelurahan", "kecamatan") else "umum"
            )
            fam.append(SPANS[name])
        arr = np.array(fam, dtype=np.int64).reshape(-1, 2)
        self.family_offset, self.family_size = arr[:, 0], arr[:, 1]


def activities(ctx: WorkContext, summary: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Activity rows for the summary rows of one month."""
    d, org = ctx.days, ctx.org
    status = summary["status"].to_numpy(dtype=object)
    worked = np.isin(status, ("hadir", "wfh")) & summary["is_workday"].to_numpy(dtype=bool)
    trip = status == "dinas_luar"
    sel = worked | trip
    emp = summary["employee_id"].to_numpy(dtype=np.int64)[sel] - 1
    day = (
        pd.to_datetime(summary["work_date"][sel]).to_numpy(dtype="datetime64[D]") - d.dates64[0]
    ).astype(np.int64)
    trip = trip[sel]
    n = emp.size
    u = rng.random((n, 4))
    count = np.searchsorted(np.array([0.3, 0.67, 0.9]), u[:, 0], side="right") + 2
    count = np.where(trip, 1, count)
    count = np.where((org.persona[emp] == 3) & (u[:, 1] < 0.12), 0, count)
    total = np.where(trip, 420, 240 + np.floor(u[:, 2] * 37) * 5)

    row = np.repeat(np.arange(n), count)
    m = row.size
    weight = 0.5 + rng.random(m)
    starts = np.cumsum(count) - count
    share = (
        weight
        / np.add.reduceat(weight, starts[count > 0])[
            np.repeat(np.arange((count > 0).sum()), count[count > 0])
        ]
    )
    minutes = np.maximum(15, np.round(share * total[row] / 5) * 5).astype(np.int64)

    e = emp[row]
    pick = (rng.random(m) * ctx.family_size[e]).astype(np.int64) + ctx.family_offset[e]
    desc = POOL[pick]
    desc[trip[row]] = TRIP_TEXT

    # One submission per person and day, in the evening (sometimes the next morning).
    late = u[:, 3] < 0.08
    sub = (
        d.midnight[day]
        + np.where(late, DAY + 7 * HOUR, 15 * HOUR + 30 * 60 * US)
        + (rng.random(n) * 5 * HOUR).astype(np.int64)
    )
    sub -= sub % US
    lag = rng.integers(0, 6, n)
    decided = (
        d.midnight[np.minimum(day + lag, d.n - 1)]
        + DAY * (day + lag >= d.n)
        + (8 * HOUR + rng.random(n) * 7 * HOUR).astype(np.int64)
    )
    decided = np.maximum(decided, sub + 600 * US)
    decided -= decided % US
    sup = org.supervisor[emp]
    r = rng.random(m)
    age = ctx.end_day - day[row]
    state = np.where(
        age <= 2, np.where(r < 0.75, 0, 1), np.where(r < 0.012, 0, np.where(r < 0.027, 2, 1))
    )
    pending = decided[row] > ctx.cut_us
    state = np.where(pending, 0, state)
    state = np.where((sup[row] < 0) & (state == 2), 1, state)
    names = np.array(["diajukan", "disetujui", "ditolak"], dtype=object)
    approver = np.where(state > 0, sup[row] + 1, 0)
    frame = pd.DataFrame(
        {
            "employee_id": e + 1,
            "work_date": d.dates64[day[row]],
            "description": pd.Series(desc, dtype=object),
            "minutes": minutes,
            "status": pd.Series(names[state], dtype=object),
            "approver_id": pd.array(np.where(approver > 0, approver, 0), dtype="Int64"),
            "submitted_at": pd.to_datetime(sub[row], unit="us", utc=True),
            "decided_at": pd.to_datetime(np.where(state > 0, decided[row], 0), unit="us", utc=True),
        }
    )
    frame.loc[approver <= 0, "approver_id"] = pd.NA
    frame.loc[state == 0, "decided_at"] = pd.NaT
    return frame


@dataclass
class Reviews:
    reviews: pd.DataFrame
    ratings: pd.DataFrame
    planted: list[dict[str, object]]


def reviews(org: Org, days: Days, end: date, cut_us: int, rng: np.random.Generator) -> Reviews:
    """Monthly reviews for every complete month of the period, with the planted raters."""
    n = len(org.unit_idx)
    sup = org.supervisor
    last = np.full(n, days.n + 1)
    for i, dd in enumerate(org.last_day):
        if dd is not None:
            last[i] = days.index(dd)
    children: list[list[int]] = [[] for _ in range(n)]
    for e in range(n):
        if sup[e] >= 0:
            children[int(sup[e])].append(e)
    unit_level: dict[tuple[int, int], list[int]] = {}
    for e in range(n):
        unit_level.setdefault((int(org.unit_idx[e]), int(org.level[e])), []).append(e)
    peers: list[list[int]] = []
    for e in range(n):
        group = children[int(sup[e])] if sup[e] >= 0 else []
        if len(group) < 3:
            group = unit_level[(int(org.unit_idx[e]), int(org.level[e]))]
        peers.append([x for x in group if x != e])

    # Planted raters: supervisors with the most people (harsh, lenient) and one pair of peers.
    order = sorted(range(n), key=lambda e: (-len(children[e]), e))
    raters = [e for e in order if children[e] and last[e] > days.n][:3]
    harsh = raters[:1]
    lenient = raters[1:3]
    pair: tuple[int, int] | None = None
    for e in range(n):
        if org.level[e] == 3 and last[e] > days.n and e not in raters:
            mates = [
                x
                for x in peers[e]
                if org.level[x] == 3 and last[x] > days.n and x not in raters and sup[x] == sup[e]
            ]
            if mates:
                pair = (e, mates[len(mates) // 2])
                break

    months = []
    first = days.dates[0].replace(day=1)
    month = first
    while True:
        nxt = (month + timedelta(days=32)).replace(day=1)
        if nxt > end:
            break
        months.append(month)
        month = nxt

    rows: list[tuple[int, int, int, int]] = []  # period idx, reviewer, reviewee, relation
    for mi, period in enumerate(months):
        month_end = (period + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        me = (month_end - days.dates[0]).days
        alive = last >= me
        u = rng.random((n, 3))
        for e in range(n):
            if not alive[e]:
                continue
            s = int(sup[e])
            if s >= 0 and alive[s]:
                rows.append((mi, s, e, 0))
            ps = [x for x in peers[e] if alive[x]]
            chosen: list[int] = []
            if pair is not None and e in pair:
                chosen.append(pair[1] if e == pair[0] else pair[0])
            if ps:
                chosen.append(ps[int(u[e, 0] * len(ps))])
                if len(ps) > 1:
                    chosen.append(
                        ps[(ps.index(chosen[-1]) + 1 + int(u[e, 1] * (len(ps) - 1))) % len(ps)]
                    )
            seen: set[int] = set()
            for x in chosen:
                if x not in seen and len(seen) < 2 and x != s:
                    seen.add(x)
                    rows.append((mi, x, e, 1))
            subs = [x for x in children[e] if alive[x]]
            if subs:
                rows.append((mi, subs[int(u[e, 2] * len(subs))], e, 2))

    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    m = arr.shape[0]
    reviewer, reviewee = arr[:, 1], arr[:, 2]
    ratings = rng.choice([1, 2, 3], size=(m, len(BERAKHLAK)), p=[0.06, 0.72, 0.22])
    is_harsh = np.isin(reviewer, harsh)
    is_lenient = np.isin(reviewer, lenient)
    ratings[is_harsh] = 1
    ratings[is_lenient] = 3
    mutual = np.zeros(m, dtype=bool)
    if pair is not None:
        mutual = ((reviewer == pair[0]) & (reviewee == pair[1])) | (
            (reviewer == pair[1]) & (reviewee == pair[0])
        )
        ratings[mutual] = 3
    mean = np.rint(ratings.mean(axis=1)).astype(np.int64)
    has_comment = (rng.random(m) < 0.2) | mutual | is_harsh
    pick = rng.integers(0, 3, m)
    comments = np.array(
        [
            words.REVIEW_COMMENTS[int(k)][int(j)] if c else None
            for k, j, c in zip(mean, pick, has_comment, strict=True)
        ],
        dtype=object,
    )
    comments[mutual] = "Luar biasa, rekan terbaik, selalu membantu"

    periods = np.array(months, dtype="datetime64[D]")
    period_end = np.array(
        [(p + timedelta(days=32)).replace(day=1) for p in months], dtype="datetime64[D]"
    )
    p_idx = arr[:, 0]
    sub_day = period_end[p_idx] + rng.integers(0, 7, m).astype("timedelta64[D]")
    sub_day = np.minimum(sub_day, np.datetime64(end, "D"))
    sub_us = (
        (sub_day - np.datetime64("1970-01-01", "D")).astype(np.int64) * DAY
        - 7 * HOUR
        + ((8 + rng.random(m) * 12) * HOUR).astype(np.int64)
    )
    sub_us = np.minimum(sub_us - sub_us % US, cut_us)
    ym = np.array([p.strftime("%Y%m") for p in months], dtype=object)
    keys = np.array(
        [f"rev:{ym[p]}:{a + 1}:{b + 1}" for p, a, b in zip(p_idx, reviewer, reviewee, strict=True)],
        dtype=object,
    )
    relation = np.array(["atasan", "rekan", "bawahan"], dtype=object)[arr[:, 3]]
    data: dict[str, object] = {
        "period": periods[p_idx],
        "reviewer_id": reviewer + 1,
        "reviewee_id": reviewee + 1,
        "relation": pd.Series(relation, dtype=object),
    }
    for k, value in enumerate(BERAKHLAK):
        data[value] = ratings[:, k]
    data["comment"] = pd.Series(comments, dtype=object)
    data["submitted_at"] = pd.to_datetime(sub_us, unit="us", utc=True)
    data["source_key"] = pd.Series(keys, dtype=object)
    frame = pd.DataFrame(data)

    planted: list[dict[str, object]] = []
    nips = org.employees["nip"].tolist()
    first_period = months[0].isoformat() if months else days.dates[0].isoformat()
    for kind, people, text in (
        ("harsh_rater", harsh, "selalu memberi nilai terendah (1) untuk semua nilai BerAKHLAK"),
        (
            "lenient_rater",
            lenient,
            "selalu memberi nilai tertinggi (3) untuk semua nilai BerAKHLAK",
        ),
    ):
        for e in people:
            mine = keys[reviewer == e].tolist()
            if mine:
                planted.append(
                    {
                        "kind": kind,
                        "nip": nips[e],
                        "work_date": first_period,
                        "source_keys": mine,
                        "detail": f"Penilai {text}",
                    }
                )
    if pair is not None:
        for a, b in (pair, pair[::-1]):
            mine = keys[(reviewer == a) & (reviewee == b)].tolist()
            if mine:
                planted.append(
                    {
                        "kind": "mutual_praise",
                        "nip": nips[a],
                        "work_date": first_period,
                        "source_keys": mine,
                        "detail": f"Saling memberi nilai tertinggi setiap bulan dengan NIP {nips[b]}",
                    }
                )

    # Work results, rated by the supervisor every month.
    rrows = []
    for mi in range(len(months)):
        me = (period_end[mi] - np.datetime64(days.dates[0], "D")).astype(np.int64) - 1
        rated = np.flatnonzero(last >= me)
        slow = org.persona[rated] == 1
        r = rng.random(rated.size)
        rating = np.where(
            slow,
            np.where(r < 0.25, 1, np.where(r < 0.95, 2, 3)),
            np.where(r < 0.06, 1, np.where(r < 0.8, 2, 3)),
        )
        rater = sup[rated]
        rrows.append(
            pd.DataFrame(
                {
                    "employee_id": rated + 1,
                    "period": np.full(rated.size, periods[mi]),
                    "rating": rating,
                    "rater_id": pd.array(np.where(rater >= 0, rater + 1, 0), dtype="Int64"),
                }
            )
        )
    ratings_frame = (
        pd.concat(rrows, ignore_index=True)
        if rrows
        else pd.DataFrame(columns=["employee_id", "period", "rating", "rater_id"])
    )
    if len(ratings_frame):
        ratings_frame.loc[ratings_frame["rater_id"] == 0, "rater_id"] = pd.NA
    return Reviews(frame, ratings_frame, planted)
