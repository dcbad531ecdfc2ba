"""Tren Kinerja: how attendance and activity move per day/week/month, compared between units,
with a drill-down from a unit to its employees."""

from __future__ import annotations

import streamlit as st

from ekinerja.queries import charts, display, trends
from ekinerja.texts import analytics as t
from ekinerja.timeutil import today_wib
from pages import common
from pages import filters as fb

viewer = common.require_page("tren")
st.title(t.TREND_TITLE)
common.demo_banner()
f = fb.filter_bar(viewer, "tren", months_back=2)
today = today_wib()

c1, c2, c3 = st.columns(3)
with c1:
    metric_key = fb.url_choice(t.TREND_METRIC, t.METRIC_LABELS, "metrik", "kehadiran")
with c2:
    grain = fb.url_choice(t.GRAIN_FIELD, t.GRAIN_LABELS, "interval", "mingguan")
with c3:
    by = fb.url_choice(t.TREND_GROUPING, t.GROUPING_LABELS, "tampil", trends.TOTAL)
metric = trends.METRICS[metric_key]
label = t.METRIC_LABELS[metric_key]
# Activities are read only for the activity metric: over months they are the costly part.
with_activity = metric_key == "aktivitas"
page_params = {"metrik": metric_key, "interval": grain, "tampil": by}
# One unit (chosen, or the only one of a supervisor's scope) or a search: employees are few.
scope_units = f.scope(viewer).unit_ids
only_unit = f.unit_id or (
    next(iter(scope_units)) if scope_units and len(scope_units) == 1 else None
)
narrow = only_unit is not None or bool(f.search)

units = fb.load(trends.breakdown, viewer, f, trends.BY_UNIT, today, with_activity)
people = (
    fb.load(trends.breakdown, viewer, f, trends.BY_EMPLOYEE, today, with_activity)
    if narrow
    else None
)
keys: tuple[int, ...] = ()
if by == trends.BY_UNIT:
    names = dict(zip(units["key"].astype(int), units["name"], strict=True))
    biggest = units.sort_values("expected", ascending=False)["key"].astype(int).tolist()
    default = [f.unit_id] if f.unit_id in names else biggest[:5]
    keys = tuple(st.multiselect(t.TREND_COMPARE, list(names), default=default, format_func=names.get,
                                max_selections=trends.MAX_LINES))  # fmt: skip
elif by == trends.BY_EMPLOYEE:
    if people is None:
        st.info(t.TREND_EMPLOYEE_NEEDS, icon=":material/person_search:")
        by = trends.TOTAL
    else:
        keys = tuple(people["key"].astype(int))
        if len(keys) > trends.MAX_LINES:
            st.caption(t.TREND_TOO_MANY.format(n=trends.MAX_LINES))

series = fb.load(
    trends.series, viewer, f, grain, by, keys[: trends.MAX_LINES], today, with_activity
)
if series.empty or series["expected"].sum() == 0:
    st.info(t.NO_DATA)
else:
    group = None if by == trends.TOTAL else "label"
    fig = charts.lines(
        series, metric.column, metric.kind, grain, label, group=group, target=metric.target
    )
    st.plotly_chart(fig, config={"displayModeBar": False})
st.caption(t.METRIC_HELP[metric_key])
if with_activity and f.tail(trends.ACTIVITY_MAX_DAYS) != f.key():
    cut = f.tail(trends.ACTIVITY_MAX_DAYS)
    st.caption(t.TAIL_NOTE.format(what=t.TAIL_TREND_ACTIVITY, range=t.fmt_range(cut.start, cut.end),
                                  days=trends.ACTIVITY_MAX_DAYS))  # fmt: skip

if people is None:
    st.subheader(t.TREND_UNITS_HEADER)
    table = display.breakdown_table(units, metric.column, metric.kind, label, people=False)
    picked = fb.row_choice(table, key="tren_units")
    st.caption(t.PICK_ROW_UNIT)
    if picked is not None:
        fb.go(
            "tren",
            f.with_unit(int(units.iloc[picked]["key"])),
            **page_params | {"tampil": "pegawai"},
        )
else:
    unit_name = dict(zip(units["key"].astype(int), units["name"], strict=True)).get(only_unit or -1)
    st.subheader(
        t.TREND_EMPLOYEES_HEADER.format(unit=unit_name) if unit_name else t.TREND_SEARCH_HEADER
    )
    fb.employee_table(display.breakdown_table(people, metric.column, metric.kind, label, people=True),
                      key="tren_people")  # fmt: skip
    if f.unit_id is not None and st.button(t.TREND_BACK, icon=":material/arrow_back:"):
        fb.go("tren", f.with_unit(None), **page_params | {"tampil": trends.TOTAL})
