"""schema.org ClaimReview: the verdict in the machine-readable form fact-check consumers read."""

from __future__ import annotations

import json
import os

from . import scales
from .evidence import Evidence
from .schema import Claim
from .verdict import Verdict

PUBLISHER = {"@type": "Organization", "name": "factcheck"}

# Where the reports are published: ClaimReview's `url` must be absolute. Set FACTCHECK_BASE_URL
# to the folder that holds the report folders (the one with index.html).
BASE_URL_ENV = "FACTCHECK_BASE_URL"
DEFAULT_BASE_URL = "https://factcheck.example.org/"


def base_url() -> str:
    """The configured base URL, always ending in one slash."""
    value = os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
    return value.rstrip("/") + "/"


def report_url(claim_id: str, base: str | None = None) -> str:
    """The absolute address of a claim's HTML report."""
    root = (base or base_url()).rstrip("/") + "/"
    return f"{root}{claim_id}/{claim_id}.html"


def claim_review(
    claim: Claim, evidence: Evidence, verdict: Verdict, base_url: str | None = None
) -> dict:
    """A ClaimReview with Google's required and recommended fields, set explicitly.

    datePublished is the as-of date, not the wall clock, so rebuilds give the same bytes.
    """
    label = scales.LABELS[verdict.label]
    appearances = []
    for source_id in claim.appeared_in:
        source = evidence.sources[source_id]
        work = {
            "@type": "CreativeWork",
            "headline": source.title,
            "publisher": {"@type": "Organization", "name": source.outlet},
        }
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
        "ratingExplanation": verdict.summary,
    }
    if verdict.rating is not None:  # "unproven" has no place on the 5-to-1 scale
        rating["ratingValue"] = verdict.rating
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": report_url(claim.id, base_url),
        "name": f"Fact check: {claim.claim}",
        "claimReviewed": claim.claim,
        "datePublished": verdict.as_of.isoformat(),
        "author": PUBLISHER,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": claim.claimant},
            "datePublished": claim.claim_date.isoformat(),
            "appearance": appearances,
            "firstAppearance": appearances[0],
        },
        "reviewRating": rating,
    }
    return review


def to_script_json(data: dict) -> str:
    """JSON safe inside <script>: no '</script>' or '<!--' can close or comment it out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
