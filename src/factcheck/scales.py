"""Published scales the verdict speaks in: labels, the Admiralty code and the UK yardstick.

Each scale is data with its published meaning, so the report's methodology section prints
exactly what the engine uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Label = Literal["true", "mostly-true", "mixed", "mostly-false", "false", "unproven"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]

# Admiralty code (NATO AJP-2.1 / STANAG 2511): source reliability, information credibility.
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
# Originators graded A to C count towards the label; D to F are shown but do not decide.
CREDIBLE_RELIABILITY = ("A", "B", "C")


@dataclass(frozen=True)
class Term:
    phrase: str
    low: int  # percent
    high: int


# UK Professional Head of Intelligence Analysis (PHIA) probability yardstick, as used in
# UK Defence Intelligence's Ukraine updates. The gaps between ranges are deliberate.
YARDSTICK: tuple[Term, ...] = (
    Term("remote chance", 0, 5),
    Term("highly unlikely", 10, 20),
    Term("unlikely", 25, 35),
    Term("realistic possibility", 40, 50),
    Term("likely", 55, 75),
    Term("highly likely", 80, 90),
    Term("almost certain", 95, 100),
)
YARDSTICK_PHRASES = tuple(t.phrase for t in YARDSTICK)
# Words sources use for the same ranges ("almost certainly" is the adverb of "almost certain").
HEDGE_SYNONYMS = {
    "almost certainly": "almost certain",
    "probably": "likely",
    "very likely": "highly likely",
}


def yardstick_term(phrase: str) -> Term:
    phrase = HEDGE_SYNONYMS.get(phrase, phrase)
    for term in YARDSTICK:
        if term.phrase == phrase:
            return term
    raise KeyError(phrase)


def yardstick_rank(phrase: str) -> int:
    return YARDSTICK.index(yardstick_term(phrase))


@dataclass(frozen=True)
class LabelInfo:
    name: str
    rating: int | None  # ClaimReview ratingValue, 5 best .. 1 worst
    meaning: str


LABELS: dict[str, LabelInfo] = {
    "true": LabelInfo(
        "True",
        5,
        "Two or more independent, credible originators support the claim and none contradicts it.",
    ),
    "mostly-true": LabelInfo(
        "Mostly true",
        4,
        "One credible originator supports the claim, none contradicts it: accurate, but resting on a single line of evidence.",
    ),
    "mixed": LabelInfo("Mixed", 3, "Credible originators both support and contradict the claim."),
    "mostly-false": LabelInfo(
        "Mostly false", 2, "One credible originator contradicts the claim and none supports it."
    ),
    "false": LabelInfo(
        "False",
        1,
        "Two or more independent, credible originators contradict the claim and none supports it.",
    ),
    "unproven": LabelInfo(
        "Unproven",
        None,
        "No credible originator's evidence, knowable on the as-of date, decides the claim either way.",
    ),
}
BEST_RATING, WORST_RATING = 5, 1
