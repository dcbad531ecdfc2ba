"""TPP deduction rule sets: versioned, each in force from its effective date until the next one.

A rule set is never edited in place: HR saves a new version, so a recap of an earlier month keeps
using the rules that were in force then. On the same effective date the newest version wins.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from ekinerja.timeutil import utc_now


class TppRuleSet(SQLModel, table=True):
    __tablename__ = "tpp_rule_set"
    __table_args__ = (Index("ix_tpp_rule_effective", "effective_from", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    effective_from: date
    # JSON: bands for lateness (TL) and early leave (PSW), TK, caps, rounding, activity target;
    # the format and its checks are in ekinerja.recap_rules.
    rules: str = Field(sa_type=Text)
    note: str | None = Field(default=None, max_length=500)
    created_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utc_now)
