"""Review Perilaku: BerAKHLAK ratings by value, unit and month; one employee's 360° view; the
performance predicate; raters who are always harsh or lenient and pairs who only praise each other."""

from __future__ import annotations

import streamlit as st

from ekinerja import texts
from ekinerja.performance import PREDICATES
from ekinerja.queries import buckets, charts, display, reviews
from ekinerja.queries import filters as qf
from ekinerja.texts import analytics as t
from pages import common
from pages import filters as fb

viewer = common.require_page("review")
st.title(t.REVIEW_TITLE)
common.demo_banner()
# Three months by default: raters need several months of reviews to say anything about them.
f = fb.filter_bar(viewer, "review", months_back=2)


def no_reviews_hint() -> None:
    """Reviews of a month arrive after it: offer the three months before."""
    st.info(t.REVIEW_NO_PERIOD)
    earlier = f.previous_months(3)
    fb.link(
        "review", t.REVIEW_PREVIOUS.format(range=t.fmt_range(earlier.start, earlier.end)), earlier
    )


tabs = st.tabs(t.REVIEW_TABS, key="bagian", on_change="rerun")

if tabs[0].open is not False:
    with tabs[0]:
        data = fb.load(reviews.page_data, viewer, f)
        if data.distribution["count"].sum() == 0:
            no_reviews_hint()
        else:
            st.markdown(f"**{t.REVIEW_DIST_HEADER}**")
            st.plotly_chart(charts.rating_shares(data.distribution, texts.BERAKHLAK_LABELS, texts.RATING_LABELS),
                            config={"displayModeBar": False})  # fmt: skip
            st.markdown(f"**{t.REVIEW_TIME_HEADER}**")
            st.plotly_chart(charts.monthly_means(data.over_time, {"overall": "Rata-rata"} | texts.BERAKHLAK_LABELS),
                            config={"displayModeBar": False})  # fmt: skip
            st.markdown(f"**{t.REVIEW_UNIT_HEADER}**")
            st.dataframe(display.value_means(data.by_unit, {"name": t.COL_UNIT}), hide_index=True)

if tabs[1].open:
    with tabs[1]:
        options = fb.load(qf.employee_options, viewer, f)
        if len(options) >= qf.MAX_EMPLOYEE_OPTIONS:
            st.caption(t.REVIEW_PICK_MORE.format(n=qf.MAX_EMPLOYEE_OPTIONS))
        labels = {o.id: o.label() for o in options}
        chosen = st.selectbox(t.REVIEW_PICK, list(labels), format_func=labels.get, index=None,
                              placeholder=t.REVIEW_PICK_PLACEHOLDER)  # fmt: skip
        person = fb.load(reviews.person_360, viewer, f, chosen) if chosen is not None else None
        if person is not None:
            fb.link("profil", person.name, f, icon=":material/badge:", nip=person.nip)
            if person.by_relation.empty:
                st.info(t.REVIEW_NO_REVIEWS)
            else:
                st.dataframe(display.relation_table(person.by_relation), hide_index=True)
            st.dataframe(display.person_predicates_table(person.predicates), hide_index=True)
            if not person.comments.empty:
                st.markdown(f"**{t.REVIEW_COMMENTS}**")
                st.dataframe(display.comments_table(person.comments), hide_index=True)

if tabs[2].open:
    with tabs[2]:
        months = list(reversed(buckets.months_between(f.start, f.end)))
        period = st.selectbox(t.REVIEW_PRED_PERIOD, months, format_func=t.fmt_period)
        table = fb.load(reviews.predicates, viewer, f, period)
        st.caption(t.REVIEW_PRED_NOTE)
        if table["predicate"].isna().all():
            no_reviews_hint()
        counts = display.predicate_counts(table, PREDICATES)
        st.plotly_chart(
            charts.bars(
                counts["predicate"],
                counts["count"],
                t.COL_EMPLOYEES,
                texts=counts["count"].map(t.fmt_number),
            ),
            config={"displayModeBar": False},
        )
        fb.employee_table(display.predicates_table(table), key="review_predikat", height=360)

if tabs[3].open:
    with tabs[3]:
        flags = fb.load(reviews.rater_flags, viewer, f)
        st.markdown(f"**{t.REVIEW_BIAS}**")
        st.caption(t.REVIEW_BIAS_NOTE.format(n=reviews.MIN_RATER_REVIEWS, gap=t.fmt_number(reviews.MIN_GAP, 1),
                                             z=t.fmt_number(reviews.MIN_Z, 1)))  # fmt: skip
        if flags.bias.empty:
            st.caption(t.REVIEW_NONE_FLAGGED)
        else:
            fb.employee_table(display.bias_table(flags.bias), key="review_bias")
        st.markdown(f"**{t.REVIEW_MUTUAL}**")
        st.caption(t.REVIEW_MUTUAL_NOTE.format(n=reviews.MIN_PAIR_REVIEWS))
        if flags.mutual.empty:
            st.caption(t.REVIEW_NONE_FLAGGED)
        else:
            fb.employee_table(
                display.mutual_table(flags.mutual), key="review_mutual", nip_column="NIP A"
            )
