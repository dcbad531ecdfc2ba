"""The demo organisation: units, offices, machines, QR codes, employees, phones and PINs.

Everything is derived from the seed, so the same configuration gives the same city. The layout
(units and their offices) does not depend on the seed at all: only people do.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import numpy.typing as npt
import pandas as pd

from data import demo_places as places
from data import demo_words as words

BALAI_KOTA = (-7.6244, 111.5206)
METRES_PER_DEG_LAT = 111_320.0

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

REGULAR_SCHEDULE_ID = 1
SHIFT_SCHEDULE_ID = 2

# Relative size of each unit (people); RSUD and Disdik are the large ones.
UNIT_WEIGHTS = {
    "SETDA": 5.0, "SETWAN": 1.5, "INSPEKTORAT": 1.5, "BKPSDM": 1.5, "BAKESBANGPOL": 0.8,
    "BPBD": 1.2, "BAPENDA": 2.0, "BPKAD": 2.0, "BAPPEDA-LITBANG": 1.5, "DISDIK": 11.0,
    "DINKES-PPKB": 6.0, "DISKOMINFO": 1.5, "DPUPR": 3.0, "DISHUB": 3.0, "DLH": 5.0,
    "DISPERKIM": 2.0, "DISPENDUKCAPIL": 1.5, "DINSOS-PPPA": 1.5, "DISBUDPARPORA": 1.5,
    "DPMPTSP": 1.2, "DISDAG": 2.5, "DISPUSIP": 1.0, "DKPP": 1.5, "DISNAKER": 1.0,
    "SATPOL-PP": 5.0, "RSUD": 14.0,
}  # fmt: skip
KECAMATAN_WEIGHT = 1.2
KELURAHAN_WEIGHT = 0.45
# Units whose staff (below the structural officials) work in the field and check in by selfie.
FIELD_UNITS = ("SATPOL-PP", "DLH", "DISHUB")
# Minimum people in small demos, so every story (supervisor login, field staff, far posts) exists.
MINIMUM_STAFF = {"DISKOMINFO": 3, "SATPOL-PP": 3, "DLH": 3, "DISHUB": 3, "RSUD": 3, "SETDA": 2}

# Known places (lat, lon, radius m, name). Units not listed get one office placed in the centre.
KNOWN_OFFICES: dict[str, list[tuple[float, float, float, str]]] = {
    "SETDA": [(*BALAI_KOTA, 150, "Balai Kota Madiun")],
    "BKPSDM": [(*BALAI_KOTA, 150, "Balai Kota Madiun (Gedung BKPSDM)")],
    "BPKAD": [(*BALAI_KOTA, 150, "Balai Kota Madiun (Gedung BPKAD)")],
    "BAPPEDA-LITBANG": [(*BALAI_KOTA, 150, "Balai Kota Madiun (Gedung Bappeda)")],
    "SETWAN": [(-7.6268, 111.5213, 100, "Gedung DPRD Kota Madiun")],
    "INSPEKTORAT": [(-7.6226, 111.5189, 80, "Kantor Inspektorat")],
    "RSUD": [
        (-7.6060, 111.5240, 150, "RSUD Kota Madiun"),
        (-7.6051, 111.5254, 80, "Gedung Poliklinik RSUD"),
    ],
    "DISDIK": [
        (-7.6318, 111.5275, 100, "Kantor Dinas Pendidikan"),
        (-7.6421, 111.5181, 80, "UPTD Pelatihan Guru"),
    ],
    "SATPOL-PP": [
        (-7.6262, 111.5229, 100, "Markas Satpol PP"),
        (-7.6297, 111.5238, 120, "Pos Alun-alun"),
        (-7.6236, 111.5276, 120, "Pos Pasar Besar"),
        (-7.6286, 111.5381, 100, "Pos Damkar Kartoharjo"),
    ],
    "DLH": [
        (-7.6400, 111.5300, 100, "Kantor Dinas Lingkungan Hidup"),
        (-7.6421, 111.5451, 120, "Depo Kebersihan Manisrejo"),
        (-7.6150, 111.5090, 150, "Taman Bantaran Kali Madiun"),
    ],
    "DISHUB": [
        (-7.6331, 111.5351, 100, "Kantor Dinas Perhubungan"),
        (-7.6511, 111.5391, 150, "Terminal Purboyo"),
        (-7.6205, 111.5262, 120, "Stasiun Madiun"),
    ],
    "DPMPTSP": [(-7.6253, 111.5241, 80, "Mal Pelayanan Publik")],
}
# Offices with a QR code at the entrance (checked in by scanning it).
QR_OFFICE_UNITS = ("SETDA", "DISKOMINFO", "BKPSDM", "DISPENDUKCAPIL", "DPMPTSP", "INSPEKTORAT")
ALUN_ALUN = (-7.6297, 111.5238)


def metres_per_deg_lon(lat: float = -7.63) -> float:
    return METRES_PER_DEG_LAT * float(np.cos(np.radians(lat)))


def unit_code(short: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", short.upper()).strip("-")


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    weight: float
    offices: list[tuple[float, float, float, str, str | None]]  # lat, lon, radius, name, kelurahan
    fingerprint: bool
    field_staff: bool


def _place(code: str) -> tuple[float, float]:
    """A fixed, plausible spot in the city centre for a unit without a known address."""
    r = np.random.default_rng(zlib.crc32(code.encode()))
    return round(-7.645 + 0.035 * float(r.random()), 4), round(
        111.512 + 0.032 * float(r.random()), 4
    )


def unit_specs() -> list[UnitSpec]:
    opd = places.opd()
    kel = places.kelurahan()
    centroid = {k["kelurahan"]: (float(k["lat"]), float(k["lon"])) for k in kel}
    specs: list[UnitSpec] = []
    for row in opd:
        code = unit_code(row["short"])
        kind = row["kind"]
        offices: list[tuple[float, float, float, str, str | None]]
        if kind == "kecamatan":
            lat, lon = centroid[row["name"].removeprefix("Kecamatan ")]
            offices = [
                (
                    round(lat + 0.0009, 4),
                    round(lon - 0.0007, 4),
                    100.0,
                    f"Kantor {row['name']}",
                    row["name"].removeprefix("Kecamatan "),
                )
            ]
            weight = KECAMATAN_WEIGHT
        else:
            known = KNOWN_OFFICES.get(code)
            if known is None:
                lat, lon = _place(code)
                known = [(lat, lon, 100.0, f"Kantor {row['short']}")]
            offices = [(a, b, float(r), n, None) for a, b, r, n in known]
            weight = UNIT_WEIGHTS[code]
        specs.append(
            UnitSpec(code, row["name"], kind, None, weight, offices, True, code in FIELD_UNITS)
        )
    for k in kel:
        name = k["kelurahan"]
        parent = unit_code(f"Kec. {k['kecamatan']}")
        lat, lon = float(k["lat"]), float(k["lon"])
        radius = 60.0 + 20.0 * (zlib.crc32(name.encode()) % 2)
        specs.append(
            UnitSpec(
                f"KEL-{unit_code(name)}",
                f"Kelurahan {name}",
                "kelurahan",
                parent,
                KELURAHAN_WEIGHT,
                [(lat, lon, radius, f"Kantor Kelurahan {name}", name)],
                False,
                True,
            )
        )
    return specs


def allocate(specs: list[UnitSpec], total: int) -> list[int]:
    """People per unit, proportional to the weights (largest remainder), with small minimums."""
    weights = np.array([s.weight for s in specs])
    minimum = np.array([MINIMUM_STAFF.get(s.code, 0) for s in specs])
    if total >= 3 * len(specs):
        minimum = np.maximum(minimum, 1)
    free = max(0, total - int(minimum.sum()))
    raw = weights / weights.sum() * free
    sizes = minimum + np.floor(raw).astype(int)
    rest = total - int(sizes.sum())
    order = np.argsort(-(raw - np.floor(raw)), kind="stable")
    sizes[order[: max(0, rest)]] += 1
    while sizes.sum() > total:  # tiny totals: take from the largest units
        sizes[int(np.argmax(sizes))] -= 1
    return [int(s) for s in sizes]


@dataclass
class Org:
    """What the rest of the generator needs, as frames for the database and arrays for speed."""

    units: pd.DataFrame
    offices: pd.DataFrame
    fp_devices: pd.DataFrame
    qr_codes: pd.DataFrame
    employees: pd.DataFrame
    pins: pd.DataFrame
    devices: pd.DataFrame
    # Arrays by employee position (employee id = position + 1).
    unit_idx: IntArray
    shift: BoolArray
    in_field: BoolArray
    base_office: IntArray
    persona: IntArray
    app_ok: BoolArray
    last_day: list[date | None]
    supervisor: IntArray  # position of the supervisor, -1 for none
    level: IntArray  # 0 head, 1 administrator, 2 pengawas, 3 staff
    device_a: list[str]
    device_b: list[str | None]
    switch_day: list[date | None]  # first day on the second phone
    device_os: list[str]
    device_os_b: list[str | None]
    app_version: list[str]
    app_version_b: list[str | None]
    # Offices by unit position: indexes into `offices`.
    unit_offices: list[list[int]]
    office_lat: FloatArray = field(default_factory=lambda: np.zeros(0))
    office_lon: FloatArray = field(default_factory=lambda: np.zeros(0))
    office_radius: FloatArray = field(default_factory=lambda: np.zeros(0))
    office_fp: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    office_qr: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    fp_serial: dict[int, str] = field(default_factory=dict)
    unit_codes: list[str] = field(default_factory=list)
    specs: list[UnitSpec] = field(default_factory=list)


def _utc(day: date, hh: int, mm: int = 0) -> datetime:
    """WIB wall clock as an aware UTC datetime (WIB is UTC+7 without daylight saving)."""
    return datetime.combine(day, time(hh, mm), tzinfo=UTC) - timedelta(hours=7)


def _ios_id(a: int, b: int) -> str:
    """An identifierForVendor-like UUID (version 4 layout) from two random numbers."""
    h = f"{a:016X}{b:016X}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-A{h[17:20]}-{h[20:32]}"


def _pick(rng: np.random.Generator, seq: tuple[str, ...]) -> str:
    return seq[int(rng.integers(len(seq)))]


def _head_title(s: UnitSpec) -> str:
    if s.code in words.HEAD_TITLE:
        return words.HEAD_TITLE[s.code]
    if s.kind in ("badan", "dinas"):
        return f"Kepala {s.name}"
    if s.kind == "satpol":
        return f"Kepala {s.name}"
    if s.kind == "rsud":
        return "Direktur RSUD Kota Madiun"
    if s.kind == "kecamatan":
        return f"Camat {s.name.removeprefix('Kecamatan ')}"
    return f"Lurah {s.name.removeprefix('Kelurahan ')}"


def _person_name(rng: np.random.Generator, sex: str) -> str:
    first = _pick(rng, words.MALE_FIRST if sex == "L" else words.FEMALE_FIRST)
    parts = [first]
    if rng.random() < 0.35:
        parts.append(_pick(rng, words.MIDDLE_MALE if sex == "L" else words.MIDDLE_FEMALE))
    if rng.random() < 0.85:
        parts.append(_pick(rng, words.MALE_LAST if sex == "L" else words.FEMALE_LAST))
    if len(parts) == 1:
        parts.append(_pick(rng, words.MIDDLE_MALE if sex == "L" else words.MIDDLE_FEMALE))
    return " ".join(parts)


def _titled(rng: np.random.Generator, name: str, level: int, gol: int, jabatan: str) -> str:
    """Add plausible academic titles: doctors dr., nurses Ns., officials a master degree."""
    if jabatan.startswith(("Dokter", "Direktur RSUD")):
        return f"dr. {name}" + (", M.Kes." if rng.random() < 0.5 else "")
    if jabatan.startswith("Perawat Ahli"):
        return f"{name}, S.Kep., Ns."
    if jabatan.startswith(("Perawat Terampil", "Bidan")):
        return f"{name}, A.Md.Kep." if jabatan.startswith("Perawat") else f"{name}, A.Md.Keb."
    if jabatan.startswith("Apoteker"):
        return f"apt. {name}, S.Farm."
    if jabatan.startswith("Pranata Komputer Ahli"):
        return f"{name}, S.Kom."
    if level <= 1 or (level == 2 and rng.random() < 0.3):
        return f"{name}, {_pick(rng, words.BACHELOR)}, {_pick(rng, words.MASTER)}"
    if gol >= 4 and rng.random() < 0.8:
        return f"{name}, {_pick(rng, words.BACHELOR)}"
    if gol >= 2 and rng.random() < 0.4:
        return f"{name}, {_pick(rng, words.DIPLOMA)}"
    return name


def _nip(
    rng: np.random.Generator, sex: str, level: int, gol: int, ref_year: int
) -> tuple[str, date]:
    """NIP prefix (15 digits) and birth date; the 3-digit sequence is added later (9xx = synthetic)."""
    age_lo, age_hi = {0: (46, 57), 1: (42, 56), 2: (36, 54)}.get(
        level, (23 + 2 * max(0, gol - 2), 57)
    )
    age_hi = max(age_hi, age_lo + 1)
    age = int(rng.integers(age_lo, age_hi))
    born = date(ref_year - age, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
    start_age = int(rng.integers(22, 31)) if gol >= 4 or level <= 2 else int(rng.integers(19, 27))
    cpns_year = min(ref_year - 2, born.year + max(18, start_age))
    cpns_month = int(_pick(rng, ("1", "3", "4", "12", "2", "6")))
    prefix = f"{born:%Y%m%d}{cpns_year:04d}{cpns_month:02d}{1 if sex == 'L' else 2}"
    return prefix, born


def _golongan(rng: np.random.Generator, level: int, jabatan: str, kind: str) -> int:
    if level == 0:
        if kind == "kelurahan":
            return int(rng.integers(7, 9))  # III/d - IV/a
        if kind == "kecamatan":
            return int(rng.integers(8, 10))  # IV/a - IV/b
        return int(rng.integers(9, 11))  # IV/b - IV/c
    if level == 1:
        return int(rng.choice([7, 8, 8, 8, 9]))  # mostly IV/a
    if level == 2:
        return int(rng.choice([6, 7, 7, 7, 8]))  # mostly III/d
    if "Ahli Madya" in jabatan:
        return int(rng.integers(8, 10))
    if "Ahli Muda" in jabatan or jabatan.startswith("Dokter"):
        return int(rng.integers(5, 8))
    if "Ahli" in jabatan:
        return int(rng.integers(4, 7))
    return int(rng.integers(0, 7))  # II/a - III/c


def _staff_title(rng: np.random.Generator, code: str, kind: str) -> tuple[str, str]:
    functional = words.FUNCTIONAL.get(code)
    if functional and rng.random() < (0.85 if code in ("RSUD", "SATPOL-PP") else 0.45):
        return _pick(rng, functional), "Fungsional"
    return _pick(rng, words.PELAKSANA), "Pelaksana"


def build_org(seed: int, employees: int, start: date, end: date) -> Org:
    rng = np.random.default_rng([seed, 1])
    specs = unit_specs()
    codes = [s.code for s in specs]
    index_of = {c: i for i, c in enumerate(codes)}
    created = _utc(start - timedelta(days=400), 8)

    unit_rows = []
    for i, s in enumerate(specs):
        parent = index_of[s.parent] + 1 if s.parent else None
        schedule = SHIFT_SCHEDULE_ID if s.kind == "rsud" else REGULAR_SCHEDULE_ID
        unit_rows.append((i + 1, s.code, s.name, s.kind, parent, schedule))
    units = pd.DataFrame(
        unit_rows, columns=["id", "code", "name", "kind", "parent_id", "schedule_id"]
    )
    units["parent_id"] = units["parent_id"].astype("Int64")

    office_rows: list[tuple[int, int, str, str | None, float, float, float]] = []
    unit_offices: list[list[int]] = []
    for i, s in enumerate(specs):
        mine = []
        for lat, lon, radius, name, where in s.offices:
            mine.append(len(office_rows))
            office_rows.append((len(office_rows) + 1, i + 1, name, where, lat, lon, radius))
        unit_offices.append(mine)
    offices = pd.DataFrame(
        office_rows, columns=["id", "unit_id", "name", "kelurahan", "lat", "lon", "radius_m"]
    )

    # One fingerprint machine at every office of a fingerprint unit except the field posts.
    fp_rows: list[tuple[int, str, str, int]] = []
    office_fp = np.zeros(len(office_rows), dtype=np.int64)
    fp_serial: dict[int, str] = {}
    for i, s in enumerate(specs):
        if not s.fingerprint:
            continue
        real_offices = unit_offices[i][:1] if s.field_staff else unit_offices[i][:2]
        for o in real_offices:
            fid = len(fp_rows) + 1
            serial = f"BYRP{203000 + 17 * fid:07d}"
            fp_rows.append((fid, serial, f"Mesin absen {office_rows[o][2]}", o + 1))
            office_fp[o] = fid
            fp_serial[fid] = serial
    fp_devices = pd.DataFrame(fp_rows, columns=["id", "serial", "name", "office_id"])

    # QR codes at some office doors, and one per month for the Hari Kesadaran Nasional assembly.
    qr_rows: list[tuple[object, ...]] = []
    office_qr = np.zeros(len(office_rows), dtype=np.int64)
    for code in QR_OFFICE_UNITS:
        o = unit_offices[index_of[code]][0]
        qid = len(qr_rows) + 1
        lat, lon, radius = office_rows[o][4], office_rows[o][5], office_rows[o][6]
        qr_rows.append(
            (
                qid,
                f"QR-{code}-{qid:03d}",
                f"QR pintu masuk {office_rows[o][2]}",
                o + 1,
                lat,
                lon,
                radius,
                None,
                None,
            )
        )
        office_qr[o] = qid

    sizes = allocate(specs, employees)
    ref_year = end.year
    names: list[str] = []
    sexes: list[str] = []
    births: list[date] = []
    prefixes: list[str] = []
    jabatans: list[str] = []
    jtypes: list[str] = []
    gols: list[int] = []
    unit_idx, levels, supervisors, fields, shifts, base_office = [], [], [], [], [], []
    heads: dict[int, int] = {}
    for u, (s, n) in enumerate(zip(specs, sizes, strict=True)):
        if n == 0:
            continue
        first = len(names)
        n_admin = 0 if n < 6 else min(6, max(1, round(n / 30)))
        n_peng = 0 if n < 3 else min(3 * max(n_admin, 1) + 1, max(1, round(n / 9)))
        if s.kind == "kelurahan":
            n_admin, n_peng = 0, min(4, max(0, n - 1) // 3)
        roles = [0] + [1] * n_admin + [2] * n_peng + [3] * (n - 1 - n_admin - n_peng)
        roles = roles[:n]
        for k, level in enumerate(roles):
            pos = len(names)
            if level == 0:
                title = _head_title(s)
                jtype = {"kecamatan": "Administrator", "kelurahan": "Pengawas"}.get(
                    s.kind, "JPT Pratama"
                )
                sup = -1
                heads[u] = pos
            elif level == 1:
                titles = words.ADMINISTRATOR_TITLES.get(
                    s.kind, words.ADMINISTRATOR_TITLES["default"]
                )
                title, jtype, sup = titles[(k - 1) % len(titles)], "Administrator", first
            elif level == 2:
                titles = words.PENGAWAS_TITLES.get(s.kind, words.PENGAWAS_TITLES["default"])
                title, jtype = titles[(k - 1 - n_admin) % len(titles)], "Pengawas"
                sup = first + 1 + (k - 1 - n_admin) % n_admin if n_admin else first
            else:
                title, jtype = _staff_title(rng, s.code, s.kind)
                j = k - 1 - n_admin - n_peng
                if n_peng:
                    sup = first + 1 + n_admin + j % n_peng
                elif n_admin:
                    sup = first + 1 + j % n_admin
                else:
                    sup = first
            sex = "L" if rng.random() < (0.45 if s.kind == "rsud" else 0.58) else "P"
            gol = _golongan(rng, level, title, s.kind)
            prefix, born = _nip(rng, sex, level, gol, ref_year)
            names.append(_titled(rng, _person_name(rng, sex), level, gol, title))
            sexes.append(sex)
            births.append(born)
            prefixes.append(prefix)
            jabatans.append(title)
            jtypes.append(jtype)
            gols.append(gol)
            unit_idx.append(u)
            levels.append(level)
            supervisors.append(sup)
            fields.append(s.field_staff and (s.kind == "kelurahan" or level == 3))
            shifts.append(s.kind == "rsud")
            offs = unit_offices[u]
            base_office.append(offs[k % 2] if (not s.field_staff and len(offs) > 1) else offs[0])
    n_total = len(names)

    # Heads of OPD answer to the Sekretaris Daerah; lurah to their camat.
    setda = heads.get(index_of["SETDA"])
    for u, pos in heads.items():
        s = specs[u]
        if s.kind == "kelurahan" and s.parent and index_of[s.parent] in heads:
            supervisors[pos] = heads[index_of[s.parent]]
        elif s.code != "SETDA" and setda is not None and s.kind != "kelurahan":
            supervisors[pos] = setda

    # NIP: the 3-digit sequence is 9xx, which real numbering never reaches for one birth date,
    # appointment month and sex: the numbers are recognisably synthetic.
    taken: set[str] = set()
    nips = []
    for p, start_seq in zip(prefixes, rng.integers(901, 990, len(prefixes)), strict=True):
        seq = int(start_seq)
        while f"{p}{seq:03d}" in taken:
            seq = 901 + (seq - 900) % 99
        taken.add(f"{p}{seq:03d}")
        nips.append(f"{p}{seq:03d}")

    kel = places.kelurahan()
    kel_lat = np.array([float(k["lat"]) for k in kel])
    kel_lon = np.array([float(k["lon"]) for k in kel])
    kel_name = np.array([k["kelurahan"] for k in kel], dtype=object)
    home_k = rng.integers(0, len(kel), n_total)
    jitter_m = rng.normal(0, 280, (n_total, 2))
    home_lat = kel_lat[home_k] + jitter_m[:, 0] / METRES_PER_DEG_LAT
    home_lon = kel_lon[home_k] + jitter_m[:, 1] / metres_per_deg_lon()

    # Personas: 0 punctual, 1 chronically late, 2 leaves early, 3 careless (forgets check-out).
    persona = rng.choice(4, n_total, p=[0.76, 0.10, 0.07, 0.07]).astype(np.int64)
    level_arr = np.array(levels, dtype=np.int64)
    persona[level_arr == 0] = 0

    # A few accounts are no longer active: retired, moved, and one deactivated for a violation.
    status = ["aktif"] * n_total
    reason: list[str | None] = [None] * n_total
    violation = [False] * n_total
    changed: list[datetime | None] = [None] * n_total
    last_day: list[date | None] = [None] * n_total
    span = (end - start).days
    n_off = max(2, n_total // 400)
    candidates = [i for i in range(n_total) if levels[i] == 3]
    off: list[int] = (
        [int(x) for x in rng.choice(candidates, size=min(n_off, len(candidates)), replace=False)]
        if candidates
        else []
    )
    reasons = ("Pensiun", "Pindah tugas ke Pemerintah Kabupaten Madiun", "Mengundurkan diri")
    for j, pos in enumerate(sorted(off)):
        day = start + timedelta(days=int(span * (0.35 + 0.5 * rng.random())))
        status[pos] = "nonaktif"
        changed[pos] = _utc(day, 9)
        last_day[pos] = day - timedelta(days=1)
        if j == 0:
            violation[pos] = True
            reason[pos] = "Dinonaktifkan: terbukti titip absen memakai aplikasi lokasi palsu"
        else:
            reason[pos] = reasons[j % len(reasons)]

    emp = pd.DataFrame(
        {
            "id": np.arange(1, n_total + 1),
            "nip": nips,
            "name": names,
            "sex": sexes,
            "birth_date": pd.to_datetime(births),
            "unit_id": np.array(unit_idx) + 1,
            "jabatan": jabatans,
            "jabatan_type": jtypes,
            "golongan": [words.GOLONGAN[g] for g in gols],
            "supervisor_id": pd.array(
                [s + 1 if s >= 0 else None for s in supervisors], dtype="Int64"
            ),
            "home_lat": np.round(home_lat, 6),
            "home_lon": np.round(home_lon, 6),
            "home_kelurahan": kel_name[home_k],
            "status": status,
            "status_reason": reason,
            "deactivated_for_violation": violation,
            "created_at": pd.to_datetime([created] * n_total, utc=True),
            "status_changed_at": pd.to_datetime(pd.Series(changed, dtype=object), utc=True),
        }
    )

    # Phones: one per employee, Android mostly; a few changed phones during the period.
    ios = rng.random(n_total) < 0.15
    raw = rng.integers(0, 1 << 62, (n_total, 2))
    dev_a = [
        _ios_id(int(a), int(b)) if i else f"{int(a):016x}"
        for i, a, b in zip(ios, raw[:, 0], raw[:, 1], strict=True)
    ]
    os_name = ["iOS" if i else "Android" for i in ios]
    os_ver = [_pick(rng, words.IOS_VERSIONS if i else words.ANDROID_VERSIONS) for i in ios]
    model = [_pick(rng, words.PHONES_IOS if i else words.PHONES_ANDROID) for i in ios]
    app_ver = [words.APP_VERSIONS[int(x)] for x in rng.choice(4, n_total, p=[0.1, 0.2, 0.3, 0.4])]
    # Permission denied only on phones of office staff, who then check in at the machine.
    office_staff = (
        ~np.array(fields) & (level_arr > 0) & np.array([specs[u].fingerprint for u in unit_idx])
    )
    denied = (rng.random(n_total) < 0.015) & office_staff
    gps_ok = ~(denied & (rng.random(n_total) < 0.5))
    cam_ok = ~denied | ~gps_ok
    two = (rng.random(n_total) < 0.06) & ~denied
    switch: list[date | None] = [None] * n_total
    dev_b: list[str | None] = [None] * n_total
    os_b: list[str | None] = [None] * n_total
    ver_b: list[str | None] = [None] * n_total
    dev_rows = []
    first_seen = _utc(start - timedelta(days=200), 7)
    last_seen = _utc(end, 16)
    for i in range(n_total):
        seen_until = last_seen
        if two[i]:
            sw = start + timedelta(days=int(span * (0.2 + 0.6 * rng.random())))
            new_ver = _pick(rng, words.ANDROID_VERSIONS[3:])
            switch[i] = sw
            dev_b[i] = f"{int(rng.integers(0, 1 << 62)):016x}"
            os_b[i] = f"Android {new_ver}"
            ver_b[i] = words.APP_VERSIONS[-1]
            seen_until = _utc(sw, 7)
            dev_rows.append((i + 1, dev_b[i], _pick(rng, words.PHONES_ANDROID), "Android", new_ver,
                             ver_b[i], True, True, seen_until, last_seen))  # fmt: skip
        dev_rows.append((i + 1, dev_a[i], model[i], os_name[i], os_ver[i], app_ver[i],
                         bool(gps_ok[i]), bool(cam_ok[i]), first_seen, seen_until))  # fmt: skip
    devices = pd.DataFrame(
        dev_rows,
        columns=["employee_id", "device_id", "model", "os", "os_version", "app_version",
                 "gps_permission", "camera_permission", "first_seen", "last_seen"],
    )  # fmt: skip
    devices["first_seen"] = pd.to_datetime(devices["first_seen"], utc=True)
    devices["last_seen"] = pd.to_datetime(devices["last_seen"], utc=True)
    devices = devices.sort_values(["employee_id", "first_seen"], kind="stable").reset_index(
        drop=True
    )

    unit_arr = np.array(unit_idx, dtype=np.int64)
    fp_unit = np.array([specs[u].fingerprint for u in unit_idx])
    pins = pd.DataFrame(
        {
            "pin": [str(1000 + i) for i in np.flatnonzero(fp_unit)],
            "employee_id": np.flatnonzero(fp_unit) + 1,
        }
    )

    qr = pd.DataFrame(
        qr_rows,
        columns=[
            "id",
            "code",
            "label",
            "office_id",
            "lat",
            "lon",
            "radius_m",
            "valid_from",
            "valid_to",
        ],
    )
    return Org(
        units=units,
        offices=offices,
        fp_devices=fp_devices,
        qr_codes=qr,
        employees=emp,
        pins=pins,
        devices=devices,
        unit_idx=unit_arr,
        shift=np.array(shifts),
        in_field=np.array(fields),
        base_office=np.array(base_office, dtype=np.int64),
        persona=persona,
        app_ok=gps_ok & cam_ok,
        last_day=last_day,
        supervisor=np.array(supervisors, dtype=np.int64),
        level=level_arr,
        device_a=dev_a,
        device_b=dev_b,
        switch_day=switch,
        device_os=[f"{a} {b}" for a, b in zip(os_name, os_ver, strict=True)],
        device_os_b=os_b,
        app_version=app_ver,
        app_version_b=ver_b,
        unit_offices=unit_offices,
        office_lat=offices["lat"].to_numpy(dtype=np.float64),
        office_lon=offices["lon"].to_numpy(dtype=np.float64),
        office_radius=offices["radius_m"].to_numpy(dtype=np.float64),
        office_fp=office_fp,
        office_qr=office_qr,
        fp_serial=fp_serial,
        unit_codes=codes,
        specs=specs,
    )


def add_event_qr(org: Org, days: list[date]) -> dict[date, int]:
    """A QR code for the monthly Hari Kesadaran Nasional assembly at the Alun-alun, one per day."""
    rows = []
    ids: dict[date, int] = {}
    next_id = len(org.qr_codes) + 1
    for day in days:
        rows.append(
            (
                next_id,
                f"QR-APEL-{day:%Y%m%d}",
                f"Apel Hari Kesadaran Nasional {day:%d-%m-%Y}",
                None,
                ALUN_ALUN[0],
                ALUN_ALUN[1],
                150.0,
                pd.Timestamp(day),
                pd.Timestamp(day),
            )
        )
        ids[day] = next_id
        next_id += 1
    if rows:
        extra = pd.DataFrame(rows, columns=org.qr_codes.columns)
        base = org.qr_codes.astype({"valid_from": "datetime64[s]", "valid_to": "datetime64[s]"})
        org.qr_codes = pd.concat([base, extra], ignore_index=True)
    return ids
