"""Validation requires whatever the engine relies on (issue 11, rule 8).

Whole small evidence bases are generated (tables and claims, valid or not); every base that
`load_evidence` accepts must let `assess(claim, evidence, as_of)` run on every claim without
an exception. A base the loader refuses must be refused with problems, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factcheck.evidence import EvidenceError, load_evidence
from factcheck.schema import TABLES
from factcheck.verdict import assess
from factcheck.vocabulary import METRICS

FIXTURE = Path(__file__).parent.parent / "fixtures" / "data_base"
TODAY = dt.date(2026, 1, 15)
DAY0 = dt.date(2024, 10, 1)

days = st.integers(min_value=0, max_value=500).map(lambda n: DAY0 + dt.timedelta(days=n))
likely_day = st.tuples(days, st.integers(0, 9)).map(lambda d: "" if d[1] == 9 else d[0])
before = st.sampled_from([0, 0, 3, 40, -2])  # days before the source's date; -2: invalid


def item_date(draw, sources: list[dict], index: int) -> dt.date:
    """An item's date a little before its source's (sometimes after it: an invalid base)."""
    published = sources[index]["published"]
    return (published or DAY0) - dt.timedelta(days=draw(before))


grade = st.sampled_from("ABCDEF")
count = st.integers(min_value=0, max_value=20_000)


@st.composite
def bases(draw) -> dict:
    """A whole evidence base as rows and claim mappings: mostly valid, sometimes not."""
    n_orig = draw(st.integers(1, 3))
    originators = [
        {"id": f"o{i}", "name": f"Body {i}", "kind": "military",
         "party_to_conflict": draw(st.sampled_from(["true", "false"]))}
        for i in range(n_orig)
    ]  # fmt: skip
    n_src = draw(st.integers(1, 5))
    sources = []
    for i in range(n_src):
        parents = draw(st.lists(st.integers(0, i - 1), max_size=2, unique=True)) if i else []
        sources.append(
            {"id": f"s{i}", "outlet": f"Outlet {i}", "title": f"Doc {i}",
             "url": f"https://x.example/{i}", "published": draw(likely_day),
             "accessed": "2026-03-01", "language": "en",
             "originator": f"o{draw(st.integers(0, n_orig - 1))}",
             "derived_from": ";".join(f"s{p}" for p in parents), "reliability": draw(grade),
             "reliability_reason": "generated",
             "status": draw(st.sampled_from(["verified"] * 9 + ["unverified"]))}
        )  # fmt: skip
    figures = []
    for i in range(draw(st.integers(0, 6))):
        low, src = draw(count), draw(st.integers(0, n_src - 1))
        figures.append(
            {"id": f"f{i}", "subject": "troops", "metric": draw(st.sampled_from(sorted(METRICS))),
             "low": low, "high": low + draw(st.sampled_from([0, 0, 500])),
             "qualifier": draw(st.sampled_from(["exact", "approximately", "at least", "more than", "up to"])),
             "refers_to": item_date(draw, sources, src), "source": f"s{src}",
             "originator": draw(st.sampled_from(["", *(o["id"] for o in originators)])),
             "reliability": draw(st.sampled_from(["", "A", "C", "F"])), "quote": "q",
             "hedge": draw(st.sampled_from(["", "likely", "highly likely"]))}
        )  # fmt: skip
    events = []
    for i in range(draw(st.integers(0, 3))):
        src = draw(st.integers(0, n_src - 1))
        events.append(
            {"id": f"e{i}", "type": draw(st.sampled_from(["confirms", "denies"])),
             "date": item_date(draw, sources, src), "summary": "s", "source": f"s{src}",
             "originator": draw(st.sampled_from(["", *(o["id"] for o in originators)])),
             "quote": "q"}
        )  # fmt: skip
    claims = []
    for i in range(draw(st.integers(1, 3))):
        claim = {"id": f"c{i}", "claim": "A claim.", "claimant": "Someone",
                 "claim_date": draw(days).isoformat(), "appeared_in": ["s0"]}  # fmt: skip
        if draw(st.booleans()) or not events:
            claim |= {"subject": "troops", "metric": draw(st.sampled_from(sorted(METRICS))),
                      "comparator": draw(st.sampled_from([">", ">=", "<", "<=", "=", "~"])),
                      "value": draw(count)}  # fmt: skip
            if claim["comparator"] == "~" and draw(st.booleans()):
                claim["tolerance"] = draw(st.sampled_from([0.05, 0.5, 0.99]))
        else:
            claim |= {"kind": "event", "event": events[0]["type"]}
        if draw(st.booleans()):
            start, end = sorted([draw(days), draw(days)])
            claim["period"] = {"start": start.isoformat(), "end": end.isoformat()}
        if draw(st.booleans()):
            claim["as_of"] = draw(days).isoformat()  # before or after claim_date
        claims.append(claim)
    return {"originators.csv": originators, "sources.csv": sources, "figures.csv": figures,
            "events.csv": events, "claims": claims}  # fmt: skip


def write_base(folder: Path, base: dict) -> None:
    shutil.copy(FIXTURE / "subjects.csv", folder / "subjects.csv")
    shutil.copy(FIXTURE / "corrections.csv", folder / "corrections.csv")
    for name, rows in base.items():
        if name == "claims":
            continue
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(TABLES[name].model_fields))
            writer.writeheader()
            writer.writerows(rows)
    (folder / "claims").mkdir()
    for claim in base["claims"]:
        text = yaml.safe_dump(claim, sort_keys=False)
        (folder / "claims" / f"{claim['id']}.yaml").write_text(text, encoding="utf-8")


@settings(  # 150 bases: each a folder written and loaded; CI replays the same ones every run
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(base=bases(), as_of=st.one_of(st.none(), days))
def test_every_base_that_validates_can_be_assessed_without_an_exception(base, as_of):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_base(folder, base)
        try:
            evidence = load_evidence(folder, today=TODAY)
        except EvidenceError as err:
            assert err.problems  # refused with reasons, not a traceback
            event("refused by validation")
            return
        event("validated")
        for claim in evidence.claims.values():
            assess(claim, evidence, as_of or claim.effective_as_of)


@pytest.mark.parametrize(
    ("table", "row_id", "message"),
    [
        ("events.csv", "ministry-confirms",
         "source: source 'ministry-page' has no publication date; an event's source needs one "
         "to judge what was knowable when"),
        ("figures.csv", "agency-losses",
         "source: source 'report' has no publication date; a figure's source needs one "
         "to judge what was knowable when"),
    ],
)  # fmt: skip
def test_an_item_citing_an_undated_source_is_refused_for_events_as_for_figures(
    tmp_path, table, row_id, message
):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    source = "ministry-page" if table == "events.csv" else "report"
    path = data / "sources.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == source:
            row["published"] = ""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    line = 2 if table == "events.csv" or row_id == "agency-losses" else 3
    ours = [str(p) for p in caught.value.problems if p.file == f"data/{table}"]
    assert f"data/{table}:{line}: {message}" in ours


def test_an_event_citing_an_unverified_source_is_refused_like_a_figure(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "sources.csv"
    path.write_text(
        path.read_text().replace(
            "Party to the conflict,,verified", "Party to the conflict,,unverified"
        )
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    assert [str(p) for p in caught.value.problems] == [
        "data/events.csv:2: source: source 'ministry-page' is unverified; "
        "an event needs a verified source with a URL"
    ]


def test_an_inferred_publication_date_must_be_given(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "sources.csv"
    path.write_text(path.read_text().replace("2025-03-02,,2025-12-01", ",true,2025-12-01"))
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    assert [str(p) for p in caught.value.problems] == [
        "data/sources.csv:3: published: published_inferred is true, "
        "so expected the inferred date; found none"
    ]
