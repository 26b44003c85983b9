"""The growth ceiling from neighbouring counts only: the same on every day as from every pair.

The reference below pairs every two counts, as the engine did before; a daily running total
over 1,000 days made half a million pairs that way.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.reasoning.growth import GrowthTimeline, _Pair, growth_ceilings, growth_pairs
from factcheck.reasoning.intervals import figure_point
from factcheck.reasoning.model import Quantity, Reading
from factcheck.reasoning.scope import Candidate
from factcheck.vocabulary import METRICS, of, use

START = dt.date(2024, 1, 1)


def every_pair(candidates, evidence, revised) -> list[_Pair]:
    """Every two counts of one originator and metric that grew (the engine's old way)."""
    pairs = []
    groups: dict = {}
    for c in candidates:
        groups.setdefault((c.originator, c.figure.metric), []).append(c)
    for (originator, metric), members in groups.items():
        body = evidence.originators.get(originator)
        name = body.name if body else originator
        for c1 in members:
            for c2 in members:
                t1, t2 = c1.figure.refers_to, c2.figure.refers_to
                p1, p2 = figure_point(c1.figure), figure_point(c2.figure)
                if t2 <= t1 or p2 <= p1 or not math.isfinite(p1 + p2):
                    continue
                rate = (p2 - p1) / (t2 - t1).days
                key = (rate, name, c1.content_key(), c2.content_key())
                end = min(revised.get(f.id, dt.date.max) for f in (*c1.parts, *c2.parts))
                pairs.append(
                    _Pair(rate, key, metric, name, c1, c2, max(c1.published, c2.published), end)
                )
    return pairs


def counts(evidence, rows) -> tuple[list[Candidate], dict[str, dt.date]]:
    """(originator, day counted, value, days until published, days until revised or None)."""
    template = next(
        f for f in evidence.figures.values() if METRICS[f.metric].cumulative and f.since is None
    )
    candidates, revised = [], {}
    for i, (originator, day, value, delay, revision) in enumerate(rows):
        refers_to = START + dt.timedelta(days=day)
        figure = template.model_copy(
            update={
                "id": f"c{i}",
                "refers_to": refers_to,
                "low": value,
                "high": value,
                "qualifier": "exact",
                "stated": "",
            }  # fmt: skip
        )
        published = refers_to + dt.timedelta(days=delay)
        candidates.append(
            Candidate(
                figure,
                (figure,),
                "direct",
                originator,
                published,
                Reading(code="stated", result=Quantity(label="count")),
                grade="B",
            )  # fmt: skip
        )
        if revision is not None:
            revised[figure.id] = published + dt.timedelta(days=revision)
    return candidates, revised


ROWS = st.lists(
    st.tuples(
        st.sampled_from(["first", "second"]),
        st.integers(0, 30),
        st.integers(0, 60),
        st.integers(0, 15),
        st.one_of(st.none(), st.integers(-2, 20)),  # revised before it was public, too
    ),
    max_size=14,
)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS)
def test_neighbouring_counts_give_every_pairs_ceiling_on_every_day_and_overall(data_evidence, rows):
    with use(of(data_evidence)):
        candidates, revised = counts(data_evidence, rows)
        ours = growth_pairs(candidates, data_evidence, revised)
        reference = every_pair(candidates, data_evidence, revised)
        every = {(id(p.earlier), id(p.later), p.start, p.end) for p in reference}
        assert {(id(p.earlier), id(p.later), p.start, p.end) for p in ours} <= every
        assert growth_ceilings(candidates, data_evidence, ours) == growth_ceilings(
            candidates, data_evidence, reference
        )
        ours_by_day, reference_by_day = GrowthTimeline(ours), GrowthTimeline(reference)
        for offset in range(0, 80):
            day = START + dt.timedelta(days=offset)
            expected = growth_ceilings(candidates, data_evidence, reference, day)
            assert growth_ceilings(candidates, data_evidence, ours, day) == expected, day
            assert ours_by_day.at(day) == reference_by_day.at(day) == expected, day


def test_a_daily_running_total_makes_about_one_pair_a_day_not_one_for_every_two_days(
    data_evidence,
):
    rows = [("ministry", day, 1_000 + 37 * day + day * day % 11, 1, None) for day in range(1_000)]
    with use(of(data_evidence)):
        candidates, revised = counts(data_evidence, rows)
        pairs = growth_pairs(candidates, data_evidence, revised)
    assert len(pairs) < 2 * len(rows)  # every pair would be 499,500


def test_a_revised_count_between_two_others_lets_them_pair_once_it_is_withdrawn(data_evidence):
    # 0 -> 100 in 10 days is 10 a day; the count between them (day 5, 90) is withdrawn on day 30
    rows = [("a", 0, 0, 0, None), ("a", 5, 90, 0, 25), ("a", 10, 100, 0, None)]
    with use(of(data_evidence)):
        candidates, revised = counts(data_evidence, rows)
        timeline = GrowthTimeline(growth_pairs(candidates, data_evidence, revised))
        before = timeline.at(START + dt.timedelta(days=29))
        after = timeline.at(START + dt.timedelta(days=30))
    (metric,) = before
    assert before[metric].per_day == 18  # 0 -> 90 in 5 days, while the middle count stood
    assert after[metric].per_day == 10
