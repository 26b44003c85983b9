"""derived_from loops are reported once per loop of documents, in time linear in the rows.

Enumerating every cycle is exponential: twelve sources each derived from the other eleven
used to make `validate` run out of memory. A strongly connected component is what the analyst
must break, so it gets one message, with one example cycle through its first id.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from data_base import copy_base, problems

from factcheck.evidence import load_evidence

HEAD = "expected a chain that ends at an original document, found a cycle: "


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_base(tmp_path)


def add_sources(data: Path, parents: dict[str, list[str]]) -> None:
    """Append sources named in `parents`, each derived from the listed ids."""
    path = data / "sources.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    for sid, derived in parents.items():
        rows.append(
            {
                **rows[0],
                "id": sid,
                "url": f"https://x.example/{sid}",
                "derived_from": ";".join(derived),
            }
        )
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_two_sources_quoting_each_other_are_one_cycle(data):
    add_sources(data, {"s-a": ["s-b"], "s-b": ["s-a"]})
    assert problems(data) == [f"data/sources.csv:5: derived_from: {HEAD}s-a -> s-b -> s-a"]


def test_twelve_sources_each_derived_from_the_other_eleven_are_one_message_quickly(data):
    ids = [f"s-{i:02d}" for i in range(12)]
    add_sources(data, {sid: [o for o in ids if o != sid] for sid in ids})
    start = time.perf_counter()
    found = problems(data)
    assert time.perf_counter() - start < 0.5
    assert found == [
        f"data/sources.csv:5: derived_from: {HEAD}s-00 -> s-01 -> s-00 "
        "(one of several among the 12 sources s-00, s-01, s-02, s-03, s-04, s-05, s-06, "
        "s-07, s-08, s-09 and 2 more)"
    ]


def test_a_long_ring_is_named_in_full(data):
    ids = [f"r-{i}" for i in range(5)]
    add_sources(data, {sid: [ids[(i + 1) % 5]] for i, sid in enumerate(ids)})
    assert problems(data) == [
        f"data/sources.csv:5: derived_from: {HEAD}r-0 -> r-1 -> r-2 -> r-3 -> r-4 -> r-0"
    ]


def test_separate_loops_are_separate_messages_and_chains_into_them_are_not(data):
    add_sources(
        data,
        {"a-1": ["a-2"], "a-2": ["a-1"], "b-1": ["b-2"], "b-2": ["b-1"], "tail": ["a-1", "b-1"]},
    )
    assert problems(data) == [
        f"data/sources.csv:5: derived_from: {HEAD}a-1 -> a-2 -> a-1",
        f"data/sources.csv:7: derived_from: {HEAD}b-1 -> b-2 -> b-1",
    ]


def test_many_echoes_of_one_root_are_not_a_loop(data):
    add_sources(data, {f"e-{i}": ["report"] for i in range(200)})
    assert len(load_evidence(data).sources) == 203
