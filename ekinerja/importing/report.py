"""What a check found: bad rows with line, column and reason, counts, and the rows ready to write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ekinerja.texts import importing as T
from ekinerja.validation import ValidationError

ISSUE_COLUMNS = ["line", "column", "reason", "value"]
# Values from the file are shown in reports and printed by the CLI: control characters are made
# visible so a value cannot fake a line of the report or the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
VALUE_PREVIEW = 60
# Problems kept with a report shown on screen (the counts always cover all of them).
ISSUES_KEPT = 1000


def visible(value: object) -> str | None:
    """A short, single-line, control-free rendering of a value from the file."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value)
    if len(text) > VALUE_PREVIEW:
        text = text[:VALUE_PREVIEW] + "…"
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class IssueLog:
    """Collects row problems for a table whose rows carry their line numbers in the file.

    Checks are vectorised: each call reports a boolean mask of bad rows for one column and
    reason, so only bad rows are ever looked at one by one.
    """

    def __init__(self, lines: np.ndarray | None = None) -> None:
        self.lines = np.asarray(lines if lines is not None else [], dtype=np.int64)
        self.bad = np.zeros(len(self.lines), dtype=bool)
        self._parts: list[pd.DataFrame] = []

    def add(
        self,
        mask: np.ndarray | pd.Series,
        column: str | None,
        reason: str | pd.Series,
        values: pd.Series | None = None,
    ) -> None:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            return
        idx = np.flatnonzero(m)
        self.bad[idx] = True
        reasons = np.asarray(reason, dtype=object)[idx] if isinstance(reason, pd.Series) else reason
        shown = (
            [visible(v) for v in np.asarray(values, dtype=object)[idx]]
            if values is not None
            else None
        )
        self._parts.append(
            pd.DataFrame(
                {"line": self.lines[idx], "column": column, "reason": reasons, "value": shown}
            )
        )

    def add_lines(self, lines: list[int], column: str | None, reasons: list[str],
                  values: list[object] | None = None) -> None:  # fmt: skip
        """Problems of lines that never became rows (unparseable JSON, wrong field count)."""
        if not lines:
            return
        self._parts.append(
            pd.DataFrame(
                {
                    "line": np.asarray(lines, dtype=np.int64),
                    "column": column,
                    "reason": reasons,
                    "value": [visible(v) for v in values] if values else None,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame(columns=ISSUE_COLUMNS)
        out = pd.concat(self._parts, ignore_index=True)
        return out.sort_values(["line", "column"], kind="stable", na_position="first").reset_index(
            drop=True
        )[ISSUE_COLUMNS]


@dataclass
class CheckResult:
    """The outcome of checking one file; nothing has been written yet."""

    file_name: str
    sha256: str
    size: int
    kind: str | None = None
    notes: list[str] = field(default_factory=list)
    file_error: str | None = None
    rows_total: int = 0
    bad_rows: int = 0
    duplicates_in_file: int = 0
    duplicates_in_db: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    good_rows: int = 0
    issue_count: int = 0
    issues: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ISSUE_COLUMNS))
    # New rows ready to be written (table columns plus helper columns starting with "_").
    ready: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        """True when the whole file may be imported as it is."""
        return self.file_error is None and self.bad_rows == 0

    @property
    def partial_possible(self) -> bool:
        return self.file_error is None and self.bad_rows > 0 and self.good_rows > 0

    def light(self) -> CheckResult:
        """The report without the rows to write (small enough to keep in a browser session)."""
        return replace(self, ready=pd.DataFrame(), issues=self.issues.head(ISSUES_KEPT))

    def counts(self) -> dict[str, int]:
        return {
            "rows_total": self.rows_total,
            "good": self.good_rows,
            "duplicates_in_file": self.duplicates_in_file,
            "duplicates_in_db": self.duplicates_in_db,
            "skipped": sum(self.skipped.values()),
            "bad": self.bad_rows,
        }

    def counts_table(self) -> pd.DataFrame:
        """The counts with Indonesian labels, for the page and the CLI."""
        return pd.DataFrame(
            [(T.REPORT_COUNTS[k], v) for k, v in self.counts().items()],
            columns=["", "Jumlah"],
        )

    def issues_table(self, limit: int = 1000) -> pd.DataFrame:
        """The first `limit` problems with Indonesian column names."""
        shown = self.issues.head(limit).rename(
            columns={
                "line": T.COL_LINE,
                "column": T.COL_COLUMN,
                "reason": T.COL_REASON,
                "value": T.COL_VALUE,
            }
        )
        return shown


@dataclass
class ImportResult:
    batch_id: int
    inserted: int
    duplicates: int
    rejected: int
    check: CheckResult

    def message(self) -> str:
        return T.RESULT_IMPORTED.format(
            inserted=self.inserted,
            duplicates=self.duplicates,
            rejected=self.rejected,
            batch=self.batch_id,
        )


class ImportRefused(ValidationError):
    """The file was not imported; `check` holds the full report to show."""

    def __init__(self, message: str, check: CheckResult) -> None:
        super().__init__(message)
        self.check = check
