"""The methodology: the rule tables printed from the engine's own rule objects, the scales
with this claim's values, and how figures are read, from the engine's constants."""

from __future__ import annotations

from .. import scales
from ..vocabulary import APPROXIMATELY, CLAIM_TOLERANCE
from ..wording import (
    CREDIBLE,
    reading_rules,
    yardstick_range,
)
from .base import HTML, PageBase, _macros

# What the engine cannot see: printed in every methodology section.
LIMITS = (
    "Whether an originator's own method is sound: intelligence services rarely publish how they count.",
    "Evidence we have not collected: the verdict is only as complete as the evidence base.",
    "Documents that repeat a source without saying so: repetition is traced only where we recorded it.",
    "Whether a figure's date is when it was true or when it was said, where the document does not say.",
    "Intent: a misleading headline and an honest error get the same rating.",
)


class Methodology(PageBase):
    """How the rating is made, printed from what the engine applies."""

    def methodology(self) -> HTML:
        """The rule tables, printed from the engine's own rule objects, and the scales."""
        from .. import verdict as engine

        m, v = _macros(), self.verdict
        this = []
        if v.probability:
            term = scales.yardstick_term(v.probability)
            this.append(
                f"For this claim the probability is “{v.probability}” ({yardstick_range(term)} on the "
                f"UK yardstick) and the information credibility grade is {v.credibility} "
                f"({scales.CREDIBILITY[v.credibility]})."
            )
        else:
            this.append(
                f"For this claim no probability is given; the information credibility grade is "
                f"{v.credibility} ({scales.CREDIBILITY[v.credibility]})."
            )
        figures = [self.evidence.figures.get(a.item_id) for a in v.evidence]
        worded = {(f.stated, f.low, f.high): f for f in figures if f is not None and f.stated}
        # the data's own words for this claim's figures, each once, in a stable order
        this.append(
            reading_rules(APPROXIMATELY, CLAIM_TOLERANCE, [worded[k] for k in sorted(worded)])
        )
        parts = [
            m.paragraphs(this),
            m.simple_table(
                "Rating rules, applied in this order to the credible sources "
                f"(reliability {CREDIBLE})",
                ["When", "Rating", "Score (5 best, 1 worst)"],
                [
                    (when, scales.LABELS[label].name, scales.LABELS[label].rating or "none")
                    for when, label in _rule_rows(engine, "LABEL_RULES")
                ],
                "rules",
            ),
            m.simple_table(
                "Information credibility (Admiralty code, 1 to 6) as the engine assigns it",
                ["When", "Grade", "Published meaning"],
                [
                    (when, grade, scales.CREDIBILITY[grade])
                    for when, grade in _rule_rows(engine, "CREDIBILITY_RULES")
                ],
                "rules",
            ),
            m.simple_table(
                "Source reliability (Admiralty code, A to F), graded per document",
                ["Grade", "Published meaning"],
                list(scales.RELIABILITY.items()),
                "rules",
            ),
            m.simple_table(
                "Probability yardstick (UK Professional Head of Intelligence Analysis)",
                ["Phrase", "Probability"],
                [(t.phrase, yardstick_range(t)) for t in scales.YARDSTICK],
                "rules",
            ),
            m.paragraphs(["What the engine cannot see:"]),
            m.ordered(LIMITS, "limits"),
        ]
        return HTML("\n".join(str(p) for p in parts))


def _rule_rows(engine, name: str) -> list[tuple]:
    """(when, outcome) pairs from the engine's rule table, whether tuples or rule objects."""
    rows = []
    for rule in getattr(engine, name, ()):
        if isinstance(rule, tuple):
            rows.append(rule)
        else:
            when = getattr(rule, "when", None) or getattr(rule, "description", "")
            outcome = getattr(rule, "label", None) or getattr(rule, "grade", None)
            if outcome is None:
                outcome = getattr(rule, "credibility", None)
            rows.append((when, outcome))
    return rows
