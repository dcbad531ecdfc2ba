"""The filter bar every analytics page shares, and small helpers around it.

    from pages import filters as fb
    f = fb.filter_bar(viewer)                      # dates, unit, employee search; kept in the URL
    f = fb.filter_bar(viewer, months_back=2, search=False)   # 3 months by default, no search box
    grain = fb.url_choice("Interval", GRAIN_LABELS, "interval", default="mingguan")
    data = fb.load(overview.page_data, viewer, f, today)   # cached, keyed on role, scope, args
    fb.employee_table(frame, key="telat")          # a row click opens pages/profil.py?nip=<NIP>
    fb.link("tren", "Lihat tren", f, metrik="telat")         # st.page_link keeping the filter
    fb.go("tren", f.with_unit(5))                  # st.switch_page keeping the filter

`filter_bar` returns ekinerja.queries.filters.Filters (start, end, unit_id, search; `.scope(viewer)`
is the viewer's scope narrowed to the unit). `load` calls `fn(session, viewer, *args)` for any
function in ekinerja.queries.*: cached with st.cache_data (common.CACHE_TTL/CACHE_MAX) on the
database, the role, the unit scope and the arguments (Filters without their warnings); the
function receives a Viewer rebuilt from role and scope only (no username or user id).

The URL (`?dari=...&sampai=...&unit=...&cari=...`) is the truth, so a view can be shared; when it
has no filter (the sidebar navigation drops parameters) the last filter of this browser session
is used. Parsing and checks live in ekinerja.queries.filters: a unit outside the account's scope
is dropped with a warning, never shown. Page parameters of your own (metrik=..., tampil=...) are
left alone; `url_choice` keeps one in the URL.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import db
from ekinerja.access import Scope, Viewer
from ekinerja.config import database_url
from ekinerja.queries import display
from ekinerja.queries import filters as qf
from ekinerja.texts import analytics as t
from ekinerja.timeutil import today_wib
from pages import common

T = TypeVar("T")
HERE = os.path.dirname(os.path.abspath(__file__))
MEMORY = "filter_memory"
EARLIEST = date(2000, 1, 1)


@st.cache_data(ttl=common.CACHE_TTL, max_entries=common.CACHE_MAX, show_spinner=False)
def _cached(
    module: str, name: str, url: str, role: str, units: frozenset[int] | None, args: tuple[Any, ...]
) -> Any:
    if not module.startswith("ekinerja.queries."):
        raise ValueError(module)
    fn = getattr(importlib.import_module(module), name)
    # Only role and scope shape a read; the cached result is shared by viewers who have both.
    viewer = Viewer("cache", role, Scope(units))
    with db.read_session(common.engine()) as session:
        return fn(session, viewer, *args)


def load(fn: Callable[..., T], viewer: Viewer, *args: Any) -> T:
    """`fn(session, viewer, *args)` from ekinerja.queries, cached on database, role, scope, args."""
    clean = tuple(a.key() if isinstance(a, qf.Filters) else a for a in args)
    result: T = _cached(fn.__module__, fn.__name__, database_url(), viewer.role,
                        viewer.scope.unit_ids, clean)  # fmt: skip
    return result


def _units(viewer: Viewer) -> dict[int, str]:
    options = load(qf.units_in_scope, viewer)
    return {u.id: u.name for u in options}


def _url_filters() -> dict[str, str]:
    return {k: st.query_params[k] for k in qf.PARAMS if st.query_params.get(k)}


def _page_key() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash[:12] if ctx is not None and ctx.page_script_hash else "halaman"


def filter_bar(
    viewer: Viewer, key: str | None = None, *, months_back: int = 0, search: bool = True
) -> qf.Filters:
    """Date range, unit and (optionally) employee search; returns the checked Filters.

    `key` names the page's widgets (default: the running page), so each page takes the shared
    filter afresh when opened; `months_back` sets the default start (0: the first of this month).
    Page-specific parameters in the URL are left alone.
    """
    key = key or _page_key()
    today = today_wib()
    units = _units(viewer)
    raw = _url_filters() or dict(st.session_state.get(MEMORY, {}))
    wanted = qf.parse(
        raw, viewer=viewer, known_units=set(units), today=today, months_back=months_back
    )
    k_dates, k_unit, k_search, synced = (
        f"flt_{key}_{n}" for n in ("dates", "unit", "search", "synced")
    )
    # Put the URL's view into the widgets when it changed from outside (a link, a shared URL,
    # another page's filter) since this page last showed it.
    if st.session_state.get(synced) != wanted.params() or k_dates not in st.session_state:
        st.session_state[k_dates] = (wanted.start, wanted.end)
        st.session_state[k_unit] = wanted.unit_id
        st.session_state[k_search] = wanted.search
    c1, c2, c3 = st.columns([2, 2, 2] if search else [1, 1, 0.01])
    picked = c1.date_input(t.FILTER_RANGE, key=k_dates, min_value=EARLIEST, max_value=today,
                           format="DD/MM/YYYY")  # fmt: skip
    unit = c2.selectbox(t.FILTER_UNIT, [None, *units], key=k_unit, placeholder=t.FILTER_ALL_UNITS,
                        format_func=lambda u: t.FILTER_ALL_UNITS if u is None else units[u])  # fmt: skip
    text = c3.text_input(t.FILTER_SEARCH, key=k_search, max_chars=qf.MAX_SEARCH,
                         help=t.FILTER_SEARCH_HELP) if search else ""  # fmt: skip
    dates = list(picked) if isinstance(picked, tuple | list) else [picked]
    # While a range is half picked only its first day exists.
    start, end = (dates[0], dates[-1]) if dates else (wanted.start, wanted.end)
    chosen = {qf.START: start.isoformat(), qf.END: end.isoformat(),
              qf.UNIT: "" if unit is None else str(unit), qf.SEARCH: text or ""}  # fmt: skip
    final = qf.parse(
        chosen, viewer=viewer, known_units=set(units), today=today, months_back=months_back
    )
    for message in wanted.warnings:
        st.warning(message, icon=":material/link_off:")
    params = final.params()
    st.session_state[synced] = params
    st.session_state[MEMORY] = params
    # Written every run, even when unchanged here: after a link to the same page the browser
    # can still show the previous address, and the next click would bring the old view back.
    for name in qf.PARAMS:
        if name in params:
            st.query_params[name] = params[name]
        elif name in st.query_params:
            del st.query_params[name]
    return final


def url_choice(
    label: str, options: Mapping[str, str], param: str, default: str, *, radio: bool = False
) -> str:
    """A choice among `options` (value -> label) kept in the URL as `param`."""
    current = st.query_params.get(param, default)
    if current not in options:
        current = default
    keys = list(options)
    widget = st.radio if radio else st.selectbox
    kwargs: dict[str, Any] = {"horizontal": True} if radio else {}
    value = widget(label, keys, index=keys.index(current), format_func=options.__getitem__,
                   key=f"url_{param}_{current}", **kwargs)  # fmt: skip
    chosen = str(value) if value in options else default
    if chosen != default:
        st.query_params[param] = chosen
    elif param in st.query_params:
        del st.query_params[param]
    return chosen


def page_available(key: str) -> bool:
    """True when pages/<key>.py exists (pages of others arrive one by one)."""
    return os.path.exists(os.path.join(HERE, f"{key}.py"))


def link(key: str, label: str, filters: qf.Filters, icon: str | None = None, **extra: str) -> None:
    """A link to another page carrying the filter (and page parameters such as metrik=...)."""
    if not page_available(key):
        return
    params = filters.params() | {k: v for k, v in extra.items() if v}
    st.page_link(f"pages/{key}.py", label=label, icon=icon, query_params=params)


def cards(items: list[display.Card], filters: qf.Filters) -> None:
    """Numbers side by side; one with a metric links to Tren Kinerja, which explains it."""
    for column, card in zip(st.columns(len(items)), items, strict=True):
        with column:
            st.metric(card.label, card.value, help=card.help, border=True)
            if card.metric:
                link("tren", t.SEE_TREND, filters, metrik=card.metric)


def go(key: str, filters: qf.Filters, **extra: str) -> None:
    """Switch to another page with the filter in its URL (after a row click)."""
    if page_available(key):
        st.switch_page(f"pages/{key}.py", query_params=filters.params() | extra)


def employee_table(
    frame: pd.DataFrame,
    *,
    key: str,
    nip_column: str = "NIP",
    column_config: Mapping[str, Any] | None = None,
    height: int | str = "auto",
) -> None:
    """A table of people; choosing a row opens their profile (pages/profil.py?nip=...)."""
    clickable = page_available("profil")
    event = st.dataframe(
        frame, key=key, hide_index=True, column_config=column_config, height=height,
        on_select="rerun" if clickable else "ignore", selection_mode="single-row",
    )  # fmt: skip
    if not clickable:
        return
    st.caption(t.PICK_ROW_PROFILE)
    rows = event.selection.rows if event else []
    if rows:
        st.switch_page(
            "pages/profil.py", query_params={"nip": str(frame.iloc[rows[0]][nip_column])}
        )


def row_choice(
    frame: pd.DataFrame, *, key: str, column_config: Mapping[str, Any] | None = None
) -> int | None:
    """A table whose chosen row (position) the caller acts on, e.g. a unit to drill into."""
    event = st.dataframe(frame, key=key, hide_index=True, column_config=column_config,
                         on_select="rerun", selection_mode="single-row")  # fmt: skip
    rows = event.selection.rows if event else []
    return int(rows[0]) if rows else None
