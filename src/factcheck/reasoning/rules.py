"""The label, credibility and probability rules, as data.

`decide` walks these tables in order and takes the first rule whose condition holds; the
methodology section and README print the same objects, so the text cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .. import scales
from .model import Line

T = TypeVar("T")


@dataclass(frozen=True)
class Tally:
    """The credible lines that decide: what every rule looks at, and nothing else."""

    supporting: tuple[Line, ...]
    contradicting: tuple[Line, ...]

    @property
    def s(self) -> int:
        return len(self.supporting)

    @property
    def c(self) -> int:
        return len(self.contradicting)

    @property
    def confirming(self) -> int:
        """Supporting lines other than the claimant's own: independent confirmation."""
        return sum(1 for line in self.supporting if not line.claimant)

    @staticmethod
    def of(lines: Iterable[Line]) -> Tally:
        lines = [line for line in lines if line.credible]
        return Tally(
            tuple(line for line in lines if line.stance == "supports"),
            tuple(line for line in lines if line.stance == "contradicts"),
        )


def _graded(lines: Sequence[Line], grades: str) -> bool:
    """The best of the supporting (or contradicting) lines is graded in `grades`.

    Reached only when fewer than two lines confirm: one line, or the claimant's own and one."""
    return bool(lines) and min(line.reliability for line in lines) in grades


@dataclass(frozen=True)
class Rule(Generic[T]):
    """When `condition` (in words) holds, as `holds` tests it, the outcome is `outcome`."""

    condition: str
    holds: Callable[[Tally], bool]
    outcome: T


# Conditions the credibility and probability tables share (first match wins in each).
_CONFIRMED: tuple[str, Callable[[Tally], bool]] = (
    "two or more independent credible lines of evidence support, not counting the claimant's own, none contradicts",
    lambda t: t.confirming >= 2 and not t.c,
)
_BEST_AB: tuple[str, Callable[[Tally], bool]] = (
    "otherwise, the best supporting line of evidence is graded A or B, none contradicts",
    lambda t: _graded(t.supporting, "AB") and not t.c,
)
_BEST_C: tuple[str, Callable[[Tally], bool]] = (
    "otherwise, the best supporting line of evidence is graded C, none contradicts",
    lambda t: _graded(t.supporting, "C") and not t.c,
)


LABEL_RULE_TABLE: tuple[Rule[str], ...] = (
    Rule(
        "no credible line of evidence supports or contradicts the claim",
        lambda t: not t.s and not t.c,
        "unproven",
    ),
    Rule(
        "credible lines of evidence both support and contradict it",
        lambda t: bool(t.s and t.c),
        "mixed",
    ),
    Rule(
        "two or more independent credible lines of evidence support it, not counting the claimant's own",
        lambda t: t.confirming >= 2,
        "true",
    ),
    Rule(
        "one credible line of evidence supports it, or only the claimant's own and one other",
        lambda t: t.s >= 1,
        "mostly-true",
    ),
    Rule(
        "two or more independent credible lines of evidence contradict it",
        lambda t: t.c >= 2,
        "false",
    ),
    Rule(
        "exactly one credible line of evidence contradicts it", lambda t: t.c == 1, "mostly-false"
    ),
)
CREDIBILITY_RULE_TABLE: tuple[Rule[int], ...] = (
    Rule(
        *_CONFIRMED,
        1,
    ),
    Rule(
        *_BEST_AB,
        2,
    ),
    Rule(
        *_BEST_C,
        3,
    ),
    Rule("credible lines of evidence support and contradict", lambda t: bool(t.s and t.c), 4),
    Rule(
        "credible lines of evidence contradict, none supports", lambda t: bool(t.c) and not t.s, 5
    ),
    Rule("no credible line of evidence decides", lambda t: True, 6),
)
PROBABILITY_RULE_TABLE: tuple[Rule[str | None], ...] = (
    Rule(
        *_CONFIRMED,
        "almost certain",
    ),
    Rule(
        *_BEST_AB,
        "highly likely",
    ),
    Rule(
        *_BEST_C,
        "likely",
    ),
    Rule(
        "credible lines of evidence support and contradict",
        lambda t: bool(t.s and t.c),
        "realistic possibility",
    ),
    Rule(
        "two or more independent credible lines of evidence contradict, none supports",
        lambda t: t.c >= 2 and not t.s,
        "remote chance",
    ),
    Rule(
        "one line of evidence graded A or B contradicts, none supports",
        lambda t: _graded(t.contradicting, "AB") and not t.s,
        "highly unlikely",
    ),
    Rule(
        "one line of evidence graded C contradicts, none supports",
        lambda t: _graded(t.contradicting, "C") and not t.s,
        "unlikely",
    ),
    Rule("no credible line of evidence decides", lambda t: True, None),
)
CLAIMANT_RULE = (
    "The claimant's own line of evidence (the body whose word the claim restates, named by the "
    "claim's originator) shows what that body said and is evidence of its estimate, never "
    "independent confirmation: on its own it can make a claim Mostly true, but True needs two "
    "independent credible lines of evidence besides it."
)
HEDGE_CAP_RULE = (
    "When no credible line of evidence contradicts the claim, a supporting source's own hedge "
    "caps the probability if the claim rests on that source alone; with several independent supporting lines of evidence, the most confident one sets the cap, and "
    "there is no cap if one of them states its figure without a hedge."
)

# The (condition, outcome) pairs the report has always printed.
LABEL_RULES: tuple[tuple[str, str], ...] = tuple((r.condition, r.outcome) for r in LABEL_RULE_TABLE)
CREDIBILITY_RULES: tuple[tuple[str, int], ...] = tuple(
    (r.condition, r.outcome) for r in CREDIBILITY_RULE_TABLE
)
PROBABILITY_RULES: tuple[tuple[str, str | None], ...] = tuple(
    (r.condition, r.outcome) for r in PROBABILITY_RULE_TABLE
)


@dataclass(frozen=True)
class Decision:
    label: str
    credibility: int
    probability: str | None
    cap: str | None = None  # the supporting hedge that bounds the probability, if one does
    capped: bool = False  # whether that hedge lowered it


def first_match(table: Sequence[Rule[T]], tally: Tally) -> T:
    for rule in table:
        if rule.holds(tally):
            return rule.outcome
    raise AssertionError("the last rule of every table always holds")  # pragma: no cover


def hedge_cap(supporting: Sequence[Line]) -> str | None:
    """The hedge that bounds our confidence: the lone source's, else the most confident one's."""
    if not supporting or any(not line.hedge for line in supporting):
        return None
    return max((line.hedge for line in supporting if line.hedge), key=scales.yardstick_rank)


def decide(lines: Iterable[Line]) -> Decision:
    """The rule tables, applied to the credible lines of evidence. Pure and order-independent."""
    tally = Tally.of(lines)
    label = first_match(LABEL_RULE_TABLE, tally)
    credibility = first_match(CREDIBILITY_RULE_TABLE, tally)
    probability = first_match(PROBABILITY_RULE_TABLE, tally)
    # With credible lines on both sides the conflict sets the probability; a hedge caps only support.
    cap = hedge_cap(tally.supporting) if tally.s and not tally.c else None
    if probability and cap and scales.yardstick_rank(cap) < scales.yardstick_rank(probability):
        return Decision(label, credibility, scales.yardstick_term(cap).phrase, cap, capped=True)
    return Decision(label, credibility, probability, cap if probability else None)


def _markdown(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    table = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(table)


def label_table_markdown() -> str:
    """The label table for the README, from the rule objects (a test compares them)."""
    return _markdown(
        ("when (first match wins)", "label", "ClaimReview rating"),
        (
            (
                r.condition,
                scales.LABELS[r.outcome].name,
                str(scales.LABELS[r.outcome].rating or "none"),
            )
            for r in LABEL_RULE_TABLE
        ),
    )


def credibility_table_markdown() -> str:
    return _markdown(
        ("when", "credibility (Admiralty)"),
        (
            (r.condition, f"{r.outcome} ({scales.CREDIBILITY[r.outcome]})")
            for r in CREDIBILITY_RULE_TABLE
        ),
    )


def probability_table_markdown() -> str:
    return _markdown(
        ("when", "probability (UK yardstick)"),
        ((r.condition, r.outcome or "not assessed") for r in PROBABILITY_RULE_TABLE),
    )
