"""Page 1: the claim, who made it, a standfirst with the right number beside the claimed one,
one rating with the key of its scale, and why.

Page 1 stays one printed page for any valid claim: the claim, names and reasons are clipped at a
word boundary (the whole claim follows on the next page), and a body's full name is given once,
its short name after that. The probability words and the other scales live in the methodology;
"how sure we are" opens "What would change the verdict".
"""

from __future__ import annotations

import re

from .. import scales
from ..verdict import relation
from ..vocabulary import METRICS
from ..wording import (
    BULLET_LIMIT,
    CLAIM_CONTINUES,
    CLAIM_IN_FULL,
    CLAIM_LIMIT,
    NAME_LIMIT,
    RATING_MEANINGS,
    RATING_ORDER,
    SCALE_KEY_LABEL,
    STANDFIRST_LIMIT,
    TITLE_NOT_RECORDED,
    WHY_BUDGET,
    claim_words,
    clip,
    clip_name,
    masthead_line,
    possessive,
    said_as,
    short_name,
    standfirst,
    turned_into,
)
from .base import HTML, PageBase, _clean, _found, _macros
from .words import longdate, quoted

# A claim restating a whole as one of its parts, a part as the whole, or what could be held as
# what was sent; a total read as a rate is left to the engine's reading of rates.
TURNED = ("whole", "part", "capacity")
APPEARED_LIMIT = 3  # pages named under the claim on page 1; the sources list has them all


class Front(PageBase):
    """The answer first: what a reader sees in the first ten seconds."""

    def who(self) -> str:
        """Who made the claim and when, in words a reader can check."""
        claim = self.claim
        when = longdate(claim.claim_date)
        claimant = _clean(claim.claimant, "")
        if claimant not in {line.name for line in self.verdict.lines}:
            # a body's name is clipped where it is shortened, its gloss kept whole or dropped
            claimant = clip_name(claimant, NAME_LIMIT)
        if claimant:
            return f"Claimed by {claimant}, {when}."
        first = self.evidence.sources[claim.appeared_in[0]]
        outlet = clip_name(first.outlet, NAME_LIMIT)
        if _found(first) and not first.title:
            return f"Claimed in {outlet} ({TITLE_NOT_RECORDED}), {when}."
        if _found(first):
            title = f"“{clip(first.title, NAME_LIMIT)}”"
            return f"Claimed in {possessive(outlet, title, 'the')}, {when}."
        return (
            f"Claimed in a headline, {quoted(clip(first.title, NAME_LIMIT))}, whose page could "
            f"not be found ({when})."
        )

    def why(self) -> list[str]:
        """Three to five plain reasons, as the engine narrated them, in reader words."""
        return [item for item in self.verdict.why][:5]

    def how_sure(self) -> str:
        """One plain line; the yardstick and the Admiralty grade are in the methodology."""
        return self.verdict.how_sure

    # ------------------------------------------------------------------ the standfirst

    def _said(self, line) -> tuple[str, object]:
        """A line's deciding figures in its own words, and the date they refer to."""
        counted = [a for a in self.verdict.evidence if a.line_id == line.id and a.counted]
        if not counted:
            return line.reason, None
        said = said_as([(a.stated, a.metric) for a in counted])
        return said, max(a.date for a in counted)

    def turned(self) -> str:
        """Item 6: what the claim turned into what, when it restates, as its own measure, a
        number a body had published on another measure (a whole, a part, a capacity): the
        claim's value is that figure's, and the figure was public by the claim's date."""
        claim, v = self.claim, self.verdict
        if claim.kind != "quantity" or claim.value is None or v.independence_unit != "originator":
            return ""
        names = {line.id: line.name for line in v.lines}
        found = []
        for a in v.evidence:
            figure = self.evidence.figures.get(a.item_id)
            if figure is None or a.metric == claim.metric or a.metric not in METRICS:
                continue
            if relation(claim.metric, a.metric) not in TURNED:
                continue
            if claim.value not in (figure.low, figure.high):
                continue
            if claim.claim_date and a.published > claim.claim_date:
                continue
            found.append(a)
        if not found:
            return ""
        a = max(found, key=lambda a: (a.date, a.item_id))
        return turned_into(
            names.get(a.line_id, ""), a.stated, a.metric, a.date,
            claim_words(claim),
        )  # fmt: skip

    def standfirst(self) -> str:
        """One or two sentences with the right number beside the claimed one, worded from the
        verdict's lines (never typed): who backs it or rules it out, with what, on which date."""
        v, claim = self.verdict, self.claim
        if v.independence_unit != "originator" or claim.kind != "quantity":
            return v.summary
        deciding = [line for line in v.lines if line.decides]
        support = sorted(
            (ln for ln in deciding if ln.stance == "supports"), key=lambda ln: not ln.claimant
        )
        against = [ln for ln in deciding if ln.stance == "contradicts"]
        confirmed = any(not ln.claimant for ln in support)
        others = [
            ln
            for ln in v.lines
            if ln.credible and ln.stance == "inconclusive" and ln.metric == claim.metric
        ]
        nearest = max(others, key=lambda ln: (self._said(ln)[1] or v.as_of, ln.id), default=None)
        first = (support or against or ([nearest] if nearest else []))[:1]
        measure = first[0].metric if first else claim.metric
        name = lambda ln: ln.name  # noqa: E731  (clipped, or shortened, by _shortened)
        text = standfirst(
            v.label,
            claim_words(claim),
            [(name(ln), *self._said(ln), ln.hedge, ln.claimant) for ln in support],
            [(name(ln), *self._said(ln)) for ln in against],
            (name(nearest), *self._said(nearest)) if nearest else None,
            v.as_of,
            confirmed,
            measure,
        )
        turned = self.turned()
        return f"{turned} {text}" if turned else text

    # ------------------------------------------------------------------ short names

    def _shortened(self, texts: list[str]) -> list[str]:
        """Each body's full name once on page 1 (clipped if long), its short name after that."""
        names = sorted({line.name for line in self.verdict.lines}, key=len, reverse=True)
        seen: set[str] = set()
        out = []
        for text in texts:
            for name in names:
                if name not in text:
                    continue
                first, short = clip_name(name, NAME_LIMIT), clip_name(short_name(name), NAME_LIMIT)
                pieces = text.split(name)
                rebuilt = pieces[0]
                for piece in pieces[1:]:
                    rebuilt += (short if name in seen else first) + piece
                    seen.add(name)
                text = rebuilt
            out.append(text)
        return out

    def _not_repeated(self, lead: str, reasons: list[str]) -> list[str]:
        """The why-bullets less those whose opening clause the standfirst already says (names
        read short in both), while more than three remain."""

        def plain(text: str) -> str:
            for name in sorted({ln.name for ln in self.verdict.lines}, key=len, reverse=True):
                text = text.replace(clip_name(name, NAME_LIMIT), short_name(name))
            return " ".join(text.split()).lower()

        said = plain(lead)
        kept = list(reasons)
        for item in reasons:
            opening = re.split(r"[;.:]\s|,\s", plain(item), maxsplit=1)[0]
            if len(kept) > 3 and len(opening) > 20 and opening in said:
                kept.remove(item)
        return kept

    def _page_one_texts(self, reasons: list[str]) -> tuple[str, str, list[str]]:
        """Who made the claim, the standfirst as page 1 prints it (names shortened after their
        first mention, clipped to its limit) and the reasons, names shortened likewise."""
        who, lead, *rest = self._shortened([self.who(), self.standfirst(), *reasons])
        return who, clip(lead, STANDFIRST_LIMIT), rest

    def lead(self) -> str:
        """The standfirst exactly as page 1 prints it: ClaimReview's ratingExplanation reads it
        from here, so the first words a reader sees and those a search engine shows are one."""
        return self._page_one_texts([])[1]

    def contents(self) -> list[tuple[str, str]]:
        """The short table of contents: anchors are the headings' ids in the reader page."""
        return [
            ("What-the-sources-say", "What the sources say"),
            ("What-would-change-the-verdict", "What would change the verdict"),
            ("appendix", "Appendix: the evidence, the reasoning and the sources"),
        ]

    def scale_key(self) -> list[dict]:
        """The one rating scale, in order, the claim's rating marked."""
        return [
            {
                "label": label,
                "name": scales.LABELS[label].name,
                "current": label == self.verdict.label,
            }
            for label in RATING_ORDER
        ]

    def front(self, why: list[str] | None = None, how_sure: str | None = None) -> HTML:
        """Page 1: the claim, who made it, the standfirst, one rating with its meaning and the
        key of its scale, and why.

        `why` defaults to the engine's; an analyst may pass edited ones (the rating and its
        meaning are not arguments: they are the engine's). `how_sure` is accepted for older
        notebooks and shown, as the engine's is, under "What would change the verdict"."""
        del how_sure
        v = self.verdict
        appeared = [
            self._source_view(self.evidence.sources[s])
            for s in self.claim.appeared_in
            if _found(self.evidence.sources[s])
        ]
        if not _clean(self.claim.claimant, ""):
            appeared = []  # who() has already named the page the claim appeared in
        more_appeared = max(0, len(appeared) - APPEARED_LIMIT)
        appeared = [
            {**s, "outlet": clip_name(s["outlet"], NAME_LIMIT)} for s in appeared[:APPEARED_LIMIT]
        ]
        reasons = (self.why() if why is None else why)[:5]
        who, lead, reasons = self._page_one_texts(reasons)
        reasons = [clip(item, BULLET_LIMIT) for item in reasons]
        reasons = self._not_repeated(lead, reasons)
        claim_text = " ".join(self.claim.claim.split())
        clipped = clip(claim_text, CLAIM_LIMIT)
        # the reasons share what room a long claim and a long standfirst leave on the page
        room = WHY_BUDGET - 2 * max(0, len(clipped) - 200) - max(0, len(lead) - 300)
        if sum(len(item) for item in reasons) > room:
            reasons = [clip(item, room // len(reasons)) for item in reasons]
        view = {
            "short_title": self.short_title,
            "masthead": masthead_line(self.publisher, v.as_of),
            "claim": clipped,
            "claim_clipped": clipped != claim_text,
            "claim_full": claim_text,
            "claim_continues": CLAIM_CONTINUES,
            "claim_in_full": CLAIM_IN_FULL,
            "who": who,
            "appeared": appeared,
            "appeared_more": more_appeared,
            "standfirst": lead,
            "label": v.label,
            "label_name": v.label_name,
            "counts": self.counts,  # data-* markers the render checks against verdict.json
            "meaning": RATING_MEANINGS.get(v.label, scales.LABELS[v.label].meaning),
            "scale": self.scale_key(),
            "scale_label": SCALE_KEY_LABEL,
            "why": reasons,
            "contents": self.contents(),
        }
        return HTML(_macros().front(view))
