"""Label placement by arithmetic: labels at the ends of lines, spread so they never overlap.

Sizes are estimated from character counts (see `style.text_width`), never measured by a
renderer: placement costs microseconds and needs no private matplotlib API.
"""

from __future__ import annotations

from collections.abc import Sequence


def spread(
    wanted: Sequence[float], heights: Sequence[float], low: float, high: float
) -> list[float]:
    """Centres for labels of `heights` near `wanted` positions, none overlapping, within [low, high].

    Labels keep their order; each is pushed up just enough to clear the one below, then the
    stack is pushed down if it runs past `high`. Where they cannot all fit they overlap evenly
    rather than leave the range. Linear in the number of labels after sorting.
    """
    if not wanted:
        return []
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    placed = [0.0] * len(wanted)
    floor = low
    for i in order:
        half = heights[i] / 2
        centre = max(wanted[i], floor + half)
        placed[i] = centre
        floor = centre + half
    ceiling = high
    for i in reversed(order):
        half = heights[i] / 2
        centre = min(placed[i], ceiling - half)
        placed[i] = centre
        ceiling = centre - half
    if ceiling < low:  # too many to fit: share the room evenly, in order
        total = sum(heights)
        room = high - low
        y = low
        for i in order:
            share = heights[i] * room / total
            placed[i] = y + share / 2
            y += share
    return placed
