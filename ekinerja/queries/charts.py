"""Small plotly figures for the analytics pages, in Indonesian number and date formats.

Figures get data that is already aggregated (a few hundred points at most) as pandas Series.
Numbers use a decimal comma and a thousands dot (`separators`); time axes show numeric dates
(dd/mm) and hover texts come from ekinerja.texts, so no English month name ever appears.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from ekinerja.queries.buckets import DAY, MONTH
from ekinerja.texts import MONTHS, WEEKDAYS
from ekinerja.texts import analytics as t

HEIGHT = 320
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip


def plain(text: object) -> str:
    """Names in legends and hover texts: plotly reads <b>, <a href> and entities as markup, so
    every name is escaped to show exactly as typed."""
    return html.escape(str(text), quote=True)


def _layout(fig: go.Figure, y_title: str, percent: bool = False, height: int = HEIGHT) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        separators=",.",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        hovermode="closest",
        yaxis_title=y_title,
    )
    if percent:
        # No forced zero: attendance moves between 95 and 100 %, and that movement is the point.
        fig.update_yaxes(ticksuffix="%")
    return fig


def _time_axis(fig: go.Figure, buckets: pd.Series, grain: str) -> None:
    """Numeric dates; weekly and monthly ticks sit on the buckets themselves (a week starts on
    Monday), as long as there are few enough to read."""
    fig.update_xaxes(tickformat="%d/%m" if grain != MONTH else "%m/%Y")
    days = sorted(set(buckets))
    if grain != DAY and 0 < len(days) <= 16:
        fig.update_xaxes(tickvals=pd.to_datetime(pd.Series(days)).tolist())


def _target(fig: go.Figure, target: float | None) -> None:
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="#555", annotation_position="top left",
                      annotation_text=t.TARGET_LINE.format(minutes=t.fmt_number(target)))  # fmt: skip


def bucket_label(day: date, grain: str) -> str:
    """The hover text of a bucket: 'Senin, 3 November 2026', 'Minggu mulai 3 November 2026', ..."""
    if grain == DAY:
        return f"{WEEKDAYS[day.weekday()]}, {t.fmt_date(day)}"
    if grain == MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"Minggu mulai {t.fmt_date(day)}"


def value_text(values: pd.Series, kind: str) -> pd.Series:
    if kind == "rate":
        return values.map(lambda v: t.fmt_percent(v) if pd.notna(v) else "-")
    return values.map(lambda v: t.fmt_minutes(v) if pd.notna(v) else "-")


def lines(
    frame: pd.DataFrame,
    value: str,
    kind: str,
    grain: str,
    y_title: str,
    group: str | None = None,
    target: float | None = None,
) -> go.Figure:
    """One line per `group` value (or one line) of `value` over `bucket`; rates drawn in percent."""
    fig = go.Figure()
    groups = (
        [(t.TREND_TOTAL_LINE, frame)] if group is None else list(frame.groupby(group, sort=True))
    )
    scale = 100.0 if kind == "rate" else 1.0
    for i, (raw_name, part) in enumerate(groups):
        name = plain(raw_name)
        part = part.sort_values("bucket")
        x = pd.to_datetime(pd.Series(part["bucket"].to_numpy()))
        hover = (
            part["bucket"].map(lambda d: bucket_label(d, grain))
            + ": "
            + value_text(part[value], kind)
        )
        fig.add_trace(
            go.Scatter(
                x=x, y=part[value].astype(float) * scale, mode="lines+markers", name=name,
                line={"color": PALETTE[i % len(PALETTE)]}, text=hover.to_numpy(),
                hovertemplate="%{text}<extra>" + name[:60] + "</extra>",
            )
        )  # fmt: skip
    _target(fig, target)
    _time_axis(fig, frame["bucket"], grain)
    return _layout(fig, y_title, percent=kind == "rate")


def bars(
    labels: pd.Series, values: pd.Series, x_title: str, texts: pd.Series | None = None
) -> go.Figure:
    """Horizontal bars, biggest on top."""
    fig = go.Figure(
        go.Bar(
            x=values.astype(float), y=labels.map(plain), orientation="h",
            text=None if texts is None else texts.astype(str), textposition="auto",
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>", marker_color=PALETTE[0],
        )
    )  # fmt: skip
    fig.update_yaxes(autorange="reversed")
    height = max(160, 40 + 28 * len(labels))
    fig = _layout(fig, "", height=min(height, 520))
    # Whole numbers with the Indonesian thousands dot (not 20k).
    fig.update_layout(xaxis_title=x_title, xaxis_tickformat=",d")
    return fig


def stacked(
    x: pd.Series, parts: dict[str, pd.Series], grain: str, y_title: str, target: float | None = None
) -> go.Figure:
    """Stacked columns over buckets (e.g. approved and pending minutes per day)."""
    fig = go.Figure()
    when = pd.to_datetime(pd.Series(x.to_numpy()))
    hover = x.map(lambda d: bucket_label(d, grain))
    for i, (name, values) in enumerate(parts.items()):
        fig.add_trace(
            go.Bar(x=when, y=values.astype(float), name=name, marker_color=PALETTE[i],
                   text=(hover + ": " + value_text(values, "minutes")).to_numpy(),
                   hovertemplate="%{text}<extra>" + name + "</extra>", textposition="none")
        )  # fmt: skip
    _target(fig, target)
    fig.update_layout(barmode="stack")
    _time_axis(fig, x, grain)
    return _layout(fig, y_title)


def rating_shares(
    frame: pd.DataFrame, value_labels: dict[str, str], rating_labels: dict[int, str]
) -> go.Figure:
    """100 % stacked bars: for each BerAKHLAK value, the share of ratings 1, 2 and 3."""
    fig = go.Figure()
    colors = {1: "#d62728", 2: "#bbbbbb", 3: "#2ca02c"}
    for level in (1, 2, 3):
        part = frame[frame["rating"] == level]
        labels = part["value"].map(value_labels)
        shares = part["share"].astype(float).fillna(0.0)
        fig.add_trace(
            go.Bar(y=labels, x=shares * 100, orientation="h", name=rating_labels[level],
                   marker_color=colors[level],
                   text=(labels + ": " + shares.map(t.fmt_percent) + " (" + part["count"].map(t.fmt_number) + ")").to_numpy(),
                   hovertemplate="%{text}<extra>" + rating_labels[level] + "</extra>", textposition="none")
        )  # fmt: skip
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed")
    fig = _layout(fig, "", height=300)
    fig.update_xaxes(ticksuffix="%", range=[0, 100])
    return fig


def monthly_means(frame: pd.DataFrame, columns: dict[str, str]) -> go.Figure:
    """Mean rating per month, one line per column (value)."""
    fig = go.Figure()
    x = pd.to_datetime(pd.Series(frame["period"].to_numpy()))
    months = frame["period"].map(t.fmt_period)
    for i, (column, label) in enumerate(columns.items()):
        values = frame[column].astype(float)
        fig.add_trace(
            go.Scatter(x=x, y=values, mode="lines+markers", name=label,
                       line={"color": PALETTE[i % len(PALETTE)]},
                       text=(months + ": " + values.map(lambda v: t.fmt_number(v, 2))).to_numpy(),
                       hovertemplate="%{text}<extra>" + label + "</extra>")
        )  # fmt: skip
    _time_axis(fig, frame["period"], MONTH)
    fig.update_yaxes(range=[1, 3])
    return _layout(fig, t.MEAN_AXIS)
