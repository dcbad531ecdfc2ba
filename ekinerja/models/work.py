"""Daily activities and behaviour reviews (BerAKHLAK, PermenPANRB 6/2022)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now

ACTIVITY_STATUSES = ("diajukan", "disetujui", "ditolak")
RELATIONS = ("atasan", "rekan", "bawahan")
# The seven core values, in the order of the regulation; column names of BehaviourReview.
BERAKHLAK = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)


class Activity(SQLModel, table=True):
    __tablename__ = "activity"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 1440", name="activity_minutes"),
        CheckConstraint("status IN ('diajukan', 'disetujui', 'ditolak')", name="activity_status"),
        Index("ix_activity_employee_day", "employee_id", "work_date"),
        Index("ix_activity_day", "work_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    work_date: date
    description: str = Field(max_length=2000)
    minutes: int
    status: str = Field(default="diajukan", max_length=10)
    approver_id: int | None = Field(default=None, foreign_key="employee.id")
    submitted_at: datetime = Field(default_factory=utc_now)
    decided_at: datetime | None = None
    source_key: str | None = Field(default=None, max_length=120, unique=True)
    import_batch_id: int | None = Field(default=None, foreign_key="import_batch.id")
    version: int = 1
    deleted_at: datetime | None = None


def _rating_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 1 AND 3", name=f"review_{column}_scale")


class BehaviourReview(SQLModel, table=True):
    """One reviewer's rating of one colleague for one period.

    Ratings use the three levels of PermenPANRB 6/2022: 1 di bawah, 2 sesuai, 3 di atas ekspektasi.
    `relation` is what the reviewer is to the reviewee.
    """

    __tablename__ = "behaviour_review"
    __table_args__ = (
        UniqueConstraint("period", "reviewer_id", "reviewee_id", name="uq_review_once"),
        CheckConstraint("relation IN ('atasan', 'rekan', 'bawahan')", name="review_relation"),
        CheckConstraint("reviewer_id <> reviewee_id", name="review_not_self"),
        Index("ix_review_reviewee_period", "reviewee_id", "period"),
        *(_rating_check(value) for value in BERAKHLAK),
    )

    id: int | None = Field(default=None, primary_key=True)
    # First day of the month reviewed.
    period: date
    reviewer_id: int = Field(foreign_key="employee.id", index=True)
    reviewee_id: int = Field(foreign_key="employee.id")
    relation: str = Field(max_length=8)
    berorientasi_pelayanan: int
    akuntabel: int
    kompeten: int
    harmonis: int
    loyal: int
    adaptif: int
    kolaboratif: int
    comment: str | None = Field(default=None, max_length=4000)
    submitted_at: datetime = Field(default_factory=utc_now)
    source_key: str | None = Field(default=None, max_length=120, unique=True)
    import_batch_id: int | None = Field(default=None, foreign_key="import_batch.id")
    version: int = 1
    deleted_at: datetime | None = None


class WorkResultRating(SQLModel, table=True):
    """The supervisor's rating of an employee's work result (hasil kerja) for a period, 1..3."""

    __tablename__ = "work_result_rating"
    __table_args__ = (
        UniqueConstraint("employee_id", "period", name="uq_result_employee_period"),
        CheckConstraint("rating BETWEEN 1 AND 3", name="result_rating_scale"),
    )

    id: int | None = Field(default=None, primary_key=True)
    employee_id: int = Field(foreign_key="employee.id")
    period: date
    rating: int
    rater_id: int | None = Field(default=None, foreign_key="employee.id")
