"""Tables as people read them: Indonesian column names and numbers formatted the Indonesian way.

Numbers become text (1.234; 87,5%; 12,3 jam) because the data grid would otherwise format them
with the browser's locale. Frames here are small (aggregates, capped lists).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from ekinerja import texts
from ekinerja.exports import neutralize
from ekinerja.models.work import BERAKHLAK
from ekinerja.texts import analytics as t
from ekinerja.timeutil import WIB


@dataclass(frozen=True)
class Card:
    """One number on a page: label, formatted value, explanation, and the Tren metric that
    explains it (None: no link)."""

    label: str
    value: str
    help: str
    metric: str | None = None


def _fmt(series: pd.Series, formatter: Callable[[float], str]) -> pd.Series:
    return series.map(lambda v: formatter(v) if pd.notna(v) else "-")


def percent(series: pd.Series) -> pd.Series:
    return _fmt(series, t.fmt_percent)


def number(series: pd.Series, decimals: int = 0) -> pd.Series:
    return _fmt(series, lambda v: t.fmt_number(v, decimals))


def hours(series: pd.Series) -> pd.Series:
    return _fmt(series, t.fmt_hours)


def dates(series: pd.Series) -> pd.Series:
    return series.map(lambda d: t.fmt_date(d) if pd.notna(d) else "-")


def wib(series: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(series, utc=True).dt.tz_convert(WIB)
    return stamps.dt.strftime("%d-%m-%Y %H:%M").fillna("-")


# Columns typed by people or imported from files. The grid's own CSV download does no formula
# neutralising, so text a spreadsheet would run (=, +, -, @ ...) gets the export module's `'`.
FREE_TEXT = ("name", "unit", "description", "comment", "name_a", "name_b", "device_id", "model")


def _select(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    out = frame[[c for c in columns if c in frame]].copy()
    for column in FREE_TEXT:
        if column in out:
            out[column] = out[column].map(lambda v: neutralize(str(v)) if isinstance(v, str) else v)
    return out.rename(columns=dict(columns))


def units_table(units: pd.DataFrame) -> pd.DataFrame:
    """Ringkasan: units ranked by punctuality."""
    out = units.assign(rank=range(1, len(units) + 1))
    out["punctuality"] = percent(out["punctuality"])
    out["attendance_rate"] = percent(out["attendance_rate"])
    out["late_per_day"] = number(out["late_per_day"], 1)
    for column in ("employees", "late", "early", "tk"):
        out[column] = number(out[column])
    return _select(out, t.UNIT_COLUMNS)


def metric_values(frame: pd.DataFrame, column: str, kind: str) -> pd.Series:
    return percent(frame[column]) if kind == "rate" else number(frame[column], 1)


def breakdown_table(
    frame: pd.DataFrame, column: str, kind: str, label: str, people: bool
) -> pd.DataFrame:
    """Tren: the period per unit or per employee, the chosen metric first."""
    out = pd.DataFrame()
    names = frame["name"].map(lambda v: neutralize(str(v)))
    if people:
        out[t.COL_NIP] = frame["nip"]
        out[t.COL_NAME] = names
    else:
        out[t.COL_UNIT] = names
    out[label] = metric_values(frame, column, kind)
    out[t.METRIC_LABELS["kehadiran"]] = percent(frame["attendance_rate"])
    out[t.METRIC_LABELS["ketepatan"]] = percent(frame["punctuality"])
    out[t.UNIT_COLUMNS["late"]] = number(frame["late"])
    out[t.UNIT_COLUMNS["tk"]] = number(frame["tk"])
    # The same metric can be chosen twice (kehadiran/ketepatan); keep the first column.
    return out.loc[:, ~out.columns.duplicated()]


def under_target_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("target_days", "approved", "pending", "target"):
        out[column] = number(out[column])
    out["per_day"] = number(out["per_day"])
    out["ratio"] = percent(out["ratio"])
    return _select(out, t.UNDER_COLUMNS)


def approvers_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["decided"] = number(out["decided"])
    out["avg_hours"] = hours(out["avg_hours"])
    out["slow_share"] = percent(out["slow_share"])
    return _select(out, t.APPROVER_COLUMNS)


def queue_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The approval queue, with a tick column to choose rows; index = activity id."""
    out = frame.set_index("id")
    out = out.assign(pick=False, work_date=dates(out["work_date"]), minutes=number(out["minutes"]),
                     submitted_at=wib(out["submitted_at"]))  # fmt: skip
    return _select(out, t.QUEUE_COLUMNS)


def value_means(frame: pd.DataFrame, first: Mapping[str, str]) -> pd.DataFrame:
    """Review means per unit/relation: the leading columns, then the seven values and overall."""
    out = _select(frame, first)
    for value in BERAKHLAK:
        out[texts.BERAKHLAK_LABELS[value]] = number(frame[value], 2)
    out["Rata-rata"] = number(frame["overall"], 2)
    if "reviews" in frame and "reviews" not in first:
        out["Review"] = number(frame["reviews"])
    elif "reviews" in first:
        out[first["reviews"]] = number(frame["reviews"])
    return out


def predicates_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["result"] = out["result"].map(
        lambda v: texts.RATING_LABELS.get(int(v), "-") if pd.notna(v) else "-"
    )
    out["behaviour"] = out["behaviour"].map(
        lambda v: texts.RATING_LABELS.get(int(v), "-") if pd.notna(v) else "-"
    )
    out["behaviour_mean"] = number(out["behaviour_mean"], 2)
    out["predicate"] = out["predicate"].fillna(t.REVIEW_PRED_INCOMPLETE)
    return _select(out, t.PRED_COLUMNS)


def person_predicates_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One employee's periods: work result, behaviour and predicate per month."""
    out = predicates_table(frame.assign(nip="", name="", unit=""))
    out = out.drop(columns=[t.COL_NIP, t.COL_NAME, t.COL_UNIT])
    out.insert(0, t.COL_PERIOD, frame["period"].map(t.fmt_period).to_numpy())
    return out


def relation_table(frame: pd.DataFrame) -> pd.DataFrame:
    rel = frame.assign(relation=frame["relation"].map(texts.RELATION_LABELS),
                       raters=number(frame["raters"]))  # fmt: skip
    return value_means(rel, t.REL_COLUMNS)


def comments_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Comments stay text in the grid (never Markdown); reviewer names are never shown."""
    out = frame.assign(period=frame["period"].map(t.fmt_period),
                       relation=frame["relation"].map(texts.RELATION_LABELS))  # fmt: skip
    return _select(out, t.COMMENT_COLUMNS)


def predicate_counts(frame: pd.DataFrame, order: tuple[str, ...]) -> pd.DataFrame:
    labels = frame["predicate"].fillna(t.REVIEW_PRED_INCOMPLETE)
    counts = labels.value_counts().reindex([*order, t.REVIEW_PRED_INCOMPLETE], fill_value=0)
    return pd.DataFrame({"predicate": counts.index, "count": counts.to_numpy()})


def bias_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["verdict"] = out["verdict"].map(t.VERDICT_LABELS)
    for column in ("mean", "unit_mean", "gap"):
        out[column] = number(out[column], 2)
    out["n"] = number(out["n"])
    return _select(out, t.BIAS_COLUMNS)


def mutual_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("others_a", "others_b"):
        out[column] = number(out[column], 2)
    for column in ("n_ab", "n_ba"):
        out[column] = number(out[column])
    return _select(out, t.MUTUAL_COLUMNS)


def devices_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if "last_seen" in out:
        out["last_seen"] = wib(out["last_seen"])
    if "model" in out:
        out["model"] = out["model"].fillna("-")
    return _select(out, t.DEVICE_COLUMNS)
