"""schema.org ClaimReview built from a verdict, and JSON that is safe inside <script>."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from conftest import seed_evidence

from factcheck import scales
from factcheck.claimreview import claim_review, claimant_name, is_publishable, to_script_json
from factcheck.page import Page
from factcheck.publisher import Publisher
from factcheck.verdict import assess

SEED_CLAIMS = [
    "dprk-kursk-casualties-6000",
    "dprk-kursk-killed-6000",
    "dprk-initial-deployment-11000",
    "dprk-reinforcements-3000",
    "russia-confirms-dprk-troops-april-2025",
]


def _review(evidence, claim_id, as_of=None):
    claim = evidence.claims[claim_id]
    verdict = assess(claim, evidence, as_of)
    settings = Publisher("The Desk", "https://checks.news.test/")
    return claim, verdict, claim_review(claim, evidence, verdict, publisher=settings)


@pytest.mark.parametrize("claim_id", SEED_CLAIMS)
def test_claim_review_has_the_required_fields(data_evidence, claim_id):
    claim, verdict, review = _review(data_evidence, claim_id)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.claim
    assert review["datePublished"] == verdict.as_of.isoformat()
    assert review["url"].startswith("https://checks.news.test/")
    assert review["author"] == {"@type": "Organization", "name": "The Desk"}
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if claim.claimant:
        assert item["author"] == {"@type": "Organization", "name": claim.claimant}
    else:  # nobody known made it (a headline whose outlet was not found): no author is made up
        assert "author" not in item
    assert item["datePublished"] == claim.claim_date.isoformat()
    assert len(item["appearance"]) == len(claim.appeared_in)
    assert item["firstAppearance"] == item["appearance"][0]
    for work, source_id in zip(item["appearance"], claim.appeared_in, strict=True):
        source = data_evidence.sources[source_id]
        assert work["@type"] == "CreativeWork"
        assert work.get("headline", "") == source.title
        assert work.get("url") == source.url
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["bestRating"] == 5
    assert rating["worstRating"] == 1
    assert rating["ratingValue"] == verdict.rating == scales.LABELS[verdict.label].rating
    assert rating["alternateName"] == scales.LABELS[verdict.label].name
    json.dumps(review)


def test_unproven_has_no_rating_value(data_evidence):
    _, verdict, review = _review(data_evidence, "dprk-kursk-casualties-6000", dt.date(2025, 6, 1))
    assert verdict.label == "unproven"
    rating = review["reviewRating"]
    assert "ratingValue" not in rating
    assert rating["alternateName"] == "Unproven"
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)


def test_to_script_json_cannot_close_the_script_element(data_evidence):
    claim, verdict, _ = _review(data_evidence, "dprk-kursk-casualties-6000")
    hostile = claim.model_copy(
        update={"claim": "</script><script>alert(1)</script> <!-- & --> 6,000 > 5,000"}
    )
    review = claim_review(hostile, data_evidence, verdict)
    text = to_script_json(review)
    for bad in ("<", ">", "&"):
        assert bad not in text
    assert "</script" not in text.lower()
    assert "<!--" not in text
    assert "\\u003c/script\\u003e" in text
    assert "\\u0026" in text
    assert json.loads(text) == review  # the escapes are plain JSON: nothing is lost


def test_to_script_json_is_stable():
    data = {"b": "é < ü", "a": [1, {"z": "&"}]}
    assert to_script_json(data) == to_script_json(dict(reversed(list(data.items()))))
    assert json.loads(to_script_json(data)) == data


def test_url_is_absolute_from_the_configured_base_url(data_evidence, monkeypatch):
    claim = data_evidence.claims["dprk-kursk-casualties-6000"]
    verdict = assess(claim, data_evidence)
    monkeypatch.setenv("FACTCHECK_BASE_URL", "https://checks.news.test/checks")
    configured = claim_review(claim, data_evidence, verdict)["url"]
    assert configured == f"https://checks.news.test/checks/{claim.id}/{claim.id}.html"


def test_without_settings_nothing_is_made_up_and_nothing_invalid_is_embedded(
    data_evidence, monkeypatch
):
    """No base URL: no `url` (Google requires it), so the page embeds no JSON-LD; no publisher:
    no `author`. The rest is still written to claimreview.jsonld, for the record."""
    monkeypatch.delenv("FACTCHECK_BASE_URL", raising=False)
    monkeypatch.delenv("FACTCHECK_PUBLISHER", raising=False)
    claim = data_evidence.claims["dprk-kursk-casualties-6000"]
    review = claim_review(claim, data_evidence, assess(claim, data_evidence))
    assert "url" not in review and "author" not in review
    assert not is_publishable(review)
    assert review["claimReviewed"] == claim.claim and review["reviewRating"]["alternateName"]
    with_url = claim_review(
        claim, data_evidence, assess(claim, data_evidence), base_url="https://checks.news.test"
    )
    assert is_publishable(with_url) and "author" not in with_url


@pytest.mark.parametrize("claim_id", sorted(SEED_CLAIMS))
def test_the_claim_s_author_is_the_body_that_made_it_never_a_placeholder(data_evidence, claim_id):
    claim = data_evidence.claims[claim_id]
    name = claimant_name(claim, data_evidence)
    _, _, review = _review(data_evidence, claim_id)
    author = review["itemReviewed"].get("author", {}).get("name", "")
    assert author == name
    for word in ("seed", "not found", "placeholder", "unknown", "["):
        assert word not in author.lower()
    for work in review["itemReviewed"]["appearance"]:
        for text in (work.get("headline", ""), work.get("publisher", {}).get("name", "")):
            assert "[" not in text and "not found" not in text.lower()


def test_an_undeclared_claimant_falls_back_to_the_declared_originator(data_evidence):
    claim = data_evidence.claims["dprk-kursk-casualties-6000"]
    unnamed = claim.model_copy(update={"claimant": ""})
    originator = data_evidence.originators[claim.originator].name
    assert claimant_name(unnamed, data_evidence) == originator
    nobody = unnamed.model_copy(update={"originator": None})
    assert claimant_name(nobody, data_evidence) == ""


@pytest.mark.parametrize("claim_id", SEED_CLAIMS)
def test_google_required_and_recommended_fields_are_present(data_evidence, claim_id):
    """Google's ClaimReview fields: required, then recommended (developers.google.com, Fact Check)."""
    _, verdict, review = _review(data_evidence, claim_id)
    assert {
        "claimReviewed",
        "reviewRating",
        "url",
        "author",
        "datePublished",
        "itemReviewed",
    } <= set(review)
    assert review["url"].startswith("https://")
    assert {"@type", "bestRating", "worstRating", "alternateName"} <= set(review["reviewRating"])
    item = review["itemReviewed"]
    assert {"datePublished", "appearance"} <= set(item)
    assert item["appearance"]
    if claimant_name(data_evidence.claims[claim_id], data_evidence):
        assert item["author"]["name"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]


@pytest.mark.parametrize("claim_id", sorted(seed_evidence().claims))
def test_rating_explanation_is_page_ones_standfirst_word_for_word(data_evidence, claim_id):
    """Search engines show ratingExplanation as the answer: it must be the standfirst a reader
    sees first on page 1, not the verdict's one-line summary."""
    claim, verdict, review = _review(data_evidence, claim_id)
    page_one = Page(claim, data_evidence, verdict).front().data
    shown = re.search(r'<p class="standfirst">(.*?)</p>', page_one, re.S)
    assert shown, claim_id
    assert review["reviewRating"]["ratingExplanation"] == html.unescape(shown.group(1))
