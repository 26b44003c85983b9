"""schema.org ClaimReview: the verdict in the machine-readable form fact-check consumers read."""

from __future__ import annotations

import json

from . import scales
from .evidence import Evidence
from .page.front import Front
from .page.words import FORBIDDEN
from .publisher import BASE_URL_ENV, PUBLISHER_ENV, Publisher, from_env
from .schema import Claim
from .verdict import Verdict

__all__ = ["BASE_URL_ENV", "PUBLISHER_ENV", "claim_review", "is_publishable", "report_url"]

# Google's required ClaimReview properties: without all of them the page embeds no JSON-LD
# (claimreview.jsonld is still written, for the record).
REQUIRED = ("url", "claimReviewed", "reviewRating")


def base_url() -> str:
    """The configured base URL, ending in one slash; "" when FACTCHECK_BASE_URL is not set."""
    return from_env().base_url


def report_url(claim_id: str, base: str | None = None) -> str:
    """The absolute address of a claim's HTML report; "" when no base URL is set."""
    root = base_url() if base is None else base
    if not root:
        return ""
    return f"{root.rstrip('/')}/{claim_id}/{claim_id}.html"


def _known(text: str) -> str:
    """Data text a machine may read as a name or title, or "" for a workshop placeholder."""
    lowered = text.lower()
    return "" if any(word in lowered for word in FORBIDDEN) else text


def claimant_name(claim: Claim, evidence: Evidence) -> str:
    """The body that made the claim: its claimant where named, else its declared originator."""
    name = _known(claim.claimant)
    if not name and claim.originator and claim.originator in evidence.originators:
        name = _known(evidence.originators[claim.originator].name)
    return name


def is_publishable(review: dict) -> bool:
    """Whether the ClaimReview has every property Google requires, so the page may embed it."""
    return all(review.get(key) for key in REQUIRED)


def claim_review(
    claim: Claim,
    evidence: Evidence,
    verdict: Verdict,
    base_url: str | None = None,
    publisher: Publisher | None = None,
) -> dict:
    """A ClaimReview with Google's required and recommended fields, set explicitly.

    datePublished is the as-of date, not the wall clock, so rebuilds give the same bytes.
    ratingExplanation is page 1's standfirst, from the function page 1 prints it with.
    `url` and `author` come from the publisher settings (FACTCHECK_BASE_URL,
    FACTCHECK_PUBLISHER) and are left out when not set: nothing made up is published.
    """
    settings = publisher if publisher is not None else from_env()
    if base_url is not None:
        settings = Publisher(settings.name, base_url.rstrip("/") + "/" if base_url else "")
    label = scales.LABELS[verdict.label]
    appearances = []
    for source_id in claim.appeared_in:
        source = evidence.sources[source_id]
        work = {"@type": "CreativeWork"}
        if _known(source.title):
            work["headline"] = source.title
        if _known(source.outlet):
            work["publisher"] = {"@type": "Organization", "name": source.outlet}
        if source.url:
            work["url"] = source.url
        if source.published:
            work["datePublished"] = source.published.isoformat()
        appearances.append(work)
    rating = {
        "@type": "Rating",
        "bestRating": scales.BEST_RATING,
        "worstRating": scales.WORST_RATING,
        "alternateName": label.name,
        "ratingExplanation": Front(claim, evidence, verdict, settings.name).lead(),
    }
    if verdict.rating is not None:  # "unproven" has no place on the 5-to-1 scale
        rating["ratingValue"] = verdict.rating
    item = {"@type": "Claim"}
    claimant = claimant_name(claim, evidence)
    if claimant:
        item["author"] = {"@type": "Organization", "name": claimant}
    item["datePublished"] = claim.claim_date.isoformat()
    item["appearance"] = appearances
    item["firstAppearance"] = appearances[0]
    review = {"@context": "https://schema.org", "@type": "ClaimReview"}
    url = report_url(claim.id, settings.base_url)
    if url:
        review["url"] = url
    review["name"] = f"Fact check: {claim.claim}"
    review["claimReviewed"] = claim.claim
    review["datePublished"] = verdict.as_of.isoformat()
    if settings.name:
        review["author"] = {"@type": "Organization", "name": settings.name}
    review["itemReviewed"] = item
    review["reviewRating"] = rating
    return review


def to_script_json(data: dict) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or comment it out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
