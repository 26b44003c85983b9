"""Controlled vocabularies: metrics and how they relate, qualifiers, comparators.

They live in code, not data, because the verdict engine's rules depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class MetricInfo:
    label: str
    description: str
    cumulative: bool  # a running total that only grows with time
    part_of: str | None = None  # this metric counts a subset of another one
    additive: bool = False  # several figures of it in one statement are components of one whole


METRICS: dict[str, MetricInfo] = {
    "deployed": MetricInfo(
        "troops deployed",
        "troops sent in the initial deployment, counted so far",
        True,
        part_of="deployed_total",
    ),
    "reinforcements": MetricInfo(
        "reinforcements",
        "troops sent after the initial deployment",
        True,
        part_of="deployed_total",
    ),
    "deployed_total": MetricInfo(
        "troops sent in all", "all troops sent, every deployment together", True
    ),
    "announced_deployment": MetricInfo(
        "troops announced",
        "troops decided, planned or announced, not confirmed as sent",
        False,
        additive=True,
    ),
    "deployment_size": MetricInfo(
        "troops in one deployment",
        "the arrivals of one deployment: says nothing about the running total",
        False,
    ),
    "casualties": MetricInfo(
        "casualties", "killed plus wounded (and, where so defined, missing or captured)", True
    ),
    "killed": MetricInfo("killed", "deaths", True, part_of="casualties"),
    "wounded": MetricInfo("wounded", "wounded", True, part_of="casualties"),
    "casualties_in_period": MetricInfo(
        "casualties in a period",
        "casualties within a stated window only",
        False,
        part_of="casualties",
    ),
    # A share, not a count: low and high are percentages (0 to 100). Declared narrowly here for
    # issue 20 (the metric kinds count/share are being moved to data elsewhere).
    "killed_share": MetricInfo(
        "killed (share of casualties)",
        "the percentage of the casualties counted in the same statement who were killed",
        False,
    ),
}

Metric = Literal[
    "deployed",
    "reinforcements",
    "deployed_total",
    "announced_deployment",
    "deployment_size",
    "casualties",
    "killed",
    "wounded",
    "casualties_in_period",
    "killed_share",
]

Qualifier = Literal["exact", "approximately", "at least", "more than", "up to"]
Comparator = Literal[">", ">=", "<", "<=", "=", "~"]

COMPARATOR_WORDS: dict[str, str] = {
    ">": "more than",
    ">=": "at least",
    "<": "fewer than",
    "<=": "at most",
    "=": "exactly",
    "~": "about",
}

# How far "approximately N" may stray from N, as a share of N.
APPROXIMATELY = 0.05
# How far a claim's "about N" may stray from N, unless the claim sets its own tolerance.
CLAIM_TOLERANCE = 0.1

# The metrics that count losses, and those that count the troops they are a share of.
LOSS_METRICS = ("casualties", "killed", "wounded")
INITIAL_TROOPS, TOTAL_TROOPS = "deployed", "deployed_total"


def parts_of(metric: str) -> list[str]:
    """Metrics that count a subset of `metric` (killed and wounded for casualties)."""
    return sorted(m for m, info in METRICS.items() if info.part_of == metric)


# Statements whose parts add up to a whole: "about 300 killed and 2,700 wounded" in one report
# is about 3,000 casualties. The whole is declared with every part it needs.
WHOLES: dict[str, tuple[str, ...]] = {"casualties": ("killed", "wounded")}

# Shares in percent that, with a count of the whole in the same statement, bound a part:
# "about 4,000 losses, of whom about a quarter killed" is 902 to 1,103 killed. share -> (part, whole)
SHARES: dict[str, tuple[str, str]] = {"killed_share": ("killed", "casualties")}

# Physical bounds, declared once: a count can never exceed the population it is drawn from.
# Read "metric <= bound": losses and each deployment are at most the troops sent in all.
BOUNDS: dict[str, str] = {
    "casualties": "deployed_total",
    "killed": "deployed_total",
    "wounded": "deployed_total",
    "casualties_in_period": "deployed_total",
    "deployment_size": "deployed_total",
}
