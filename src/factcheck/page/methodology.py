"""The methodology: the rule tables printed from the engine's own rule objects, the scales
with this claim's values, and how figures are read and warnings raised, from the engine's
constants.

`methodology_frames()` gives each table as a DataFrame an analyst can edit in the notebook;
`methodology(tables, captions)` prints them. Nothing here restates a rule or a number: the
rows come from `reasoning.rules`, `scales` and the engine's thresholds, the words from
`factcheck.wording`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .. import scales
from ..reasoning.rules import CLAIMANT_RULE
from ..verdict import (
    CREDIBILITY_RULES,
    ECHO_THRESHOLD,
    HEDGE_CAP_RULE,
    LABEL_RULES,
    PROBABILITY_RULES,
    SHARE_GAP,
    STALE_AFTER_DAYS,
)
from ..vocabulary import APPROXIMATELY, CLAIM_TOLERANCE
from ..wording import (
    METHODOLOGY_CAPTIONS,
    METHODOLOGY_HEADERS,
    flag_title,
    methodology_this_claim,
    reading_rules,
    warning_rules,
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

# The tables in the order the section prints them (keys of methodology_frames()).
TABLES = ("rules", "credibility", "probability", "warnings", "reliability", "yardstick")


class Methodology(PageBase):
    """How the rating is made, printed from what the engine applies."""

    def methodology_frames(self) -> dict[str, pd.DataFrame]:
        """Every table and paragraph of the methodology as a DataFrame, keyed as `TABLES`
        (plus "this": the sentences about this claim, and "limits"). An analyst may edit,
        drop or reorder rows and pass the dict back to `methodology()`."""
        v = self.verdict
        figures = [self.evidence.figures.get(a.item_id) for a in v.evidence]
        worded = {(f.stated, f.low, f.high): f for f in figures if f is not None and f.stated}
        term = scales.yardstick_term(v.probability) if v.probability else None
        this = [
            methodology_this_claim(
                v.probability,
                yardstick_range(term) if term else "",
                v.credibility,
                scales.CREDIBILITY[v.credibility],
            ),
            # the data's own words for this claim's figures, each once, in a stable order
            reading_rules(APPROXIMATELY, CLAIM_TOLERANCE, [worded[k] for k in sorted(worded)]),
            CLAIMANT_RULE,
            HEDGE_CAP_RULE,
        ]
        frame = pd.DataFrame
        return {
            "this": frame({"sentence": this}),
            "rules": frame(
                [
                    (when, scales.LABELS[label].name, scales.LABELS[label].rating or "none")
                    for when, label in LABEL_RULES
                ],
                columns=["when", "rating", "score"],
            ),
            "credibility": frame(
                [(when, grade, scales.CREDIBILITY[grade]) for when, grade in CREDIBILITY_RULES],
                columns=["when", "grade", "meaning"],
            ),
            "probability": frame(
                [(when, term or "not assessed") for when, term in PROBABILITY_RULES],
                columns=["when", "probability"],
            ),
            "warnings": frame(
                [
                    (flag_title(code), when)
                    for code, when in warning_rules(STALE_AFTER_DAYS, ECHO_THRESHOLD, SHARE_GAP)
                ],
                columns=["warning", "when"],
            ),
            "reliability": frame(list(scales.RELIABILITY.items()), columns=["grade", "meaning"]),
            "yardstick": frame(
                [(t.phrase, yardstick_range(t)) for t in scales.YARDSTICK],
                columns=["phrase", "probability"],
            ),
            "limits": frame({"sentence": LIMITS}),
        }

    def methodology(
        self,
        tables: Mapping[str, pd.DataFrame] | None = None,
        captions: Mapping[str, str] | None = None,
    ) -> HTML:
        """The methodology section from `tables` (default `methodology_frames()`): the sentences
        about this claim, each rule table under its caption (`captions` replaces any of
        `wording.METHODOLOGY_CAPTIONS`), then what the engine cannot see. A table left out of
        `tables` is left out of the page."""
        tables = self.methodology_frames() if tables is None else tables
        words = {**METHODOLOGY_CAPTIONS, **(captions or {})}
        m = _macros()
        parts = []
        if "this" in tables:
            parts.append(m.paragraphs(list(tables["this"]["sentence"])))
        for key in TABLES:
            if key not in tables:
                continue
            headers = METHODOLOGY_HEADERS[key]
            table = tables[key]
            rows = [[r[c] for c in headers] for r in table.to_dict("records")]
            parts.append(m.simple_table(words[key], list(headers.values()), rows, "rules"))
        if "limits" in tables and len(tables["limits"]):
            parts.append(m.paragraphs([words["limits"]]))
            parts.append(m.ordered(list(tables["limits"]["sentence"]), "limits"))
        return HTML("\n".join(str(p) for p in parts))
