"""A large synthetic evidence base built in memory: 5,000 figures, 2,000 sources.

Shaped like a busy newsroom's base: a few hundred originators, most documents repeating a
few posts, figures spread over two years. Deterministic (no randomness: arithmetic on indices).
"""

from __future__ import annotations

import datetime as dt

from conftest import figure, make_evidence, originator, source

START = dt.date(2024, 10, 1)


def large_evidence(figures: int = 5000, sources: int = 2000, originators: int = 300):
    bodies = [originator(f"body-{i:03d}", name=f"Body number {i}") for i in range(originators)]
    docs = []
    for i in range(sources):
        owner = bodies[i % originators].id
        root = f"doc-{i % originators:04d}"
        docs.append(
            source(
                f"doc-{i:04d}",
                owner,
                published=START + dt.timedelta(days=(i * 7) % 700),
                derived_from=[root] if i >= originators else [],
            )
        )
    metrics = ("casualties", "killed", "deployed")
    items = [
        figure(
            f"fig-{i:05d}",
            f"doc-{i % sources:04d}",
            1000 + (i * 37) % 9000,
            metric=metrics[i % len(metrics)],
            qualifier=("approximately", "more than", "exact")[i % 3],
            refers_to=START + dt.timedelta(days=(i * 7) % 700),
        )
        for i in range(figures)
    ]
    return make_evidence(originators=bodies, sources=docs, figures=items)
