"""Review Perilaku: BerAKHLAK ratings by value, unit and month; 360 views; predicates; odd raters.

A review's score is the mean of its seven values (1 di bawah .. 3 di atas ekspektasi). Reviews
count for the months (periods) that the filter's date range touches. A review is shown when its
reviewee is in the viewer's scope; rater statistics need the rater in scope; a pair needs both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from ekinerja.access import Viewer
from ekinerja.models import BehaviourReview, Employee, Unit, WorkResultRating
from ekinerja.models.work import BERAKHLAK, RELATIONS
from ekinerja.performance import MATRIX, behaviour_level
from ekinerja.queries.filters import (
    Filters,
    employee_condition,
    search_condition,
    unit_condition,
    visible_employee,
)

BR = BehaviourReview
TOP_SUM = 3 * len(BERAKHLAK)  # every value "di atas ekspektasi"
# Rater bias: enough reviews by the rater and by the rest of the unit, a clear gap, and a gap
# unlikely by chance (|z| of the rater's mean against the rest of the unit).
MIN_RATER_REVIEWS = 8
MIN_UNIT_REVIEWS = 20
MIN_GAP = 0.4
MIN_Z = 3.0
# Mutual praise: every review each way at the top, at least this many each way, and both rate
# everyone else at least MUTUAL_GAP lower (or rate nobody else).
MIN_PAIR_REVIEWS = 2
MUTUAL_GAP = 0.5
MAX_COMMENTS = 20


def _sum7(table: Any = BR) -> ColumnElement[int]:
    total: Any = getattr(table, BERAKHLAK[0])
    for value in BERAKHLAK[1:]:
        total = total + getattr(table, value)
    return total  # type: ignore[no-any-return]


def _periods(filters: Filters) -> list[ColumnElement[bool]]:
    return [col(BR.period) >= filters.start.replace(day=1), col(BR.period) <= filters.end]


def _reviews_of_scope(*columns: Any, viewer: Viewer, filters: Filters) -> Select[Any]:
    """Reviews in the period whose reviewee is in scope and matches the search."""
    return (
        select(*columns)
        .select_from(BR)
        .join(Employee, col(Employee.id) == col(BR.reviewee_id))
        .where(
            *_periods(filters),
            col(BR.deleted_at).is_(None),
            unit_condition(col(Employee.unit_id), viewer, filters),
            employee_condition(col(BR.reviewee_id), filters),
            visible_employee(col(BR.reviewer_id)),
        )
    )


def distribution(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Per value and rating level: how many ratings, and their share within the value."""
    columns = [
        func.sum(case((getattr(BR, v) == level, 1), else_=0)).label(f"{v}__{level}")
        for v in BERAKHLAK
        for level in (1, 2, 3)
    ]
    row = session.execute(_reviews_of_scope(*columns, viewer=viewer, filters=filters)).one()
    counts = {k: int(v or 0) for k, v in row._mapping.items()}
    frame = pd.DataFrame(
        [(v, level, counts[f"{v}__{level}"]) for v in BERAKHLAK for level in (1, 2, 3)],
        columns=["value", "rating", "count"],
    )
    totals = frame.groupby("value")["count"].transform("sum").astype(float)
    frame["share"] = frame["count"] / totals.where(totals > 0)
    return frame


def _value_means(*group: Any) -> list[Any]:
    return [*group, func.count().label("reviews"),
            *(func.avg(getattr(BR, v) * 1.0).label(v) for v in BERAKHLAK)]  # fmt: skip


def _with_overall(frame: pd.DataFrame) -> pd.DataFrame:
    for v in BERAKHLAK:
        frame[v] = pd.to_numeric(frame[v]).astype(float)
    frame["overall"] = frame[list(BERAKHLAK)].mean(axis=1)
    return frame


def by_unit(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Mean of each value per reviewee unit."""
    group: list[Any] = [col(Unit.id).label("unit_id"), col(Unit.name).label("name")]
    stmt = _reviews_of_scope(*_value_means(*group), viewer=viewer, filters=filters)
    stmt = stmt.join(Unit, col(Unit.id) == col(Employee.unit_id)).group_by(
        col(Unit.id), col(Unit.name)
    )
    frame = pd.DataFrame(session.execute(stmt).mappings().all())
    if frame.empty:
        return pd.DataFrame(columns=["unit_id", "name", "reviews", *BERAKHLAK, "overall"])
    return _with_overall(frame).sort_values("overall").reset_index(drop=True)


def over_time(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Mean of each value per month."""
    stmt = _reviews_of_scope(
        *_value_means(col(BR.period).label("period")), viewer=viewer, filters=filters
    )
    frame = pd.DataFrame(session.execute(stmt.group_by(col(BR.period))).mappings().all())
    if frame.empty:
        return pd.DataFrame(columns=["period", "reviews", *BERAKHLAK, "overall"])
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    return _with_overall(frame).sort_values("period").reset_index(drop=True)


@dataclass(frozen=True)
class Person360:
    employee_id: int
    nip: str
    name: str
    unit: str
    by_relation: pd.DataFrame  # relation, reviews, raters, the seven values, overall
    comments: pd.DataFrame  # period, relation, comment (no reviewer names)
    predicates: pd.DataFrame  # period, result, behaviour_mean, behaviour, predicate


def person_360(
    session: Session, viewer: Viewer, filters: Filters, employee_id: int
) -> Person360 | None:
    """One employee's reviews by relation; None when the employee is not visible to the viewer."""
    who = session.execute(
        select(
            col(Employee.id),
            col(Employee.nip),
            col(Employee.name),
            col(Unit.name),
            col(Employee.unit_id),
            col(Employee.status),
        )
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(col(Employee.id) == employee_id)
    ).first()
    if who is None or who[5] == "dihapus" or not filters.scope(viewer).allows(who[4]):
        return None
    base = [*_periods(filters), col(BR.deleted_at).is_(None), col(BR.reviewee_id) == employee_id,
            visible_employee(col(BR.reviewer_id))]  # fmt: skip
    stmt = (
        select(
            *_value_means(col(BR.relation).label("relation")),
            func.count(func.distinct(col(BR.reviewer_id))).label("raters"),
        )
        .where(*base)
        .group_by(col(BR.relation))
    )
    rel = pd.DataFrame(session.execute(stmt).mappings().all())
    if rel.empty:
        rel = pd.DataFrame(columns=["relation", "reviews", "raters", *BERAKHLAK, "overall"])
    else:
        rel = _with_overall(rel)
        rel["relation"] = pd.Categorical(rel["relation"], categories=list(RELATIONS), ordered=True)
        rel = rel.sort_values("relation").reset_index(drop=True)
        rel["relation"] = rel["relation"].astype(str)
    comments = pd.DataFrame(
        session.execute(
            select(col(BR.period), col(BR.relation), col(BR.comment))
            .where(*base, col(BR.comment).is_not(None), col(BR.comment) != "")
            .order_by(col(BR.period).desc(), col(BR.id).desc())
            .limit(MAX_COMMENTS)
        ).all(),
        columns=["period", "relation", "comment"],
    )
    preds = _predicate_rows(session, [employee_id], filters)
    return Person360(int(who[0]), str(who[1]), str(who[2]), str(who[3]), rel, comments, preds)


def _predicate_rows(session: Session, employee_ids: list[int], filters: Filters) -> pd.DataFrame:
    """Per period in range: work result, behaviour mean and level, predicate, for a few employees."""
    review: Any = (
        select(
            col(BR.period).label("period"),
            (func.avg(_sum7() * 1.0) / len(BERAKHLAK)).label("behaviour_mean"),
        )
        .where(*_periods(filters), col(BR.deleted_at).is_(None), col(BR.reviewee_id).in_(employee_ids),
               visible_employee(col(BR.reviewer_id)))
        .group_by(col(BR.period))
    )  # fmt: skip
    rev = pd.DataFrame(session.execute(review).all(), columns=["period", "behaviour_mean"])
    result = select(col(WorkResultRating.period), col(WorkResultRating.rating)).where(
        col(WorkResultRating.employee_id).in_(employee_ids),
        col(WorkResultRating.period) >= filters.start.replace(day=1),
        col(WorkResultRating.period) <= filters.end,
    )
    res = pd.DataFrame(session.execute(result).all(), columns=["period", "result"])
    for frame in (rev, res):
        frame["period"] = pd.to_datetime(frame["period"]).dt.date
    out = rev.merge(res, on="period", how="outer").sort_values("period")
    return add_predicates(out.reset_index(drop=True))


def add_predicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns behaviour (level) and predicate from result and behaviour_mean (None if incomplete)."""
    out = frame.copy()
    means = pd.to_numeric(out["behaviour_mean"]).astype(float)
    out["behaviour_mean"] = means
    out["behaviour"] = pd.array(
        [behaviour_level(m) if pd.notna(m) else None for m in means], dtype="Int64"
    )
    out["result"] = pd.to_numeric(out["result"]).astype("Int64")
    cells = pd.DataFrame(
        [(r, b, p) for (r, b), p in MATRIX.items()], columns=["result", "behaviour", "predicate"]
    ).astype({"result": "Int64", "behaviour": "Int64"})
    out = out.merge(cells, on=["result", "behaviour"], how="left")
    out["predicate"] = out["predicate"].astype(object).where(out["predicate"].notna(), None)
    return out


def predicates(session: Session, viewer: Viewer, filters: Filters, period: date) -> pd.DataFrame:
    """Every active employee in scope for one period: result, behaviour, predicate (None if missing)."""
    review = (
        select(
            col(BR.reviewee_id).label("employee_id"),
            (func.avg(_sum7() * 1.0) / len(BERAKHLAK)).label("behaviour_mean"),
            func.count().label("reviews"),
        )
        .where(
            col(BR.period) == period,
            col(BR.deleted_at).is_(None),
            visible_employee(col(BR.reviewer_id)),
        )
        .group_by(col(BR.reviewee_id))
        .subquery()
    )
    stmt = (
        select(
            col(Employee.id).label("employee_id"),
            col(Employee.nip).label("nip"),
            col(Employee.name).label("name"),
            col(Unit.name).label("unit"),
            col(WorkResultRating.rating).label("result"),
            review.c.behaviour_mean,
            review.c.reviews,
        )
        .select_from(Employee)
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .outerjoin(
            WorkResultRating,
            and_(
                col(WorkResultRating.employee_id) == col(Employee.id),
                col(WorkResultRating.period) == period,
            ),
        )
        .outerjoin(review, review.c.employee_id == col(Employee.id))
        .where(
            col(Employee.status) == "aktif",
            unit_condition(col(Employee.unit_id), viewer, filters),
            employee_condition(col(Employee.id), filters),
        )
        .order_by(col(Employee.name))
    )
    frame = pd.DataFrame(
        session.execute(stmt).all(),
        columns=["employee_id", "nip", "name", "unit", "result", "behaviour_mean", "reviews"],
    )
    frame["reviews"] = pd.to_numeric(frame["reviews"]).fillna(0).astype("int64")
    return add_predicates(frame)


def _rater_sums(session: Session, viewer: Viewer, filters: Filters) -> pd.DataFrame:
    """Per rater in scope: unit, number of reviews given, sum and sum of squares of their scores."""
    rater = aliased(Employee)
    score = _sum7() * 1.0 / len(BERAKHLAK)
    stmt: Any = (
        select(
            col(BR.reviewer_id).label("rater_id"),
            col(rater.unit_id).label("unit_id"),
            func.count().label("n"),
            func.sum(score).label("s"),
            func.sum(score * score).label("ss"),
        )
        .select_from(BR)
        .join(rater, col(rater.id) == col(BR.reviewer_id))
        .where(
            *_periods(filters),
            col(BR.deleted_at).is_(None),
            col(rater.status) != "dihapus",
            unit_condition(col(rater.unit_id), viewer, filters),
            visible_employee(col(BR.reviewee_id)),
        )
        .group_by(col(BR.reviewer_id), col(rater.unit_id))
    )
    frame = pd.DataFrame(
        session.execute(stmt).all(), columns=["rater_id", "unit_id", "n", "s", "ss"]
    )
    return frame.astype({"n": "int64", "s": float, "ss": float})


def _names(session: Session, ids: list[int]) -> pd.DataFrame:
    stmt = (
        select(col(Employee.id), col(Employee.nip), col(Employee.name), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Employee.unit_id))
        .where(col(Employee.id).in_(ids))
    )
    return pd.DataFrame(session.execute(stmt).all(), columns=["id", "nip", "name", "unit"])


def _matching(session: Session, filters: Filters, ids: list[int]) -> set[int]:
    """The ids among `ids` that the search text matches (all of them without a search)."""
    condition = search_condition(filters.search)
    if condition is None or not ids:
        return set(ids)
    stmt = select(col(Employee.id)).where(col(Employee.id).in_(ids), condition)
    return {int(i) for i in session.execute(stmt).scalars() if i is not None}


def rater_bias(
    session: Session, viewer: Viewer, filters: Filters, sums: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Raters whose mean differs clearly and significantly from the rest of their unit.

    verdict "keras" (harsh, below the unit) or "murah" (lenient, above); the unit mean leaves the
    rater out, so one loud rater in a small unit does not hide themselves.
    """
    sums = _rater_sums(session, viewer, filters) if sums is None else sums
    columns = ["rater_id", "nip", "name", "unit", "n", "mean", "unit_mean", "gap", "z", "verdict"]
    if sums.empty:
        return pd.DataFrame(columns=columns)
    unit = sums.groupby("unit_id")[["n", "s", "ss"]].transform("sum")
    rest_n = (unit["n"] - sums["n"]).astype(float)
    rest_mean = (unit["s"] - sums["s"]) / rest_n.where(rest_n > 0)
    rest_var = ((unit["ss"] - sums["ss"]) / rest_n.where(rest_n > 0) - rest_mean**2).clip(lower=0)
    mean = sums["s"] / sums["n"]
    gap = mean - rest_mean
    se = np.sqrt(rest_var) / np.sqrt(sums["n"].astype(float))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, gap / se, np.sign(gap) * np.inf)
    frame = sums.assign(mean=mean, unit_mean=rest_mean, gap=gap, z=z)
    flagged = frame[
        (frame["n"] >= MIN_RATER_REVIEWS)
        & (rest_n >= MIN_UNIT_REVIEWS)
        & (frame["gap"].abs() >= MIN_GAP)
        & (frame["z"].abs() >= MIN_Z)
    ].copy()
    if flagged.empty:
        return pd.DataFrame(columns=columns)
    flagged["verdict"] = np.where(flagged["gap"] < 0, "keras", "murah")
    ids = flagged["rater_id"].astype(int).tolist()
    keep = _matching(session, filters, ids)
    names = _names(session, ids).rename(columns={"id": "rater_id"})
    out = flagged[flagged["rater_id"].isin(keep)].merge(names, on="rater_id")
    return out[columns].sort_values(["verdict", "gap"]).reset_index(drop=True)


def mutual_praise(
    session: Session, viewer: Viewer, filters: Filters, sums: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Pairs who rate each other at the top every time while rating everyone else lower."""
    rater, ratee = aliased(Employee), aliased(Employee)
    total = _sum7()
    stmt: Any = (
        select(
            col(BR.reviewer_id).label("a"),
            col(BR.reviewee_id).label("b"),
            func.count().label("n"),
            func.sum(total).label("sum7"),
        )
        .select_from(BR)
        .join(rater, col(rater.id) == col(BR.reviewer_id))
        .join(ratee, col(ratee.id) == col(BR.reviewee_id))
        .where(
            *_periods(filters),
            col(BR.deleted_at).is_(None),
            col(rater.status) != "dihapus",
            col(ratee.status) != "dihapus",
            unit_condition(col(rater.unit_id), viewer, filters),
            unit_condition(col(ratee.unit_id), viewer, filters),
        )
        .group_by(col(BR.reviewer_id), col(BR.reviewee_id))
        .having(and_(func.count() >= MIN_PAIR_REVIEWS, func.min(total) == TOP_SUM))
    )
    directed = pd.DataFrame(session.execute(stmt).all(), columns=["a", "b", "n", "sum7"])
    columns = [
        "a",
        "nip_a",
        "name_a",
        "b",
        "nip_b",
        "name_b",
        "n_ab",
        "n_ba",
        "others_a",
        "others_b",
    ]
    pairs = directed.merge(
        directed, left_on=["a", "b"], right_on=["b", "a"], suffixes=("", "_back")
    )
    pairs = pairs[pairs["a"] < pairs["b"]]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    per_rater = (_rater_sums(session, viewer, filters) if sums is None else sums).set_index(
        "rater_id"
    )

    def others(rater_ids: pd.Series, n: pd.Series, sum7: pd.Series) -> pd.Series:
        rest_n = per_rater["n"].reindex(rater_ids).to_numpy() - n.to_numpy()
        rest_s = per_rater["s"].reindex(rater_ids).to_numpy() - sum7.to_numpy() / len(BERAKHLAK)
        with np.errstate(divide="ignore", invalid="ignore"):
            return pd.Series(np.where(rest_n > 0, rest_s / rest_n, np.nan), index=rater_ids.index)

    pairs = pairs.assign(
        n_ab=pairs["n"], n_ba=pairs["n_back"],
        others_a=others(pairs["a"], pairs["n"], pairs["sum7"]),
        others_b=others(pairs["b"], pairs["n_back"], pairs["sum7_back"]),
    )  # fmt: skip
    limit = 3 - MUTUAL_GAP
    selective = (pairs["others_a"].isna() | (pairs["others_a"] <= limit)) & (
        pairs["others_b"].isna() | (pairs["others_b"] <= limit)
    )
    pairs = pairs[selective]
    ids = sorted(set(pairs["a"].astype(int)) | set(pairs["b"].astype(int)))
    keep = _matching(session, filters, ids)
    pairs = pairs[pairs["a"].isin(keep) | pairs["b"].isin(keep)]
    names = _names(session, ids)
    for side in ("a", "b"):
        pairs = pairs.merge(
            names[["id", "nip", "name"]].rename(
                columns={"id": side, "nip": f"nip_{side}", "name": f"name_{side}"}
            ),
            on=side,
        )
    return pairs[columns].sort_values(["name_a", "name_b"]).reset_index(drop=True)


@dataclass(frozen=True)
class ReviewPage:
    distribution: pd.DataFrame
    by_unit: pd.DataFrame
    over_time: pd.DataFrame


def page_data(session: Session, viewer: Viewer, filters: Filters) -> ReviewPage:
    return ReviewPage(
        distribution=distribution(session, viewer, filters),
        by_unit=by_unit(session, viewer, filters),
        over_time=over_time(session, viewer, filters),
    )


@dataclass(frozen=True)
class RaterFlags:
    bias: pd.DataFrame
    mutual: pd.DataFrame


def rater_flags(session: Session, viewer: Viewer, filters: Filters) -> RaterFlags:
    sums = _rater_sums(session, viewer, filters)
    return RaterFlags(
        rater_bias(session, viewer, filters, sums), mutual_praise(session, viewer, filters, sums)
    )
