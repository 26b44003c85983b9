"""Independence: every source resolves through derived_from to the documents it repeats."""

from __future__ import annotations

import datetime as dt

from conftest import make_evidence, originator, source

from factcheck.independence import echo_family, outlets_by_originator, root_map, source_graph

UK_UPDATE = "ukdi-x-2025-06-15"


def _chain_and_diamond():
    """a <- b <- c (a chain); a, x <- d (two parents); d <- e; lone stands alone."""
    return make_evidence(
        originators=[originator("gb"), originator("kr")],
        sources=[
            source("a", "gb", published=dt.date(2025, 6, 15)),
            source("b", "gb", published=dt.date(2025, 6, 16), derived_from=["a"]),
            source("c", "gb", published=dt.date(2025, 6, 20), derived_from=["b"]),
            source("x", "kr", published=dt.date(2025, 6, 1)),
            source("d", "gb", published=dt.date(2025, 6, 17), derived_from=["x", "a"]),
            source("e", "gb", published=None, derived_from=["d", "b"]),
            source("lone", "kr", published=dt.date(2025, 6, 18)),
        ],
    )


def test_root_map_resolves_chains_and_multiple_parents():
    roots = root_map(_chain_and_diamond())
    assert roots["a"] == ("a",)
    assert roots["b"] == ("a",)
    assert roots["c"] == ("a",)  # through b to a
    assert roots["x"] == ("x",)
    assert roots["d"] == ("a", "x")  # both parents, sorted
    assert roots["e"] == ("a", "x")  # a reached twice, counted once
    assert roots["lone"] == ("lone",)
    assert roots["claim-source"] == ("claim-source",)


def test_source_graph_points_from_a_source_to_what_it_repeats():
    graph = source_graph(_chain_and_diamond())
    assert set(graph.successors("d")) == {"x", "a"}
    assert set(graph.successors("a")) == set()


def test_echo_family_shares_a_root_and_respects_the_as_of_date():
    ev = _chain_and_diamond()
    assert echo_family(ev, "a") == ["a", "b", "c", "d", "e"]
    assert echo_family(ev, "c") == ["a", "b", "c", "d", "e"]
    assert echo_family(ev, "x") == ["d", "e", "x"]
    assert echo_family(ev, "lone") == ["lone"]
    # on 16 June only a and b were out; e has no date and is kept
    assert echo_family(ev, "a", as_of=dt.date(2025, 6, 16)) == ["a", "b", "e"]


def test_outlets_by_originator_groups_and_filters_by_date():
    ev = _chain_and_diamond()
    grouped = outlets_by_originator(ev, as_of=dt.date(2025, 6, 16))
    assert grouped["gb"] == ["a", "b", "e"]
    assert grouped["kr"] == ["x"]


def test_the_15_june_uk_update_has_at_least_20_echoes(data_evidence):
    family = echo_family(data_evidence, UK_UPDATE)
    assert len(family) >= 20
    assert UK_UPDATE in family
    roots = root_map(data_evidence)
    assert all(UK_UPDATE in roots[s] for s in family)
    # the echoes carry UK Defence Intelligence's information, except a fact-check that cites them
    carriers = {data_evidence.sources[s].originator for s in family}
    assert "uk-defence-intelligence" in carriers
    assert carriers <= {"uk-defence-intelligence", "truthorfake"}


def test_every_source_in_the_data_has_roots_that_repeat_nothing(data_evidence):
    roots = root_map(data_evidence)
    assert set(roots) >= set(data_evidence.sources)
    for found in roots.values():
        assert found == tuple(sorted(found))
        for root in found:
            assert not data_evidence.sources[root].derived_from
