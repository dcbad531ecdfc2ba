"""Planted attendance irregularities, with their ground truth for the integrity checks.

A planted employee-day is removed from the ordinary generation and written here in full, so its
punches are exactly the story told in `detail`. Each planted punch carries a tag; once the month
is ordered and keyed, the tags become the source keys stored in AppSetting "demo_planted".
Every story happens within the last weeks of the period (photo stories inside the photo window),
on a day the employee is due at work and has no leave. People are never reused across stories,
so one story never looks like another kind by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from data.demo_attendance import FP, MS, SELFIE, Batch, Context, carrier_ips, empty_batch, jitter
from data.demo_photos import ALTER, COPY, NEW
from data.demo_time import HOUR, US

# Places well outside the city (lat, lon, name) for check-ins far from any office.
FAR_PLACES = (
    (-7.6050, 111.4450, "Maospati, Magetan"),
    (-7.5460, 111.6530, "Caruban, Kabupaten Madiun"),
    (-7.7480, 111.5330, "Dolopo, Kabupaten Madiun"),
)
BURST_IP = "103.147.9.41"
KINDS = (
    "mock_location", "outside_geofence", "impossible_travel", "repeated_coordinates",
    "shared_device", "reused_photo", "near_duplicate_photo", "channel_conflict", "clockwork",
    "ip_burst",
)  # fmt: skip


@dataclass
class Entry:
    kind: str
    emp: int
    day: date
    detail: str
    tags: list[int]


@dataclass
class Plan:
    batch: Batch
    excluded: np.ndarray  # emp * n_days + day of every planted employee-day
    entries: list[Entry] = field(default_factory=list)
    devices: list[tuple[int, str, str, str, int]] = field(
        default_factory=list
    )  # emp, id, os, ver, day


class _Builder:
    def __init__(self, ctx: Context, rng: np.random.Generator, window: tuple[int, int]) -> None:
        self.ctx = ctx
        self.rng = rng
        self.lo, self.hi = window
        self.rows: list[dict[str, object]] = []
        self.entries: list[Entry] = []
        self.devices: list[tuple[int, str, str, str, int]] = []
        self.used: set[int] = set()
        self.taken: set[tuple[int, int]] = set()
        p = ctx.people
        n = len(p.persona)
        alive = p.last > ctx.days.n
        self.pool = np.flatnonzero(alive & ~p.shift & p.app_ok & (p.level > 0))
        self.rng.shuffle(self.pool)
        self.fieldwork = p.field
        self.n = n

    # --- choosing people and days -------------------------------------------------------------
    def free_days(self, emp: int, lo: int | None = None) -> list[int]:
        d = self.ctx.days
        days = np.arange(self.lo if lo is None else lo, self.hi + 1)
        days = days[d.workday[days]]
        codes = self.ctx.leave.lookup(np.full(days.size, emp), days, d.n)
        return [int(x) for x in days[codes == 0] if (emp, int(x)) not in self.taken]

    def person(
        self, want: np.ndarray | None = None, days_needed: int = 1, lo: int | None = None
    ) -> tuple[int, list[int]] | None:
        for candidate in self.pool:
            e = int(candidate)
            if e in self.used or (want is not None and not want[e]):
                continue
            free = self.free_days(e, lo)
            if len(free) >= days_needed:
                self.used.add(e)
                return e, free
        return None

    # --- punches --------------------------------------------------------------------------------
    def device(self, emp: int, day: int) -> tuple[str, str, str]:
        p = self.ctx.people
        if day >= p.switch[emp]:
            return str(p.dev_b[emp]), str(p.os_b[emp]), str(p.ver_b[emp])
        return str(p.dev_a[emp]), str(p.os_a[emp]), str(p.ver_a[emp])

    def office_point(self, office: int, share: float = 0.5) -> tuple[float, float]:
        org = self.ctx.org
        lat, lon = jitter(
            self.rng,
            org.office_lat[[office]],
            org.office_lon[[office]],
            share * org.office_radius[office],
        )
        return float(lat[0]), float(lon[0])

    def at(self, day: int, hh: int, mm: int, ss: int, ms: int | None = None) -> int:
        ms = int(self.rng.integers(0, 1000)) if ms is None else ms
        return int(self.ctx.days.midnight[day] + (hh * 3600 + mm * 60 + ss) * US + ms * MS)

    def punch(
        self, emp: int, day: int, ts: int, direction: int, ch: int = SELFIE, **kw: object
    ) -> int:
        """Add one punch; returns its tag."""
        self.taken.add((emp, day))
        tag = len(self.rows)
        dev, os_, ver = self.device(emp, day)
        row: dict[str, object] = {
            "emp": emp,
            "day": day,
            "ch": ch,
            "dirn": direction,
            "ts": ts,
            "tag": tag,
        }
        if ch != FP:
            row.update(dev_id=dev, dev_os=os_, app_ver=ver, ip=str(carrier_ips(self.rng, 1)[0]),
                       acc=round(float(3 + self.rng.random() * 12), 1), photo=True)  # fmt: skip
        row.update(kw)
        self.rows.append(row)
        return tag

    def app_in(self, emp: int, day: int, ts: int, office: int | None = None, **kw: object) -> int:
        office = self.ctx.people.base_office[emp] if office is None else office
        lat, lon = self.office_point(int(office))
        return self.punch(emp, day, ts, 0, lat=lat, lon=lon, **kw)  # type: ignore[arg-type]

    def normal_out(self, emp: int, day: int, office: int | None = None, ch: int = SELFIE) -> int:
        p, org = self.ctx.people, self.ctx.org
        ts = int(self.ctx.days.end[day] + (300 + self.rng.random() * 1800) * US)
        if ch == FP:
            o = int(p.fp_office[emp])
            return self.punch(emp, day, ts - ts % US, 1, ch=FP, lat=float(org.office_lat[o]),
                              lon=float(org.office_lon[o]), fp=int(org.office_fp[o]))  # fmt: skip
        office = p.base_office[emp] if office is None else office
        lat, lon = self.office_point(int(office))
        return self.punch(emp, day, ts - ts % MS, 1, lat=lat, lon=lon)

    def morning(self, day: int) -> int:
        return int(self.ctx.days.start[day] - (300 + self.rng.random() * 1200) * US)

    def entry(self, kind: str, emp: int, day: int, detail: str, tags: list[int]) -> None:
        self.entries.append(Entry(kind, emp, self.ctx.days.dates[day], detail, tags))

    # --- the stories ----------------------------------------------------------------------------
    def mock_location(self) -> None:
        for _ in range(2):
            got = self.person(self.fieldwork, 2) or self.person(None, 2)
            if got is None:
                return
            e, free = got
            for day in sorted(self.rng.choice(free, 2, replace=False).tolist()):
                t_in = self.app_in(e, day, self.morning(day), mock=True, acc=1.0)
                t_out = self.normal_out(e, day)
                self.rows[t_out]["mock"] = True
                self.entry(
                    "mock_location",
                    e,
                    day,
                    "Lokasi palsu (mock location) terdeteksi pada absen masuk dan pulang",
                    [t_in, t_out],
                )

    def outside_geofence(self) -> None:
        office_staff = ~self.fieldwork
        for k in range(2):
            got = self.person(office_staff) or self.person(None)
            if got is None:
                return
            e, free = got
            day = int(self.rng.choice(free))
            lat, lon, place = FAR_PLACES[k % len(FAR_PLACES)]
            la, lo = jitter(self.rng, np.array([lat]), np.array([lon]), 40.0)
            t_in = self.punch(e, day, self.morning(day), 0, lat=float(la[0]), lon=float(lo[0]))
            self.normal_out(e, day)
            self.entry(
                "outside_geofence",
                e,
                day,
                f"Absen masuk selfie di {place}, beberapa kilometer dari kantor unit",
                [t_in],
            )

    def _far_pair(self, unit_pos: int) -> tuple[int, int] | None:
        """Two offices of a unit at least 2.5 km apart."""
        from ekinerja.geo import haversine_m

        org = self.ctx.org
        offs = org.unit_offices[unit_pos]
        for a in offs:
            for b in offs:
                if (
                    a < b
                    and haversine_m(
                        org.office_lat[a], org.office_lon[a], org.office_lat[b], org.office_lon[b]
                    )
                    > 2500
                ):
                    return a, b
        return None

    def _with_far_offices(self, want_field: bool) -> tuple[int, list[int], tuple[int, int]] | None:
        org = self.ctx.org
        ok = np.zeros(self.n, dtype=bool)
        pairs: dict[int, tuple[int, int]] = {}
        for u in range(len(org.unit_offices)):
            pair = self._far_pair(u)
            if pair is not None:
                pairs[u] = pair
        for e in range(self.n):
            u = int(org.unit_idx[e])
            if (
                u in pairs
                and bool(self.fieldwork[e]) == want_field
                and (want_field or self.ctx.people.fp_office[e] >= 0)
            ):
                ok[e] = True
        got = self.person(ok)
        if got is None:
            return None
        return got[0], got[1], pairs[int(org.unit_idx[got[0]])]

    def impossible_travel(self) -> None:
        got = self._with_far_offices(want_field=True)
        if got is None:
            return
        e, free, (a, b) = got
        day = int(self.rng.choice(free))
        org = self.ctx.org
        t0 = self.morning(day)
        t1 = self.app_in(e, day, t0, office=a)
        t2 = self.app_in(e, day, t0 + 75 * US, office=b)
        self.normal_out(e, day, office=a)
        self.entry(
            "impossible_travel",
            e,
            day,
            f"Dua absen masuk dalam 75 detik di {org.offices['name'].iat[a]} dan {org.offices['name'].iat[b]}",
            [t1, t2],
        )

    def repeated_coordinates(self) -> None:
        got = self.person(None, 8)
        if got is None:
            return
        e, free = got
        days = sorted(self.rng.choice(free, 8, replace=False).tolist())
        lat, lon = self.office_point(int(self.ctx.people.base_office[e]), 0.3)
        tags = [self.punch(e, day, self.morning(day), 0, lat=lat, lon=lon) for day in days]
        for day in days:
            self.normal_out(e, day)
        self.entry(
            "repeated_coordinates",
            e,
            days[0],
            f"Koordinat absen masuk persis sama ({lat:.7f}, {lon:.7f}) pada {len(days)} hari",
            tags,
        )

    def shared_device(self) -> None:
        org = self.ctx.org
        by_unit: dict[int, list[int]] = {}
        for candidate in self.pool:
            if int(candidate) not in self.used:
                by_unit.setdefault(int(org.unit_idx[candidate]), []).append(int(candidate))
        for members in by_unit.values():
            if len(members) < 3:
                continue
            trio = members[:3]
            common = set(self.free_days(trio[0]))
            for x in trio[1:]:
                common &= set(self.free_days(x))
            if not common:
                continue
            day = int(self.rng.choice(sorted(common)))
            self.used.update(trio)
            dev, os_, ver = self.device(trio[0], day)
            t0 = self.morning(day)
            office = int(self.ctx.people.base_office[trio[0]])
            for k, e in enumerate(trio):
                tag = self.app_in(
                    e,
                    day,
                    t0 + k * (40 + int(self.rng.integers(0, 60))) * US,
                    office=office,
                    dev_id=dev,
                    dev_os=os_,
                    app_ver=ver,
                )
                self.normal_out(e, day)
                if k:
                    self.devices.append((e, dev, os_, ver, day))
                self.entry(
                    "shared_device",
                    e,
                    day,
                    f"Perangkat {dev} dipakai 3 pegawai pada hari yang sama",
                    [tag],
                )
            return

    def photo_pairs(self, kind: str, photo_kind: int, count: int) -> None:
        lo = max(self.lo, self.ctx.photo_from)
        for _ in range(count):
            got = self.person(None, 2, lo=lo)
            if got is None:
                return
            e, free = got
            first, second = sorted(self.rng.choice(free, 2, replace=False).tolist())
            seed = int(self.rng.integers(1, 1 << 62))
            t1 = self.app_in(e, first, self.morning(first), photo_seed=seed, photo_kind=NEW)
            self.normal_out(e, first)
            t2 = self.app_in(
                e, second, self.morning(second), photo_seed=seed, photo_kind=photo_kind
            )
            self.normal_out(e, second)
            what = (
                "file foto yang sama persis"
                if photo_kind == COPY
                else "foto yang hampir sama (diubah sedikit)"
            )
            self.entry(
                kind,
                e,
                second,
                f"Absen masuk memakai {what} dengan absen {self.ctx.days.dates[first]:%d-%m-%Y}",
                [t2, t1],
            )

    def channel_conflict(self) -> None:
        got = self._with_far_offices(want_field=False)
        if got is None:
            return
        e, free, (a, b) = got
        day = int(self.rng.choice(free))
        org, p = self.ctx.org, self.ctx.people
        o = int(p.fp_office[e])
        far = b if o == a else a
        t0 = self.morning(day)
        t1 = self.punch(
            e,
            day,
            t0 - t0 % US,
            0,
            ch=FP,
            lat=float(org.office_lat[o]),
            lon=float(org.office_lon[o]),
            fp=int(org.office_fp[o]),
        )
        t2 = self.app_in(e, day, t0 + 230 * US, office=far)
        self.normal_out(e, day, ch=FP)
        self.entry(
            "channel_conflict",
            e,
            day,
            f"Fingerprint di {org.offices['name'].iat[o]} dan selfie di {org.offices['name'].iat[far]} berselang 4 menit",
            [t1, t2],
        )

    def clockwork(self) -> None:
        got = self.person(None, 10)
        if got is None:
            return
        e, free = got
        days = free[-12:]
        hh, mm, ss = 7, int(self.rng.integers(5, 25)), int(self.rng.integers(0, 60))
        tags = [self.app_in(e, day, self.at(day, hh, mm, ss, 0)) for day in days]
        for day in days:
            self.normal_out(e, day)
        self.entry(
            "clockwork",
            e,
            days[0],
            f"Absen masuk selalu pukul {hh:02d}:{mm:02d}:{ss:02d} tepat selama {len(days)} hari",
            tags,
        )

    def ip_burst(self) -> None:
        members: list[int] = []
        day: int | None = None
        for candidate in self.pool:
            e = int(candidate)
            if e in self.used:
                continue
            free = self.free_days(e)
            if day is None and free:
                day = free[len(free) // 2]
            if day is not None and day in free:
                members.append(e)
            if len(members) == 8:
                break
        if day is None or len(members) < 5:
            return
        self.used.update(members)
        t0 = self.morning(day)
        for k, e in enumerate(members):
            tag = self.app_in(
                e, day, t0 + int(k * 6.5 * US) + int(self.rng.integers(0, 900)) * MS, ip=BURST_IP
            )
            self.normal_out(e, day)
            self.entry(
                "ip_burst",
                e,
                day,
                f"{len(members)} absen masuk dari alamat IP {BURST_IP} dalam satu menit",
                [tag],
            )


def plan(ctx: Context, rng: np.random.Generator, window_days: int = 30) -> Plan:
    """Choose and write the planted stories; ordinary generation then skips these employee-days."""
    d = ctx.days
    hi = d.n - 2  # never the last day: it may be today, cut at the build time
    lo = max(0, hi - window_days)
    b = _Builder(ctx, rng, (lo, hi))
    b.mock_location()
    b.outside_geofence()
    b.impossible_travel()
    b.channel_conflict()
    b.repeated_coordinates()
    b.shared_device()
    b.clockwork()
    if ctx.photo_from <= hi:
        b.photo_pairs("reused_photo", COPY, 2)
        b.photo_pairs("near_duplicate_photo", ALTER, 2)
    b.ip_burst()
    batch = empty_batch(len(b.rows))
    for i, row in enumerate(b.rows):
        for k, v in row.items():
            batch[k][i] = v
    excluded = np.unique(np.array([e * d.n + day for e, day in b.taken], dtype=np.int64))
    return Plan(batch, excluded, b.entries, b.devices)


def ground_truth(
    plan: Plan, nips: list[str], keys_by_tag: dict[int, str]
) -> list[dict[str, object]]:
    """The JSON-ready list stored in AppSetting demo_planted."""
    out: list[dict[str, object]] = []
    for entry in plan.entries:
        keys = [keys_by_tag[t] for t in entry.tags if t in keys_by_tag]
        out.append(
            {
                "kind": entry.kind,
                "nip": nips[entry.emp],
                "work_date": entry.day.isoformat(),
                "source_keys": keys,
                "detail": entry.detail,
            }
        )
    return out


def device_rows(plan: Plan, days_midnight: np.ndarray) -> pd.DataFrame:
    """Device rows for the colleagues who logged in on someone else's phone."""
    rows = []
    for emp, dev, os_, ver, day in plan.devices:
        seen = pd.Timestamp(int(days_midnight[day] + 7 * HOUR), unit="us", tz="UTC")
        name, _, version = os_.partition(" ")
        rows.append((emp + 1, dev, None, name, version, ver, True, True, seen, seen))
    return pd.DataFrame(
        rows,
        columns=["employee_id", "device_id", "model", "os", "os_version", "app_version",
                 "gps_permission", "camera_permission", "first_seen", "last_seen"],
    )  # fmt: skip
