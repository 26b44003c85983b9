"""Page 1 (issue 21 items 5 and 6): a standfirst worded from the verdict, the key of the one
rating scale, short names after the first mention, and ONE printed page for any valid claim.

The one-page tests lay page 1 out as a real PDF (WeasyPrint, with the reader and print
stylesheets) and read back with PDFium on which page the rating and the last why-bullet land;
no notebook runs, so each case takes about a second.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import claim, figure, make_evidence, originator, source
from rendering import pdf_text_pages

from factcheck.page import Page
from factcheck.paths import PACKAGE_DIR
from factcheck.pdf import html_to_pdf
from factcheck.verdict import assess
from factcheck.vocabulary import of, use
from factcheck.wording import clip, parts_together, short_name, standfirst

DAY = dt.date(2025, 6, 15)


def _page(cl, ev) -> Page:
    with use(of(ev)):
        return Page(cl, ev, assess(cl, ev))


def _words(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def pdf_of_page_one(page: Page, why: list[str] | None = None) -> list[str]:
    """Page 1 and what follows it, laid out as the PDF is: the text of each printed page."""
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    with use(of(page.evidence)):
        front = page.front(why=why).data
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style>'
        f'</head><body><main class="report">{front}<div class="prose"><h2 '
        'id="What-the-sources-say">What the sources say</h2></div><p>Next section.</p></main>'
        "</body></html>"
    )
    return [" ".join(text.split()) for text in pdf_text_pages(html_to_pdf(html))]


def page_of(pages: list[str], text: str) -> int:
    words = " ".join(text.split())[:40]
    found = [i for i, p in enumerate(pages) if words in p]
    assert found, f"{words!r} is on no page"
    return found[0]


def base(n_others: int = 3, name: str = "Agency One (AO)", claim_text: str = "A test claim.",
         claimant: str | None = None):  # fmt: skip
    """A claim backed by its claimant's own line, with `n_others` credible estimates that do not
    decide it (earlier, smaller counts)."""
    orgs = [originator("a1", name=name)]
    sources = [source("a1-doc", "a1", published=DAY)]
    figures = [figure("a1-fig", "a1-doc", 6000, qualifier="more than", refers_to=DAY)]
    for i in range(n_others):
        oid = f"o{i}"
        day = DAY - dt.timedelta(days=200 - i)
        orgs.append(originator(oid, name=f"Other body number {i} (OB{i})"))
        sources.append(source(f"{oid}-doc", oid, published=day))
        figures.append(figure(f"{oid}-fig", f"{oid}-doc", 1000 + i, refers_to=day))
    ev = make_evidence(originators=orgs, sources=sources, figures=figures)
    cl = claim(
        claim=claim_text, claimant=name if claimant is None else claimant, originator="a1", claim_date=DAY, as_of=DAY + dt.timedelta(days=15),
        period={"start": DAY, "end": DAY},
    )  # fmt: skip
    return cl, ev


def assert_one_page(page: Page, why: list[str] | None = None) -> list[str]:
    pages = pdf_of_page_one(page, why)
    first = pages[0]
    assert "OUR RATING" in first.upper() and page.verdict.label_name in first
    assert page_of(pages, "Why") == 0
    last = _words(pdf_last_bullet(page, why))
    assert page_of(pages, last) == 0, "the last why-bullet spills past page 1"
    assert page_of(pages, "What the sources say") >= 1  # page 1 is the fact check on its own
    return pages


def pdf_last_bullet(page: Page, why: list[str] | None = None) -> str:
    with use(of(page.evidence)):
        html = page.front(why=why).data
    items = re.findall(
        r"<li>(.*?)</li>", re.search(r'class="verdict__why">(.*?)</ul>', html, re.S)[1]
    )
    return items[-1].replace("&#39;", "'")


def test_a_two_thousand_character_claim_keeps_page_one_to_one_page():
    text = ("The claim goes on and on about many things that were said. " * 40)[:2000]
    page = _page(*base(claim_text=text))
    pages = assert_one_page(page)
    assert "the whole claim is quoted on the next page" in pages[0]
    assert page_of(pages, "The claim in full") == 1  # the whole claim, not lost


def test_a_300_character_originator_and_claimant_name_keeps_page_one_to_one_page():
    name = ("Directorate of Very Long Official Names and Titles " * 7)[:298] + " (DL)"
    page = _page(*base(name=name, claimant=name))
    pages = assert_one_page(page)
    assert name not in " ".join(pages)[: len(pages[0])]  # clipped on page 1, with an ellipsis
    assert "…" in pages[0]


def test_sixty_originators_keep_page_one_to_one_page():
    assert_one_page(_page(*base(n_others=60)))


def test_all_three_at_once_keep_page_one_to_one_page():
    name = ("Directorate of Very Long Official Names and Titles " * 7)[:298] + " (DL)"
    text = ("The claim goes on and on about many things that were said. " * 40)[:2000]
    assert_one_page(_page(*base(n_others=60, name=name, claim_text=text, claimant=name)))


def test_five_long_edited_reasons_and_everything_long_keep_page_one_to_one_page():
    """The worst case an analyst can make: five 1,000-character reasons passed to front()."""
    name = ("Directorate of Very Long Official Names and Titles " * 7)[:298] + " (DL)"
    text = ("The claim goes on and on about many things that were said. " * 40)[:2000]
    page = _page(*base(n_others=60, name=name, claim_text=text, claimant=name))
    assert_one_page(page, why=[("A reason that goes on at length. " * 40)[:1000]] * 5)


# ------------------------------------------------------------------ the standfirst and names


def test_the_standfirst_puts_the_claimants_number_beside_the_latest_other_estimate():
    page = _page(*base(n_others=3))
    with use(of(page.evidence)):
        text = page.standfirst()
    assert text.startswith("Agency One (AO) estimated more than 6,000 casualties")
    with use(of(page.evidence)):
        html = _words(page.front().data)
    # the claimant is named in full on the line above, so the standfirst calls it by its short name
    assert "Claimed by Agency One (AO)" in html and "AO estimated more than 6,000" in html
    assert ", killed and wounded together," in text  # the measure's declared parts, once
    assert "no independent source had confirmed it by 30 June 2025" in text
    assert "Other body number 2 (OB2) counted 1,002 casualties" in text  # the latest, its own date


def test_a_body_is_named_in_full_once_on_page_one_then_by_its_short_name():
    page = _page(*base(n_others=3))
    with use(of(page.evidence)):
        html = _words(page.front().data)
    assert html.count("Agency One (AO)") == 1 and "AO" in html.replace("Agency One (AO)", "")


def test_page_one_keys_the_one_rating_scale_with_the_claims_rating_marked():
    page = _page(*base())
    with use(of(page.evidence)):
        html = page.front().data
    steps = re.findall(r'<li class="scale-mini__step[^"]*"[^>]*>([^<]+)</li>', html)
    assert steps == ["True", "Mostly true", "Mixed", "Mostly false", "False", "Unproven"]
    current = re.findall(r'scale-mini__step--current"[^>]*>([^<]+)<', html)
    assert current == [page.verdict.label_name]
    assert " in 100)" not in html and "How sure we are" not in html


def test_a_claim_that_restates_a_whole_as_its_part_says_what_it_turned_into_what():
    """Item 6, from the data's relations and not by claim id: the claim's number is a
    casualty figure public by the claim's date, and the claim says killed."""
    cl, ev = base(n_others=0)
    orgs = [*ev.originators.values(), originator("k1", name="Counting Office (CO)")]
    sources = [*ev.sources.values(), source("k1-doc", "k1", published=DAY)]
    figures = [*ev.figures.values(), figure("k1-fig", "k1-doc", 2000, metric="killed")]
    ev = make_evidence(originators=orgs, sources=sources, figures=figures)
    killed = cl.model_copy(update={"metric": "killed"})
    page = _page(killed, ev)
    with use(of(ev)):
        text = page.standfirst()
    assert text.startswith(
        "The claim turns a figure from Agency One (AO), more than 6,000 casualties (killed and "
        "wounded together) by 15 June 2025, into more than 6,000 killed."
    )
    assert "Counting Office (CO) put it at 2,000 killed by 15 June 2025" in text


def test_a_claim_on_its_sources_own_measure_turns_nothing():
    page = _page(*base())
    with use(of(page.evidence)):
        assert page.turned() == ""


@pytest.mark.parametrize(
    "name, short",
    [
        ("South Korea National Intelligence Service (NIS)", "NIS"),
        ("UK Defence Intelligence (UK Ministry of Defence)", "UK Defence Intelligence"),
        ("Yonhap News Agency", "Yonhap News Agency"),
    ],
)
def test_a_short_name_is_the_bracketed_acronym_or_the_name_without_its_gloss(name, short):
    assert short_name(name) == short


def test_clipping_never_ends_on_a_number():
    """'more than 6…' would read as a figure of 6: the cut goes back before the number."""
    assert clip("Agency X, more than 6 million shells by 1 May", 22) == "Agency X, more than…"
    assert clip("Agency X put it at about 4,700 by April", 33) == "Agency X put it at about…"


def test_clipping_ends_at_a_word_boundary_with_an_ellipsis():
    assert clip("one two three four", 12) == "one two…"
    assert clip("short", 12) == "short"


def test_the_standfirst_of_a_mixed_verdict_gives_both_numbers():
    text = standfirst(
        "mixed", "more than 6,000 casualties",
        [("A", "about 7,000 casualties", DAY, None, False)], [("B", "about 3,000 casualties", DAY)],
        None, DAY, True, "casualties",
    )  # fmt: skip
    assert text == (
        "A put it at about 7,000 casualties, killed and wounded together, by 15 June 2025; "
        "but B put it at about 3,000 casualties by 15 June 2025."
    )
    assert parts_together("killed") == ""


@pytest.mark.parametrize(
    ("outlet", "said"),
    [
        ("Wire A", "Claimed in Wire A's “Headline”, 15 June 2025."),
        ("Group B (AFP)", "Claimed in the “Headline” from Group B (AFP), 15 June 2025."),
    ],
)
def test_a_claim_without_a_claimant_names_its_outlet_without_a_glued_apostrophe(outlet, said):
    evidence = make_evidence(
        sources=[source("claim-source", "claimant", outlet=outlet, title="Headline")]
    )
    page = _page(claim(claimant=""), evidence)
    assert page.who() == said
