"""Page 1: the claim, who made it, one rating with its meaning, why, and how sure we are."""

from __future__ import annotations

from .. import scales
from ..wording import RATING_MEANINGS, TITLE_NOT_RECORDED, masthead_line
from .base import HTML, PageBase, _clean, _found, _macros
from .words import longdate, quoted


class Front(PageBase):
    """The answer first: what a reader sees in the first ten seconds."""

    def who(self) -> str:
        """Who made the claim and when, in words a reader can check."""
        claim = self.claim
        when = longdate(claim.claim_date)
        claimant = _clean(claim.claimant, "")
        if claimant:
            return f"Claimed by {claimant}, {when}."
        first = self.evidence.sources[claim.appeared_in[0]]
        if _found(first) and not first.title:
            return f"Claimed in {first.outlet} ({TITLE_NOT_RECORDED}), {when}."
        if _found(first):
            return f"Claimed in {first.outlet}'s “{first.title}”, {when}."
        return (
            f"Claimed in a headline, {quoted(first.title)}, whose page could not be found ({when})."
        )

    def why(self) -> list[str]:
        """Three to five plain reasons, as the engine narrated them, in reader words."""
        return [item for item in self.verdict.why][:5]

    def how_sure(self) -> str:
        """One plain line; the yardstick and the Admiralty grade are in the methodology."""
        return self.verdict.how_sure

    def contents(self) -> list[tuple[str, str]]:
        """The short table of contents: anchors are the headings' ids in the reader page."""
        return [
            ("What-the-sources-say", "What the sources say"),
            ("What-would-change-the-verdict", "What would change the verdict"),
            ("appendix", "Appendix: the evidence, the reasoning and the sources"),
        ]

    def front(self, why: list[str] | None = None, how_sure: str | None = None) -> HTML:
        """Page 1: the claim, who made it, one rating with its meaning, why, how sure.

        `why` and `how_sure` default to the engine's; an analyst may pass edited ones (the
        rating and its meaning are not arguments: they are the engine's)."""
        v = self.verdict
        appeared = [
            self._source_view(self.evidence.sources[s])
            for s in self.claim.appeared_in
            if _found(self.evidence.sources[s])
        ]
        if not _clean(self.claim.claimant, ""):
            appeared = []  # who() has already named the page the claim appeared in
        view = {
            "short_title": self.short_title,
            "masthead": masthead_line(self.publisher, v.as_of),
            "claim": self.claim.claim,
            "who": self.who(),
            "appeared": appeared,
            "label": v.label,
            "label_name": v.label_name,
            "counts": self.counts,  # data-* markers the render checks against verdict.json
            "meaning": RATING_MEANINGS.get(v.label, scales.LABELS[v.label].meaning),
            "why": self.why() if why is None else why,
            "how_sure": self.how_sure() if how_sure is None else how_sure,
            "contents": self.contents(),
        }
        return HTML(_macros().front(view))
