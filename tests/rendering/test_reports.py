"""Every seed claim renders to a complete report: JSON-LD, sources, charts, a readable PDF."""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import seed_evidence
from markupsafe import escape
from rendering import BASE_URL, PUBLISHER, pdf_info, pdf_text_pages, render_all_into

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("render")]
EVIDENCE = seed_evidence()  # what the shared reports were rendered from
CLAIMS = sorted(EVIDENCE.claims)
CHARTS = ("echoes", "history")  # every claim; plus "estimates" or "events" by kind


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return render_all_into(tmp_path_factory)


def page_of(reports, claim_id: str) -> str:
    return (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")


def json_ld(page: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match, "no JSON-LD script in the page head"
    return json.loads(match.group(1))


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_html_carries_claimreview_json_ld_matching_the_verdict(reports, claim_id):
    page = page_of(reports, claim_id)
    review = json_ld(page)
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == verdict["claim"]
    assert review["itemReviewed"]["@type"] == "Claim"
    assert {"datePublished", "appearance"} <= set(review["itemReviewed"])
    rating = review["reviewRating"]
    assert rating["alternateName"] == verdict["label_name"]
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
    assert rating.get("ratingValue") == verdict["rating"]
    assert review["author"]["name"] == PUBLISHER and review["datePublished"] == verdict["as_of"]
    assert review["url"].startswith(BASE_URL)
    assert review["url"].endswith(f"{claim_id}/{claim_id}.html")
    assert review == json.loads((reports / claim_id / "claimreview.jsonld").read_text())


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_every_source_url_the_verdict_used_is_a_link(reports, claim_id):
    page = page_of(reports, claim_id)
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    links = {html.unescape(href) for href in re.findall(r'<a href="([^"]+)"', page)}
    for item in verdict["evidence"]:
        url = EVIDENCE.sources[item["source_id"]].url
        assert url in links, f"{item['source_id']}: {url} is not linked"


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_each_chart_is_embedded_and_written_as_png_and_svg(reports, claim_id):
    page = page_of(reports, claim_id)
    kind = EVIDENCE.claims[claim_id].kind
    charts = (*CHARTS, "estimates" if kind == "quantity" else "events")
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) >= len(charts)
    folder = reports / claim_id / "charts"
    for chart in charts:
        for suffix in (".png", ".svg"):
            assert (folder / f"{chart}{suffix}").stat().st_size > 1000


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_pdf_has_several_pages_the_label_and_the_sources(reports, claim_id):
    pdf = reports / claim_id / f"{claim_id}.pdf"
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    pages = pdf_text_pages(pdf)
    assert len(pages) > 1
    text = " ".join(pages)
    assert verdict["label_name"] in text
    assert "Sources" in text
    _, titles = pdf_info(pdf)
    assert titles[0].strip("“”") == verdict["claim"]
    assert {"What the sources say", "What would change the verdict", "Appendix"} <= set(titles)


def test_index_links_every_claim_in_both_formats(reports):
    index = (reports / "index.html").read_text(encoding="utf-8")
    for claim_id in CLAIMS:
        assert f'href="{claim_id}/{claim_id}.html"' in index
        assert f'href="{claim_id}/{claim_id}.pdf"' in index


def test_the_index_gives_each_claim_its_claimant_rating_why_and_date(reports):
    index = (reports / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="index__item">(.*?)</li>', index, re.S)
    assert len(items) == len(CLAIMS)
    assert 'class="scale-key"' in index
    for claim_id, item in zip(CLAIMS, items, strict=True):
        verdict = json.loads((reports / claim_id / "verdict.json").read_text())
        review = json.loads((reports / claim_id / "claimreview.jsonld").read_text())
        assert f'href="{claim_id}/{claim_id}.html"' in item
        assert f'rating--{verdict["label"]}">{escape(verdict["label_name"])}<' in item
        first_why = (verdict["why"] or [verdict["summary"]])[0]
        assert escape(first_why) in item, claim_id
        claimant = review["itemReviewed"].get("author", {}).get("name", "not recorded")
        assert f"Claimed by: {escape(claimant)}" in item
        assert "Published " in item and claim_id not in re.sub(r'href="[^"]*"', "", item)


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_the_build_record_keeps_what_the_index_shows_of_verdict_json(reports, claim_id):
    from factcheck.fingerprint import read_build_record
    from factcheck.rendering.index import index_fields

    verdict = json.loads((reports / claim_id / "verdict.json").read_text(encoding="utf-8"))
    assert read_build_record(reports / claim_id)["index"] == index_fields(verdict)
