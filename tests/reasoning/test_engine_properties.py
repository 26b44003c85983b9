"""Properties of the engine over generated evidence bases (hypothesis).

Never an exception; no verdict depends on id spelling; an independent supporting line never
lowers the label or the probability.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from conftest import claim, event, figure, make_evidence, originator, source
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import scales
from factcheck.schema import MAX_COUNT
from factcheck.verdict import Verdict, assess
from factcheck.vocabulary import METRICS, SHARES

PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
START, END = dt.date(2024, 9, 1), dt.date(2025, 12, 31)
dates = st.dates(START, END)
QUALIFIERS = ["exact", "approximately", "at least", "more than", "up to"]
EVENT_TYPES = ["confirms", "denies"]
# Support only ever moves a label this way (unproven sits with mixed: support makes it mostly true).
SUPPORT_ORDER = {
    "false": 0,
    "mostly-false": 1,
    "mixed": 2,
    "unproven": 2,
    "mostly-true": 3,
    "true": 4,
}


@st.composite
def evidence_bases(draw):
    """A whole evidence base as validation would accept it: references resolve, no cycles."""
    n_orgs = draw(st.integers(1, 4))
    orgs = [originator(f"o{i}", party=draw(st.booleans())) for i in range(n_orgs)]
    sources = []
    for i in range(draw(st.integers(1, 7))):
        earlier = [s.id for s in sources]
        sources.append(
            source(
                f"s{i}",
                draw(st.sampled_from([o.id for o in orgs])),
                published=draw(st.one_of(st.none(), dates)),
                reliability=draw(st.sampled_from("ABCDEF")),
                derived_from=draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True))
                if earlier
                else [],
                url=draw(st.sampled_from([None, f"https://example.org/s{i}"])),
                status="unverified",
            )
        )
    figures = []
    for i in range(draw(st.integers(0, 10))):
        # Now and then the largest count validation lets through: the engine must still answer.
        low = draw(st.one_of(st.integers(0, 20000), st.just(MAX_COUNT)))
        high = min(MAX_COUNT, low + draw(st.integers(0, 5000)))
        metric = draw(st.sampled_from(sorted(METRICS)))
        if metric in SHARES:  # a share is a percentage
            low, high = sorted((low % 101, high % 101))
        figures.append(
            figure(
                f"f{i}",
                draw(st.sampled_from([s.id for s in sources])),
                low,
                high,
                metric=metric,
                qualifier=draw(st.sampled_from(QUALIFIERS)),
                refers_to=draw(dates),
                hedge=draw(st.one_of(st.none(), st.sampled_from(scales.YARDSTICK_PHRASES))),
                originator=draw(st.one_of(st.none(), st.sampled_from([o.id for o in orgs]))),
                reliability=draw(st.one_of(st.none(), st.sampled_from("ABCDEF"))),
            )
        )
    events = [
        event(
            f"e{i}",
            draw(st.sampled_from([s.id for s in sources])),
            draw(dates),
            type=draw(st.sampled_from(EVENT_TYPES)),
            originator=draw(st.one_of(st.none(), st.sampled_from([o.id for o in orgs]))),
            repeatable=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    return make_evidence(originators=orgs, sources=sources, figures=figures, events=events)


@st.composite
def claims(draw):
    start = draw(dates)
    period = {"start": start, "end": start + dt.timedelta(days=draw(st.integers(0, 90)))}
    claim_date = period["end"]
    as_of = draw(st.one_of(st.none(), dates))
    if draw(st.booleans()):
        return claim(
            kind=draw(st.sampled_from(["event", "statement"])),
            event=draw(st.sampled_from(EVENT_TYPES)),
            period=period,
            claim_date=claim_date,
            as_of=as_of,
        )
    return claim(
        value=draw(st.one_of(st.integers(0, 30000), st.just(MAX_COUNT))),
        comparator=draw(st.sampled_from([">", ">=", "<", "<=", "=", "~"])),
        metric=draw(st.sampled_from(sorted(m for m in METRICS if m not in SHARES))),
        period=period,
        claim_date=claim_date,
        as_of=as_of,
        # now and then the claim restates one of the bodies' own word (issue 20, class 3)
        originator=draw(st.sampled_from([None, "o0", "o1"])),
        share=draw(st.sampled_from([None, 0.5])),
    )


def _key(v: Verdict):
    return (
        v.label,
        v.probability,
        v.credibility,
        sorted(line.stance for line in v.lines),
        sorted(f.code for f in v.flags),
    )


@PROPERTY
@given(evidence_bases(), claims())
def test_generated_evidence_bases_never_make_assess_raise(ev, c):
    v = assess(c, ev)
    assert 3 <= len(v.why) <= 5
    assert Verdict.model_validate_json(v.model_dump_json()) == v


def _renamed(ev):
    """Every id spelled so that its sort order is reversed; references followed."""

    def reverse(ids):
        ordered = sorted(ids)
        return {old: f"x{len(ordered) - i:03d}" for i, old in enumerate(ordered)}

    o = reverse(k for k in ev.originators if k != "claimant") | {"claimant": "claimant"}
    s = reverse(k for k in ev.sources if k != "claim-source") | {"claim-source": "claim-source"}
    f = reverse(ev.figures)
    e = reverse(ev.events)
    return dataclasses.replace(
        ev,
        originators={o[k]: x.model_copy(update={"id": o[k]}) for k, x in ev.originators.items()},
        sources={
            s[k]: x.model_copy(
                update={
                    "id": s[k],
                    "originator": o[x.originator],
                    "derived_from": [s[d] for d in x.derived_from],
                }
            )
            for k, x in ev.sources.items()
        },
        figures={
            f[k]: x.model_copy(
                update={
                    "id": f[k],
                    "source": s[x.source],
                    "originator": o[x.originator] if x.originator else None,
                }
            )
            for k, x in ev.figures.items()
        },
        events={
            e[k]: x.model_copy(
                update={
                    "id": e[k],
                    "source": s[x.source],
                    "originator": o[x.originator] if x.originator else None,
                }
            )
            for k, x in ev.events.items()
        },
    )


@PROPERTY
@given(evidence_bases(), claims())
def test_renaming_every_id_gives_the_same_verdict(ev, c):
    assert _key(assess(c, _renamed(ev))) == _key(assess(c, ev))


def _supporting_value(c) -> int | None:
    value = int(c.value)
    match c.comparator:
        case ">":
            return value + 1 if value < MAX_COUNT else None
        case "<":
            return value - 1 if value >= 1 else None
        case _:
            return value


# Found by this property: a capacity of 0, counted before the claim's date, supported "fewer
# than MAX_COUNT" because nothing larger had been reported; the new line's larger count then
# voided the bound altogether (instead of capping at the largest total reported) and the
# probability fell from the A line's "highly likely" to the C line's "likely".
_CAPACITY = next((m for m, info in METRICS.items() if info.kind == "capacity"), None)
_COUNTED = METRICS[_CAPACITY].converts_to if _CAPACITY else None
_EARLIER_CAPACITY = make_evidence(
    originators=[originator("o0")],
    sources=[source("s0", "o0", published=START, reliability="A")],
    figures=[
        figure("f0", "s0", 0, 0, metric=_CAPACITY or "casualties", refers_to=START),
    ],
)
_FEWER_THAN_MAX = claim(
    value=MAX_COUNT,
    comparator="<",
    metric=_COUNTED or "casualties",
    period={"start": START + dt.timedelta(days=30), "end": START + dt.timedelta(days=30)},
    claim_date=START + dt.timedelta(days=30),
)


@PROPERTY
@given(
    evidence_bases(),
    claims().filter(lambda c: c.kind == "quantity"),
    st.sampled_from("ABC"),
    st.one_of(st.none(), st.sampled_from(scales.YARDSTICK_PHRASES)),
)
@example(_EARLIER_CAPACITY, _FEWER_THAN_MAX, "C", None)
def test_an_independent_supporting_line_never_lowers_the_label_or_probability(ev, c, grade, hedge):
    if not math.isfinite(c.value):
        return
    value = _supporting_value(c)
    if value is None or c.value != int(c.value):
        return
    as_of = c.effective_as_of
    period = c.effective_period
    extra = make_evidence(
        originators=[*ev.originators.values(), originator("new-body")],
        sources=[
            *ev.sources.values(),
            source("new-doc", "new-body", published=as_of, reliability=grade),
        ],
        figures=[
            *ev.figures.values(),
            figure("new-fig", "new-doc", value, metric=c.metric, refers_to=period.end, hedge=hedge),
        ],
        events=ev.events,
    )
    before, after = assess(c, ev), assess(c, extra)
    new_line = next(line for line in after.lines if line.id == "new-body")
    assert new_line.stance == "supports", new_line.reason
    assert SUPPORT_ORDER[after.label] >= SUPPORT_ORDER[before.label]
    if before.probability is not None:
        assert scales.yardstick_rank(after.probability) >= scales.yardstick_rank(before.probability)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(evidence_bases(), claims())
def test_the_verdict_over_time_agrees_with_judging_on_each_date(ev, c):
    """History is computed without re-assessing; it must say what a full assessment says."""
    v = assess(c, ev)
    for point in v.history:
        assert assess(c, ev, point.date).label == point.label
    for earlier, later in zip(v.history, v.history[1:-1], strict=False):
        assert earlier.label != later.label and earlier.date < later.date
    # and between the points: no day on which a full assessment says otherwise was missed
    days = {s.published for s in ev.sources.values() if s.published} | {
        f.refers_to for f in ev.figures.values()
    }
    for day in sorted(d for d in days if v.history[0].date < d < v.as_of):
        said = [p.label for p in v.history if p.date <= day][-1]
        assert assess(c, ev, day).label == said, day
