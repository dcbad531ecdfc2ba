"""Punches of one month for the whole city, drawn with numpy (no loop over punches).

Who works when comes from the regular calendar or the RSUD roster, minus leave; each present day
gets a channel (fingerprint at the office machine, selfie at the office or a field post, WFH at
home, QR at an office door or the monthly assembly), a check-in and usually a check-out whose
times follow the employee's persona. The result is a column batch (dict of arrays) that the
planted irregularities are appended to before `finish` orders it and makes the database frame.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from data import demo_words as words
from data.demo_org import ALUN_ALUN, METRES_PER_DEG_LAT, Org, metres_per_deg_lon
from data.demo_photos import NEW, PhotoJob
from data.demo_time import DAY, HOUR, US, WIB_OFFSET, Days, LeaveTable, Roster, last_day_index

FP, SELFIE, WFH, QR = 0, 1, 2, 3
CHANNELS = np.array(["fingerprint", "selfie", "wfh", "qr"], dtype=object)
DIRECTIONS = np.array(["in", "out"], dtype=object)
MS = 1000

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjArray = npt.NDArray[np.object_]
Batch = dict[str, np.ndarray]

BATCH_COLUMNS = {
    "emp": np.int64, "day": np.int64, "ch": np.int64, "dirn": np.int64, "ts": np.int64,
    "lat": np.float64, "lon": np.float64, "acc": np.float64, "dev_id": object, "dev_os": object,
    "app_ver": object, "ip": object, "qr": np.int64, "fp": np.int64, "mock": bool,
    "photo": bool, "photo_seed": np.int64, "photo_kind": np.int64, "tag": np.int64,
}  # fmt: skip


@dataclass
class People:
    """Per-employee facts as arrays indexed by employee position."""

    shift: BoolArray
    field: BoolArray
    app_ok: BoolArray
    persona: IntArray
    level: IntArray
    base_office: IntArray
    fp_office: IntArray  # -1: no machine
    post_first: IntArray
    post_count: IntArray
    qr_office: IntArray  # QR code id at the base office, 0 if none
    home_lat: FloatArray
    home_lon: FloatArray
    last: IntArray
    switch: IntArray
    dev_a: ObjArray
    dev_b: ObjArray
    os_a: ObjArray
    os_b: ObjArray
    ver_a: ObjArray
    ver_b: ObjArray
    pin: ObjArray


def people_arrays(org: Org, days: Days) -> People:
    n = len(org.unit_idx)
    first = np.array([offs[0] for offs in org.unit_offices], dtype=np.int64)
    count = np.array([len(offs) for offs in org.unit_offices], dtype=np.int64)
    base = org.base_office
    has_fp = org.office_fp[base] > 0
    unit_first = first[org.unit_idx]
    fp_office = np.where(has_fp, base, np.where(org.office_fp[unit_first] > 0, unit_first, -1))
    switch = np.full(n, days.n + 1, dtype=np.int64)
    for i, d in enumerate(org.switch_day):
        if d is not None:
            switch[i] = days.index(d)
    pin = np.full(n, None, dtype=object)
    pin[org.pins["employee_id"].to_numpy() - 1] = org.pins["pin"].to_numpy(dtype=object)

    def obj(values: list[str] | list[str | None]) -> ObjArray:
        out = np.empty(n, dtype=object)
        out[:] = values
        return out

    return People(
        shift=org.shift,
        field=org.in_field,
        app_ok=org.app_ok,
        persona=org.persona,
        level=org.level,
        base_office=base,
        fp_office=fp_office,
        post_first=unit_first,
        post_count=count[org.unit_idx],
        qr_office=org.office_qr[base],
        home_lat=org.employees["home_lat"].to_numpy(dtype=np.float64),
        home_lon=org.employees["home_lon"].to_numpy(dtype=np.float64),
        last=last_day_index(org, days),
        switch=switch,
        dev_a=obj(org.device_a),
        dev_b=obj(org.device_b),
        os_a=obj(org.device_os),
        os_b=obj(org.device_os_b),
        ver_a=obj(org.app_version),
        ver_b=obj(org.app_version_b),
        pin=pin,
    )


@dataclass
class Context:
    org: Org
    people: People
    days: Days
    leave: LeaveTable
    roster: Roster
    event_qr: IntArray  # QR id of the assembly per day index, 0 if none
    photo_from: int  # first day index with photo files
    cut_us: int  # no punch after this instant (the build time when the period ends today)
    excluded: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # emp*n+day
    fp_serial: ObjArray = field(default_factory=lambda: np.zeros(0, dtype=object))


def empty_batch(n: int = 0) -> Batch:
    out: Batch = {}
    for name, dtype in BATCH_COLUMNS.items():
        out[name] = np.full(n, None, dtype=object) if dtype is object else np.zeros(n, dtype=dtype)
    out["tag"][:] = -1
    out["photo_seed"][:] = -1
    out["lat"][:] = np.nan
    out["lon"][:] = np.nan
    out["acc"][:] = np.nan
    return out


def concat(batches: list[Batch]) -> Batch:
    return {k: np.concatenate([b[k] for b in batches]) for k in BATCH_COLUMNS}


def take(batch: Batch, idx: npt.NDArray[np.int64] | BoolArray) -> Batch:
    return {k: v[idx] for k, v in batch.items()}


def jitter(
    rng: np.random.Generator, lat: FloatArray, lon: FloatArray, radius: FloatArray | float
) -> tuple[FloatArray, FloatArray]:
    """Points uniformly inside a disc of `radius` metres around (lat, lon), GPS-rounded."""
    n = lat.size
    d = np.asarray(radius) * np.sqrt(rng.random(n))
    a = rng.random(n) * 2 * np.pi
    out_lat = lat + d * np.cos(a) / METRES_PER_DEG_LAT
    out_lon = lon + d * np.sin(a) / metres_per_deg_lon()
    return np.round(out_lat, 7), np.round(out_lon, 7)


def carrier_ips(rng: np.random.Generator, n: int) -> ObjArray:
    prefixes = np.array(words.CARRIER_PREFIXES)
    third = rng.integers(0, 256, n).astype(str)
    fourth = rng.integers(1, 255, n).astype(str)
    text = np.strings.add(np.strings.add(np.strings.add(prefixes[rng.integers(0, prefixes.size, n)], "."), third), np.strings.add(".", fourth))  # fmt: skip
    return text.astype(object)


def month_batch(ctx: Context, lo: int, hi: int, rng: np.random.Generator) -> Batch:
    """Ordinary punches of the days [lo, hi] (day indexes)."""
    p, d = ctx.people, ctx.days
    n_days = d.n
    # Who is due at work: regular staff on regular work days, RSUD staff on their roster days.
    regular = np.flatnonzero(~p.shift)
    wd = np.arange(lo, hi + 1)
    wd = wd[d.workday[wd]]
    emp = np.repeat(regular, wd.size)
    day = np.tile(wd, regular.size)
    exp_s, exp_e = d.start[day], d.end[day]
    sel = (ctx.roster.day >= lo) & (ctx.roster.day <= hi)
    r_emp, r_day, r_sh = ctx.roster.emp[sel], ctx.roster.day[sel], ctx.roster.shift[sel]
    r_s = d.midnight[r_day] + np.where(r_sh == 0, 7, 14) * HOUR
    emp = np.concatenate([emp, r_emp])
    day = np.concatenate([day, r_day])
    exp_s = np.concatenate([exp_s, r_s])
    exp_e = np.concatenate([exp_e, r_s + 7 * HOUR])
    keep = day <= p.last[emp]
    if ctx.excluded.size:
        keep &= ~np.isin(emp * n_days + day, ctx.excluded)
    emp, day, exp_s, exp_e = emp[keep], day[keep], exp_s[keep], exp_e[keep]

    leave = ctx.leave.lookup(emp, day, n_days)
    m = emp.size
    u = rng.random((m, 6))
    persona = p.persona[emp]
    tk_p = np.array([0.003, 0.012, 0.004, 0.015])[persona] * (p.level[emp] > 0)
    present = ((leave == 0) | (leave == 5)) & ~((leave == 0) & (u[:, 0] < tk_p))
    emp, day, exp_s, exp_e, leave, persona = (
        emp[present],
        day[present],
        exp_s[present],
        exp_e[present],
        leave[present],
        persona[present],
    )
    m = emp.size
    u = rng.random((m, 14))
    shift = p.shift[emp]
    fieldw = p.field[emp]
    has_fp = p.fp_office[emp] >= 0

    # Channel of the day.
    r = u[:, 0]
    office_ch = np.where(r < 0.80, FP, np.where(r < 0.96, SELFIE, QR))
    office_ch = np.where((office_ch == QR) & (p.qr_office[emp] == 0), FP, office_ch)
    ch = np.where(fieldw, np.where(r < 0.95, SELFIE, FP), office_ch)
    ch = np.where(~has_fp & (ch == FP), SELFIE, ch)
    ch = np.where(leave == 5, WFH, ch)
    ch = np.where(~fieldw & ~shift & has_fp & (u[:, 1] < 0.004), WFH, ch)
    ch = np.where(~p.app_ok[emp] & has_fp, FP, ch)
    event = ctx.event_qr[day]
    at_event = (
        (event > 0) & ~shift & (ch != WFH) & (u[:, 2] < np.where(p.level[emp] <= 2, 0.9, 0.35))
    )
    ch_in = np.where(at_event, QR, ch)
    ch_out = np.where(ch == QR, np.where(has_fp, FP, SELFIE), ch)
    ch_out = np.where(at_event & (ch == QR), np.where(has_fp, FP, SELFIE), ch_out)

    # Check-in: seconds relative to the expected start.
    early = -(60 + u[:, 3] * 1740)  # 07:00:00 .. 07:29:00 for a 07:30 start
    band = np.searchsorted(np.array([0.45, 0.78, 0.91, 0.97]), u[:, 4], side="right")
    late_p = np.array([0.03, 0.0, 0.05, 0.05])[persona]
    band = np.where(persona == 1, band, np.where(u[:, 4] < late_p, 1, 0))
    lateness = np.select(
        [band == 1, band == 2, band == 3, band == 4],
        [60 + u[:, 5] * 1740, 1860 + u[:, 5] * 1740, 3660 + u[:, 5] * 1740, 5460 + u[:, 5] * 5400],
        early,
    )
    lateness = np.where(
        shift,
        np.where((persona == 1) & (u[:, 4] < 0.3), 60 + u[:, 5] * 1200, -(300 + u[:, 3] * 1200)),
        lateness,
    )
    lateness = np.where(at_event, -(1800 + u[:, 3] * 1800), lateness)
    ts_in = exp_s + (lateness * US).astype(np.int64)

    # Check-out: seconds relative to the expected end; some leave early, some forget.
    stay = u[:, 6] * 2700
    leaves_early = ((persona == 2) & (u[:, 7] < 0.4)) | ((persona == 0) & (u[:, 7] < 0.01))
    early_by = np.where(u[:, 8] < 0.1, 3000 + u[:, 9] * 3000, 60 + u[:, 9] * 2940)
    out_off = np.where(leaves_early, -early_by, np.where(shift, u[:, 6] * 1200, stay))
    ts_out = exp_e + (out_off * US).astype(np.int64)
    has_out = u[:, 10] >= np.array([0.01, 0.02, 0.01, 0.10])[persona]
    # Fingerprint users often press twice.
    dup = (ch_in == FP) & (u[:, 11] < 0.04)

    ins = _rows(ctx, rng, emp, day, ch_in, 0, ts_in, event * at_event)
    dups = _rows(ctx, rng, emp[dup], day[dup], ch_in[dup], 0, ts_in[dup] + ((3 + u[dup, 12] * 57) * US).astype(np.int64), np.zeros(int(dup.sum()), np.int64))  # fmt: skip
    outs = _rows(ctx, rng, emp[has_out], day[has_out], ch_out[has_out], 1, ts_out[has_out], np.zeros(int(has_out.sum()), np.int64))  # fmt: skip
    return concat([ins, dups, outs])


def _rows(
    ctx: Context,
    rng: np.random.Generator,
    emp: IntArray,
    day: IntArray,
    ch: IntArray,
    direction: int,
    ts: IntArray,
    event_qr: IntArray,
) -> Batch:
    """Punch columns for given people, days, channels and instants (place, device, network)."""
    org, p = ctx.org, ctx.people
    n = emp.size
    b = empty_batch(n)
    b["emp"], b["day"], b["ch"] = emp, day, ch
    b["dirn"][:] = direction
    app = ch != FP
    # Machines keep whole seconds; phones send milliseconds.
    b["ts"] = np.where(app, ts - ts % MS, ts - ts % US)

    post = p.post_first[emp] + (rng.random(n) * p.post_count[emp]).astype(np.int64)
    office = np.where(ch == FP, p.fp_office[emp], np.where(p.field[emp], post, p.base_office[emp]))
    office = np.maximum(office, 0)
    o_lat, o_lon, o_rad = org.office_lat[office], org.office_lon[office], org.office_radius[office]
    at_event = event_qr > 0
    c_lat = np.where(ch == WFH, p.home_lat[emp], np.where(at_event, ALUN_ALUN[0], o_lat))
    c_lon = np.where(ch == WFH, p.home_lon[emp], np.where(at_event, ALUN_ALUN[1], o_lon))
    radius = np.where(
        ch == WFH, 8.0, np.where(ch == QR, np.where(at_event, 60.0, 0.4 * o_rad), 0.55 * o_rad)
    )
    lat, lon = jitter(rng, c_lat, c_lon, radius)
    b["lat"] = np.where(app, lat, o_lat)
    b["lon"] = np.where(app, lon, o_lon)
    acc = np.round(np.where(ch == WFH, 5 + rng.random(n) * 25, 3 + rng.random(n) * 15), 1)
    b["acc"] = np.where(app, acc, np.nan)
    b["fp"] = np.where(app, 0, org.office_fp[office])
    b["qr"] = np.where(ch == QR, np.where(at_event, event_qr, p.qr_office[emp]), 0)

    second = day >= p.switch[emp]
    for name, new, old in (
        ("dev_id", p.dev_b, p.dev_a),
        ("dev_os", p.os_b, p.os_a),
        ("app_ver", p.ver_b, p.ver_a),
    ):
        values = np.where(second, new[emp], old[emp])
        values[~app] = None
        b[name] = values
    ips = np.full(n, None, dtype=object)
    ips[app] = carrier_ips(rng, int(app.sum()))
    b["ip"] = ips
    b["photo"] = (ch == SELFIE) | (ch == WFH)
    return b


@dataclass
class Finished:
    frame: pd.DataFrame  # punch rows for the database
    summary_input: pd.DataFrame  # the columns compute_summaries reads
    jobs: list[PhotoJob]
    job_rows: IntArray  # row positions (in frame) of the jobs
    tags: IntArray  # planted tag per row (-1 ordinary)


def finish(ctx: Context, batch: Batch, month_key: str) -> Finished:
    """Order the month's punches, give them source keys and photo paths, and build the frames."""
    d = ctx.days
    keep = batch["ts"] <= ctx.cut_us
    b = take(batch, keep)
    # Employee-major order: each employee's rows land next to each other in every index.
    order = np.lexsort((b["ts"], b["day"], b["emp"]))
    b = take(b, order)
    n = b["emp"].size
    app = b["ch"] != FP

    keys = np.empty(n, dtype=object)
    if app.any():
        seq = np.strings.zfill(np.arange(1, int(app.sum()) + 1).astype(str), 7)
        keys[app] = np.strings.add(f"app:{month_key}:", seq).astype(object)
    fp = ~app
    if fp.any():
        local = (b["ts"][fp] + WIB_OFFSET).astype("datetime64[us]")
        stamp = np.datetime_as_string(local, unit="s")
        serial = ctx.fp_serial[b["fp"][fp]].astype(str)
        pin = ctx.people.pin[b["emp"][fp]].astype(str)
        head = np.strings.add(
            np.strings.add(np.strings.add("zk:", serial), ":"), np.strings.add(pin, ":")
        )
        keys[fp] = np.strings.add(head, stamp).astype(object)

    photo_rows = np.flatnonzero(b["photo"] & (b["day"] >= ctx.photo_from))
    paths = np.full(n, None, dtype=object)
    jobs: list[PhotoJob] = []
    for i in photo_rows.tolist():
        token = hashlib.blake2b(keys[i].encode(), digest_size=10).hexdigest()
        day = d.dates[int(b["day"][i])]
        path = f"{day:%Y/%m/%d}/{token}.jpg"
        paths[i] = path
        seed = int(b["photo_seed"][i])
        jobs.append(
            PhotoJob(
                path, seed if seed >= 0 else int(token[:15], 16), int(b["photo_kind"][i]) or NEW
            )
        )

    ts = pd.to_datetime(b["ts"], unit="us", utc=True)
    # Phones upload within seconds; the machines push their log within minutes.
    delay = np.where(app, 1 + (b["ts"] // MS) % 19, 60 + (b["ts"] // US) % 540) * US
    frame = pd.DataFrame(
        {
            "employee_id": b["emp"] + 1,
            "channel": pd.Series(CHANNELS[b["ch"]], dtype=object),
            "direction": pd.Series(DIRECTIONS[b["dirn"]], dtype=object),
            "ts": ts,
            "work_date": d.dates64[b["day"]],
            "lat": b["lat"],
            "lon": b["lon"],
            "accuracy_m": b["acc"],
            "photo_path": pd.Series(paths, dtype=object),
            "device_id": pd.Series(b["dev_id"], dtype=object),
            "device_os": pd.Series(b["dev_os"], dtype=object),
            "app_version": pd.Series(b["app_ver"], dtype=object),
            "mock_location": b["mock"],
            "ip": pd.Series(b["ip"], dtype=object),
            "qr_code_id": pd.array(np.where(b["qr"] > 0, b["qr"], 0), dtype="Int64"),
            "fp_device_id": pd.array(np.where(b["fp"] > 0, b["fp"], 0), dtype="Int64"),
            "source_key": pd.Series(keys, dtype=object),
            "created_at": pd.to_datetime(b["ts"] + delay, unit="us", utc=True),
        }
    )
    frame.loc[b["qr"] == 0, "qr_code_id"] = pd.NA
    frame.loc[b["fp"] == 0, "fp_device_id"] = pd.NA
    summary_input = pd.DataFrame(
        {
            "employee_id": frame["employee_id"],
            "ts": ts,
            "work_date": pd.Series(d.dates_obj[b["day"]], dtype=object),
            "direction": frame["direction"],
            "channel": frame["channel"],
            "mock_location": b["mock"],
        }
    )
    return Finished(frame, summary_input, jobs, photo_rows, b["tag"])


def add_photo_hashes(frame: pd.DataFrame, rows: IntArray, hashes: list[tuple[str, str]]) -> None:
    sha = np.full(len(frame), None, dtype=object)
    phash = np.full(len(frame), None, dtype=object)
    if len(rows):
        sha[rows] = [h[0] for h in hashes]
        phash[rows] = [h[1] for h in hashes]
    frame["photo_sha256"] = pd.Series(sha, dtype=object)
    frame["photo_phash"] = pd.Series(phash, dtype=object)


def day_bounds(days: Days, lo: int, hi: int) -> tuple[int, int]:
    """UTC instants of the start of day lo and the end of day hi (WIB)."""
    return int(days.midnight[lo]), int(days.midnight[hi] + DAY)
