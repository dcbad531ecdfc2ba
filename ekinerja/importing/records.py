"""Rules of the three app formats, and the duplicate handling shared with the fingerprint logs.

Each `check_*` function turns the checked columns into the rows of its table (`ready`), after
the cross-column rules (coordinates per channel, reviewer is not reviewee, ...). `settle_keys`
then sorts the rows into new, duplicate (same key, same content: counted, not inserted) and
conflicting (same key, other content: an error).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Table
from sqlmodel import Session

from ekinerja.importing import lookups
from ekinerja.importing.checks import Checker, mask
from ekinerja.importing.formats import RecordFormat
from ekinerja.models import Activity, BehaviourReview, Punch
from ekinerja.models.work import BERAKHLAK
from ekinerja.texts import importing as T
from ekinerja.timeutil import WIB_OFFSET, utc_now

PUNCH_TABLE: Table = Punch.__table__  # type: ignore[attr-defined]
ACTIVITY_TABLE: Table = Activity.__table__  # type: ignore[attr-defined]
REVIEW_TABLE: Table = BehaviourReview.__table__  # type: ignore[attr-defined]
TABLES = {"punch": PUNCH_TABLE, "activity": ACTIVITY_TABLE, "review": REVIEW_TABLE}


def wib_day(ts: pd.Series) -> pd.Series:
    """WIB calendar day of UTC timestamps (WIB is a fixed UTC+7)."""
    local: pd.Series = ts.dt.tz_convert(None) + WIB_OFFSET
    return local.dt.date  # type: ignore[no-any-return]


def check_punches(c: Checker, session: Session) -> pd.DataFrame:
    staff = lookups.employees(session)
    key = c.key()
    employee = c.nip("nip", staff)
    ts = c.timestamp("ts")
    direction = c.choice("direction")
    raw_channel = c.text("channel").str.lower()
    c.add(raw_channel == "fingerprint", "channel", T.R_FINGERPRINT_IN_APP, raw_channel)
    channel = c.choice("channel")
    lat = c.number("lat")
    lon = c.number("lon")
    accuracy = c.number("accuracy_m")
    mock = c.boolean("mock_location", default=False)
    qr_text = c.text("qr_code")
    device_id = c.text("device_id")
    device_os = c.text("device_os")
    os_version = c.text("os_version")
    device_model = c.text("device_model")
    app_version = c.text("app_version")
    gps = c.boolean("gps_permission", default=True)
    camera = c.boolean("camera_permission", default=True)
    ip = c.ip("ip")
    sha = c.hex("photo_sha256")
    phash = c.hex("photo_phash")

    # Coordinates: both or neither, never (0, 0); GPS channels must have them; a QR scan without
    # coordinates takes the QR code's place.
    lat_given = c.text("lat").notna()
    lon_given = c.text("lon").notna()
    c.add(~lat_given & lon_given, "lat", T.R_COORD_PAIR)
    c.add(lat_given & ~lon_given, "lon", T.R_COORD_PAIR)
    c.add((lat == 0) & (lon == 0), "lat", T.R_COORD_ZERO, c.text("lat") + ", " + c.text("lon"))
    gps_channel = mask(channel.isin(["selfie", "wfh"]))
    c.add(gps_channel & ~lat_given.to_numpy() & ~lon_given.to_numpy(), "lat", T.R_COORD_NEEDED)
    codes = lookups.qr_codes(session)
    qr_id = qr_text.map(codes["qr_code_id"]) if not codes.empty else qr_text.map({})
    c.add(qr_text.notna() & qr_id.isna(), "qr_code", T.R_QR_UNKNOWN, qr_text)
    is_qr = mask(channel == "qr")
    no_place = is_qr & ~lat_given.to_numpy() & mask(qr_id.isna())
    c.add(no_place & mask(qr_text.isna()), "qr_code", T.R_QR_NEEDS_PLACE)
    if not codes.empty:
        fill = is_qr & ~lat_given.to_numpy()
        lat = lat.mask(fill, qr_text.map(codes["qr_lat"]))
        lon = lon.mask(fill, qr_text.map(codes["qr_lon"]))

    return pd.DataFrame(
        {
            "source_key": key,
            "employee_id": employee,
            "channel": channel,
            "direction": direction,
            "ts": ts,
            "work_date": wib_day(ts),
            "lat": lat,
            "lon": lon,
            "accuracy_m": accuracy,
            "photo_sha256": sha,
            "photo_phash": phash,
            "device_id": device_id,
            "device_os": device_os,
            "app_version": app_version,
            "mock_location": mock,
            "ip": ip,
            "qr_code_id": qr_id.astype("Int64"),
            "_os_version": os_version,
            "_device_model": device_model,
            "_gps_permission": gps,
            "_camera_permission": camera,
        }
    )


def check_activities(c: Checker, session: Session) -> pd.DataFrame:
    staff = lookups.employees(session)
    key = c.key()
    employee = c.nip("nip", staff)
    work_date = c.day("work_date")
    description = c.text("description", strip=False)
    c.add(mask(description.str.strip() == ""), "description", T.R_DESCRIPTION_BLANK)
    minutes = c.number("minutes", integer=True)
    status = c.choice("status").fillna("diajukan")
    approver = c.nip("approver_nip", staff)
    submitted = c.timestamp("submitted_at")
    decided = c.timestamp("decided_at")
    now = pd.Timestamp(utc_now())
    return pd.DataFrame(
        {
            "source_key": key,
            "employee_id": employee,
            "work_date": work_date,
            "description": description,
            "minutes": minutes.astype("Int64"),
            "status": status,
            "approver_id": approver,
            "submitted_at": submitted.fillna(now),
            "decided_at": decided,
        }
    )


def check_reviews(c: Checker, session: Session) -> pd.DataFrame:
    staff = lookups.employees(session)
    key = c.key()
    period = c.month("period")
    reviewer = c.nip("reviewer_nip", staff)
    reviewee = c.nip("reviewee_nip", staff)
    c.add(mask(reviewer == reviewee), "reviewee_nip", T.R_SELF_REVIEW)
    relation = c.choice("relation")
    ratings = {name: c.number(name, integer=True).astype("Int64") for name in BERAKHLAK}
    comment = c.text("comment", strip=False)
    submitted = c.timestamp("submitted_at")
    return pd.DataFrame(
        {
            "source_key": key,
            "period": period,
            "reviewer_id": reviewer,
            "reviewee_id": reviewee,
            "relation": relation,
            **ratings,
            "comment": comment,
            "submitted_at": submitted.fillna(pd.Timestamp(utc_now())),
        }
    )


CHECKS = {"punch": check_punches, "activity": check_activities, "review": check_reviews}


# --- duplicates -------------------------------------------------------------------------------------


def _comparable(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Identity columns in one canonical form, so file values and stored values compare."""
    out = pd.DataFrame(index=frame.index)
    for name in columns:
        s = frame[name]
        if name in ("ts",):
            out[name] = pd.to_datetime(s, utc=True).dt.as_unit("us").dt.floor("us").astype("int64")
        elif name in ("work_date", "period"):
            out[name] = pd.to_datetime(s).dt.strftime("%Y-%m-%d")
        elif name in ("employee_id", "reviewer_id", "reviewee_id", "minutes", *BERAKHLAK):
            out[name] = pd.to_numeric(s).astype("Int64")
        else:
            out[name] = s.astype("str")
    return out


def _identity_hash(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    return pd.util.hash_pandas_object(_comparable(frame, columns), index=False)


def _at(
    c: Checker, index: pd.Index, values: pd.Series | np.ndarray | None = None
) -> tuple[np.ndarray, pd.Series | None]:
    """A mask over all rows that is true at `index`, and `values` placed at the same rows."""
    full = np.zeros(c.n, dtype=bool)
    full[index.to_numpy()] = True
    if values is None:
        return full, None
    placed = pd.Series(np.full(c.n, None, dtype=object), dtype=object)
    placed.iloc[index.to_numpy()] = np.asarray(values, dtype=object)
    return full, placed


def settle_keys(
    c: Checker,
    frame: pd.DataFrame,
    fmt: RecordFormat,
    session: Session,
    table: Table,
    exclude: np.ndarray | None = None,
) -> tuple[pd.DataFrame, int, int]:
    """Split the good rows into new ones, duplicates in the file and rows already stored.

    Returns (new rows, duplicates in the file, duplicates in the database). A key seen again
    with the same content is a duplicate (counted, not inserted); with other content every row
    of that key is an error, since which one is right cannot be told. Stored rows count
    whether soft-deleted or not: an import never brings a deleted record back.
    """
    usable = ~c.bad if exclude is None else ~c.bad & ~exclude
    good = frame[usable]
    if good.empty:
        return good, 0, 0
    ident = _identity_hash(good, fmt.identity)
    keys = good["source_key"]
    lines = pd.Series(c.log.lines[good.index.to_numpy()], index=good.index)

    by_key = pd.DataFrame({"key": keys, "ident": ident, "line": lines}).groupby("key")
    conflict = by_key["ident"].transform("nunique") > 1
    if conflict.any():
        first = by_key["line"].transform("min")
        last = by_key["line"].transform("max")
        other = first.where(lines != first, last)
        reasons = [T.R_DUP_IN_FILE_CONFLICT.format(other=n) for n in other[conflict]]
        where, shown = _at(c, good.index[conflict.to_numpy()], keys[conflict])
        _, why = _at(c, good.index[conflict.to_numpy()], np.asarray(reasons, dtype=object))
        assert why is not None
        c.add(where, "source_key", why, shown)
    repeated = keys.duplicated(keep="first") & ~conflict
    candidates = ~conflict & ~repeated

    stored = lookups.existing_by_key(session, table, keys[candidates].tolist(), fmt.identity)
    in_db = pd.Series(False, index=good.index)
    same = pd.Series(False, index=good.index)
    if not stored.empty:
        stored_ident = pd.Series(
            _identity_hash(stored, fmt.identity).to_numpy(), index=stored["source_key"].to_numpy()
        )
        stored_hash = keys.map(stored_ident)
        in_db = stored_hash.notna() & candidates
        same = in_db & (stored_hash == ident)
        differs = in_db & ~same
        where, shown = _at(c, good.index[differs.to_numpy()], keys[differs])
        c.add(where, "source_key", T.R_DUP_IN_DB_CONFLICT, shown)
    keep = candidates & ~in_db
    return good[keep.to_numpy()], int(repeated.sum()), int(same.sum())


def settle_reviews(c: Checker, fresh: pd.DataFrame, session: Session) -> pd.DataFrame:
    """One review per period, reviewer and reviewee: in the file and against stored ones."""
    if fresh.empty:
        return fresh
    triple = ["period", "reviewer_id", "reviewee_id"]
    ours = _comparable(fresh, tuple(triple)).astype(str)
    lines = pd.Series(c.log.lines[fresh.index.to_numpy()], index=fresh.index)
    twice = ours.duplicated(keep="first")
    if twice.any():
        first = lines.groupby([ours[n] for n in triple]).transform("min")
        reasons = [T.R_REVIEW_TWICE_FILE.format(other=n) for n in first[twice]]
        where, why = _at(c, fresh.index[twice.to_numpy()], np.asarray(reasons, dtype=object))
        assert why is not None
        c.add(where, "reviewee_nip", why)
    stored = lookups.existing_reviews(session, fresh["period"].dropna().tolist())
    taken = pd.Series(False, index=fresh.index)
    if not stored.empty:
        theirs = _comparable(stored, tuple(triple)).astype(str).drop_duplicates()
        marked = ours.merge(theirs.assign(_taken=True), on=triple, how="left")["_taken"]
        taken = pd.Series(marked.fillna(False).astype(bool).to_numpy(), index=fresh.index)
        where, _ = _at(c, fresh.index[taken.to_numpy()])
        c.add(where, "reviewee_nip", T.R_REVIEW_TWICE_DB)
    return fresh[(~twice & ~taken).to_numpy()]
