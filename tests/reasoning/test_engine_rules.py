"""Issue 11's rules, one table test each, on small evidence bases written for the rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import DAY, claim, event, figure, make_evidence, originator, source

from factcheck.reasoning import rules
from factcheck.verdict import LABEL_RULES, assess, decide

ROOT = Path(__file__).resolve().parents[2]
BEFORE = DAY - dt.timedelta(days=60)
AFTER = DAY + dt.timedelta(days=60)


def base(*rows):
    """Evidence from (originator id, party, [(source kwargs, [figure kwargs])])."""
    originators, sources, figures = [], [], []
    for org_id, party, docs in rows:
        originators.append(originator(org_id, party=party, name=f"The {org_id.upper()} body"))
        for i, (src_kw, figs) in enumerate(docs):
            src_id = src_kw.pop("id", f"{org_id}-doc-{i}")
            sources.append(source(src_id, org_id, **src_kw))
            for j, fig_kw in enumerate(figs):
                figures.append(figure(fig_kw.pop("id", f"{src_id}-f{j}"), src_id, **fig_kw))
    return make_evidence(originators=originators, sources=sources, figures=figures)


# --------------------------------------------------------------------------- rule 1

RULE_1 = [
    (
        "a later killed count does not displace an earlier casualties figure that decides",
        [
            ({"published": BEFORE}, [{"low": 7000, "qualifier": "more than", "refers_to": BEFORE}]),
            ({"published": DAY}, [{"low": 2000, "metric": "killed"}]),
        ],
        "supports",
    ),
    (
        "on one metric the latest figure revises the earlier one",
        [
            ({"published": BEFORE}, [{"low": 5000, "refers_to": BEFORE}]),
            ({"published": DAY}, [{"low": 6500, "qualifier": "approximately"}]),
        ],
        "supports",
    ),
    (
        "an earlier, lower casualties count and a later killed count above the claim combine",
        [
            ({"published": BEFORE}, [{"low": 4000, "refers_to": BEFORE}]),
            ({"published": DAY}, [{"low": 6500, "metric": "killed"}]),
        ],
        "supports",
    ),
    (
        "a later open-ended count of a later state does not hide an earlier decisive figure",
        [
            ({"published": BEFORE}, [{"low": 7000, "qualifier": "more than", "refers_to": BEFORE}]),
            ({"published": DAY}, [{"low": 9000, "qualifier": "more than", "refers_to": AFTER}]),
        ],
        "supports",
    ),
    (
        "when metrics disagree, the claim's own metric decides",
        [({"published": DAY}, [{"low": 4000}, {"low": 6500, "metric": "killed"}])],
        "contradicts",
    ),
]


@pytest.mark.parametrize(("why", "docs", "stance"), RULE_1, ids=[r[0] for r in RULE_1])
def test_an_originator_line_weighs_all_its_knowable_figures(why, docs, stance):
    v = assess(claim(), base(("di", False, docs)))
    assert [line.stance for line in v.lines] == [stance], why


# --------------------------------------------------------------------------- rule 2


def test_killed_and_wounded_in_one_statement_add_up_to_casualties():
    ev = base(
        (
            "nis",
            False,
            [
                (
                    {},
                    [
                        {"low": 300, "metric": "killed", "qualifier": "approximately"},
                        {"low": 2700, "metric": "wounded", "qualifier": "approximately"},
                    ],
                )
            ],
        )
    )
    v = assess(claim(value=3000, comparator="~"), ev)
    assert v.label == "mostly-true"
    line = v.lines[0]
    assert set(line.item_ids) == {"nis-doc-0-f0", "nis-doc-0-f1"}
    assert line.reason.startswith(
        "about 300 killed and about 2,700 wounded in one statement, that is about 3,000 casualties"
    )


def test_components_of_one_announcement_add_up():
    ev = base(
        (
            "ru",
            True,
            [
                (
                    {},
                    [
                        {"low": 1000, "metric": "announced_deployment"},
                        {"low": 5000, "metric": "announced_deployment"},
                    ],
                )
            ],
        )
    )
    v = assess(claim(value=6000, comparator="~", metric="announced_deployment"), ev)
    assert v.lines[0].stance == "supports"
    assert {a.stated for a in v.evidence} == {"1,000", "5,000"}


def _renamed(ev, prefix):
    """Every id (originators, sources, figures) spelled differently, references followed."""
    o = {k: f"{prefix}{k}" for k in ev.originators if k != "claimant"} | {"claimant": "claimant"}
    s = {k: f"{prefix}{k}" for k in ev.sources if k != "claim-source"} | {
        "claim-source": "claim-source"
    }
    sources = {
        s[x.id]: x.model_copy(
            update={
                "id": s[x.id],
                "originator": o[x.originator],
                "derived_from": [s[d] for d in x.derived_from],
            }
        )
        for x in ev.sources.values()
    }
    figures = {
        f"{prefix}{f.id}": f.model_copy(
            update={
                "id": f"{prefix}{f.id}",
                "source": s[f.source],
                "originator": o[f.originator] if f.originator else None,
            }
        )
        for f in ev.figures.values()
    }
    originators = {o[k]: x.model_copy(update={"id": o[k]}) for k, x in ev.originators.items()}
    return dataclasses.replace(ev, originators=originators, sources=sources, figures=figures)


def test_a_tie_inside_one_statement_does_not_depend_on_id_spelling():
    ev = base(
        (
            "nis",
            False,
            [({}, [{"low": 5000, "id": "a-fig"}, {"low": 7000, "id": "b-fig"}])],
        )
    )
    renamed = dataclasses.replace(
        ev,
        figures={
            "z-fig": ev.figures["a-fig"].model_copy(update={"id": "z-fig"}),
            "b-fig": ev.figures["b-fig"],
        },
    )
    assert assess(claim(), ev).label == assess(claim(), renamed).label


# --------------------------------------------------------------------------- rule 3


def test_a_copy_is_knowable_from_the_date_its_original_was_published():
    ev = base(
        (
            "di",
            False,
            [
                ({"id": "post", "published": DAY, "url": None, "status": "not-archived"}, []),
                (
                    {
                        "id": "copy",
                        "published": DAY + dt.timedelta(days=1),
                        "derived_from": ["post"],
                    },
                    [{"low": 6000, "qualifier": "more than"}],
                ),
            ],
        )
    )
    v = assess(claim(), ev, DAY)
    assert v.label == "mostly-true"
    assert v.evidence[0].published == DAY


def test_an_undated_original_is_dated_by_the_earliest_copy_carrying_it():
    later = DAY + dt.timedelta(days=3)
    ev = base(
        (
            "di",
            False,
            [
                ({"id": "post", "published": None, "url": None, "status": "not-archived"}, []),
                ({"id": "copy-1", "published": later, "derived_from": ["post"]}, []),
                (
                    {
                        "id": "copy-2",
                        "published": later + dt.timedelta(days=5),
                        "derived_from": ["post"],
                    },
                    [{"low": 6000, "qualifier": "more than"}],
                ),
            ],
        )
    )
    assert assess(claim(), ev, later).label == "mostly-true"
    assert assess(claim(), ev, DAY).label == "unproven"


# --------------------------------------------------------------------------- rules 4 and 5

BOUNDS = [
    (
        "losses cannot exceed the troops sent in all, counted later",
        {"value": 10_000_000},
        [{"low": 15000, "metric": "deployed_total", "refers_to": AFTER}],
        "contradicts",
    ),
    (
        "losses cannot exceed the largest total of troops sent that anyone reported, even earlier",
        {"value": 10_000_000},
        [{"low": 15000, "metric": "deployed_total", "refers_to": BEFORE}],
        "contradicts",
    ),
    (
        "losses within the largest reported total are not ruled out by it",
        {"value": 6000},
        [{"low": 15000, "metric": "deployed_total", "refers_to": BEFORE}],
        "inconclusive",
    ),
    (
        "a running total dated inside the window cannot cap the window's count",
        {
            "metric": "casualties_in_period",
            "value": 1000,
            "period": {"start": BEFORE, "end": AFTER},
            "claim_date": AFTER,
        },
        [{"low": 500, "refers_to": DAY}],
        "inconclusive",
    ),
    (
        "a running total dated after the window caps the window's count",
        {
            "metric": "casualties_in_period",
            "value": 1000,
            "period": {"start": BEFORE, "end": DAY},
        },
        [{"low": 500, "refers_to": DAY + dt.timedelta(days=1)}],
        "contradicts",
    ),
]


@pytest.mark.parametrize(("why", "claim_kw", "figs", "stance"), BOUNDS, ids=[r[0] for r in BOUNDS])
def test_bounds_and_windows(why, claim_kw, figs, stance):
    ev = base(("nis", False, [({"published": AFTER + dt.timedelta(days=1)}, figs)]))
    c = claim(**{"as_of": AFTER + dt.timedelta(days=10), **claim_kw})
    v = assess(c, ev)
    assert [line.stance for line in v.lines] == [stance], (why, v.lines[0].reason)


# --------------------------------------------------------------------------- rule 6


def _event_base(event_originator: str | None):
    ev = make_evidence(
        originators=[
            originator("ru", party=True, name="Russia's General Staff"),
            originator("di", name="UK Defence Intelligence"),
            originator("wire", kind="news-agency", name="A wire"),
        ],
        sources=[
            source("di-post", "di", published=DAY),
            source("wire-story", "wire", published=DAY, derived_from=["di-post"]),
        ],
    )
    e = event("e1", "wire-story", DAY, originator=event_originator)
    return dataclasses.replace(ev, events={"e1": e})


def test_an_event_line_belongs_to_the_body_whose_statement_it_reports():
    c = claim(kind="event", event="confirms", period={"start": DAY, "end": DAY})
    v = assess(c, _event_base("ru"))
    assert [line.name for line in v.lines] == ["Russia's General Staff"]
    assert "party-to-conflict" in {f.code for f in v.flags}
    assert "Russia's General Staff is a party to the conflict" in v.flags[-1].text


def test_echo_and_party_flags_follow_only_the_deciding_lines():
    # A party's figure that decides nothing, repeated by many outlets: no flag for it.
    ev = base(
        ("ua", True, [({"id": "ua-post"}, [{"low": 100, "refers_to": BEFORE}])]),
        ("di", False, [({}, [{"low": 6000, "qualifier": "more than"}])]),
    )
    echoes = [source(f"echo-{i}", "ua", derived_from=["ua-post"]) for i in range(4)]
    ev = dataclasses.replace(ev, sources={**ev.sources, **{s.id: s for s in echoes}})
    v = assess(claim(), ev)
    codes = {f.code for f in v.flags}
    assert "echo-amplification" not in codes
    assert "party-to-conflict" not in codes


# --------------------------------------------------------------------------- rule 9


def test_an_as_of_date_before_the_claim_is_allowed_and_said():
    ev = base(("di", False, [({"published": BEFORE}, [{"low": 7000, "refers_to": BEFORE}])]))
    v = assess(claim(), ev, BEFORE)
    assert any("judged with evidence published before the claim was made" in s for s in v.reasoning)
    assert v.label == "mostly-true"


# --------------------------------------------------------------------------- rule 10


def test_the_printed_rules_are_the_rule_objects_decide_walks():
    assert tuple((r.condition, r.outcome) for r in rules.LABEL_RULE_TABLE) == LABEL_RULES
    tally = rules.Tally.of([])
    assert decide([]).label == rules.first_match(rules.LABEL_RULE_TABLE, tally) == "unproven"
    assert decide([]).probability is rules.first_match(rules.PROBABILITY_RULE_TABLE, tally)


def _section(text: str) -> str:
    start = text.index("## How the verdict is derived")
    return text[start : text.index("\n## ", start + 3)]


@pytest.mark.parametrize(
    "table",
    [
        rules.label_table_markdown,
        rules.credibility_table_markdown,
        rules.probability_table_markdown,
    ],
)
def test_readme_tables_are_the_rule_objects(table):
    section = _section((ROOT / "README.md").read_text(encoding="utf-8"))
    assert table() in section


def test_readme_prints_the_hedge_rule_from_the_rules_module():
    section = re.sub(r"\s+", " ", _section((ROOT / "README.md").read_text(encoding="utf-8")))
    assert rules.HEDGE_CAP_RULE in section
