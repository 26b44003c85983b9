"""`Reported` finds the largest figure beyond a bound by a short walk instead of a pass over
every figure; it must give what the plain definition gives, ties included. Hand-made figures
with many equal sizes; the definition is written out here as the oracle."""

from __future__ import annotations

import datetime as dt
import itertools

from conftest import claim, figure

from factcheck.reasoning.bounds import Reported, _size, may_be_exceeded

DAY = dt.date(2025, 1, 1)
QUALIFIERS = ("exact", "up to", "approximately", "more than", "at least")


def _oracle(c, bound, rel, others):
    """The largest figure beyond a bound as first written (`larger_reported`): every figure
    tested, the largest kept (the first of equals in `others`)."""
    if not may_be_exceeded(rel, bound):
        return None
    same = {bound.metric} | ({c.metric} if rel == "capacity" else set())

    def larger(f):
        if f.metric not in same or f is bound:
            return False
        if f.qualifier != "up to" and f.low > bound.high:
            return True
        return f.metric == bound.metric and f.refers_to > bound.refers_to and f.high > bound.high

    found = [f for f in others if larger(f)]
    return max(found, key=_size) if found else None


def _figures():
    """Sizes that repeat (values on a coarse grid, dates in a short span, one quote), metrics
    of the bound and of the claim mixed."""
    out = []
    for i, (q, metric) in enumerate(itertools.product(QUALIFIERS, ("whole", "counted"))):
        for j in range(12):
            low = (j % 4) * 100
            out.append(
                figure(
                    f"f{i}-{j}",
                    "s",
                    low,
                    low + (j % 3) * 50,
                    metric="deployed_total" if metric == "whole" else "casualties",
                    qualifier=q,
                    refers_to=DAY + dt.timedelta(days=j % 5),
                    quote="same words",
                )
            )
    return out


def test_the_largest_beyond_each_bound_is_the_one_the_plain_definition_finds():
    c = claim(150, ">", metric="casualties")
    figures = _figures()
    reported = Reported(c, figures)
    for bound, rel in itertools.product(figures, ("bound", "capacity", "direct")):
        expected = _oracle(c, bound, rel, figures)
        assert reported.largest_beyond(bound, rel) is expected, (bound.id, rel)


def test_figures_taken_in_later_with_their_ranks_break_ties_as_one_list_would():
    c = claim(150, ">", metric="casualties")
    figures = _figures()
    order = list(reversed(range(len(figures))))  # ranks unlike the order taken in
    ranked = sorted(zip(order, figures, strict=True), key=lambda p: p[0])
    in_rank_order = [f for _, f in ranked]
    half = len(figures) // 2
    reported = Reported(c, figures[:half], order[:half])
    reported.extend(figures[half:], order[half:])
    for bound in figures:
        assert reported.largest_beyond(bound, "bound") is _oracle(c, bound, "bound", in_rank_order)
