"""Every rendered claim, read as a reader would: no workshop words or data ids, one set of
counts, page 1 carrying the claim and the rating, a short main body, a tagged PDF.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from conftest import seed_evidence
from pypdf import PdfReader
from rendering import PUBLISHER, pdf_info, pdf_text_pages, render_all_into

from factcheck.page import FORBIDDEN

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("render")]
EVIDENCE = seed_evidence()
CLAIMS = sorted(EVIDENCE.claims)
SEED = "dprk-kursk-casualties-6000"
MAIN_PAGES_AT_MOST = 4


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return render_all_into(tmp_path_factory)


class _Text(HTMLParser):
    """The text a reader sees: no head, scripts, styles or attribute values."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("head", "script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def pdf_pages(reports, claim_id) -> list[str]:
    return pdf_text_pages(reports / claim_id / f"{claim_id}.pdf")


def data_ids() -> set[str]:
    ev = EVIDENCE
    return (
        set(ev.sources) | set(ev.figures) | set(ev.events) | set(ev.originators)
        | set(ev.subjects) | set(ev.claims) | {e.type for e in ev.events.values()}
    )  # fmt: skip


def ids_in(text: str) -> list[str]:
    """Data ids standing as words ('truthorfake.com' is an outlet's name, not the id)."""
    return sorted(
        i for i in data_ids() if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-]|\.\w)", text)
    )


# One pattern for every id: a single pass over a report's text says whether any id stands in it
# (the same test as ids_in's, one id at a time); ids_in then names them when one does.
ANY_ID = re.compile(
    rf"(?<![\w-])(?:{'|'.join(re.escape(i) for i in sorted(data_ids(), key=len, reverse=True))})"
    r"(?![\w-]|\.\w)"
)


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{4,}", text))


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_no_data_id_or_workshop_word_reaches_a_reader(reports, claim_id):
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    page, pdf = visible_text(html), " ".join(pdf_pages(reports, claim_id))
    # The search below means something only if the PDF's text reads as the page does: pypdf
    # read 18-24 % of the words of the three reports whose fonts need two-byte codes.
    read = words_of(page) & words_of(pdf)
    assert len(read) >= 0.95 * len(words_of(page)), f"{claim_id}: the PDF's text does not read"
    for name, text in (("HTML", page), ("PDF", pdf)):
        flat = " ".join(text.split())
        words = [w for w in FORBIDDEN if w in flat.lower()]
        assert not words, f"{claim_id} {name}: workshop words {words}"
        assert not ANY_ID.search(flat), f"{claim_id} {name}: data ids {ids_in(flat)}"


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_page_one_holds_the_claim_the_rating_its_meaning_and_why(reports, claim_id):
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    first = " ".join(pdf_pages(reports, claim_id)[0].split())
    assert " ".join(verdict["claim"].split()) in first
    assert verdict["label_name"] in first and "Why" in first
    assert f"Fact check by {PUBLISHER}".upper() in first.upper()  # the publisher, with the date
    assert "Admiralty" not in first and "Probability" not in first
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    why = re.search(r'<ul class="verdict__why">(.*?)</ul>', html, re.S)
    assert why and 3 <= why.group(1).count("<li>") <= 5, f"{claim_id}: 3 to 5 reasons on page 1"


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_the_main_body_is_short_and_the_appendix_starts_on_a_new_page(reports, claim_id):
    pages = pdf_pages(reports, claim_id)
    starts = [i for i, text in enumerate(pages) if re.search(r"^\s*Appendix\s*$", text, re.M)]
    assert starts, f"{claim_id}: no page opens with the Appendix heading"
    main = starts[0]
    if claim_id == SEED:
        assert main <= MAIN_PAGES_AT_MOST, f"{claim_id}: main body is {main} pages"
    print(f"{claim_id}: {main} main + {len(pages) - main} appendix pages")


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_documents_per_source_agree_in_the_table_and_the_sources(reports, claim_id):
    """One count per source: the main table's "carried by N documents", the sources list's
    heading and its "N reports repeat this document" are the verdict's own counts."""
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    text = visible_text((reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8"))
    for line in verdict["lines"]:
        n = line["documents"]
        name = re.sub(r" \(\d{4}-\d{2}-\d{2}\)$", "", line["name"])
        if n > 1:
            assert f"{name} carried by {n} documents" in text, (claim_id, name)
        assert f"{name} — {n} document" in text, (claim_id, name)
    echoes = sorted(line["echoes"] for line in verdict["lines"] if line["echoes"])
    shown = sorted(int(n) for n in re.findall(r"(\d+) reports? repeats? this document", text))
    assert shown == echoes, claim_id


def test_the_pdf_is_tagged_with_a_short_running_title(reports):
    catalog = PdfReader(reports / SEED / f"{SEED}.pdf").trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # what pdfinfo reports as "Tagged: yes"
    assert "/StructTreeRoot" in catalog
    second = pdf_pages(reports, SEED)[1]
    assert "Fact check: casualties, more than 6,000" in second
    assert SEED not in second


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_the_box_and_the_captions_count_what_the_verdict_counted(reports, claim_id):
    """Page 1's echo count and the figures caption agree with the verdict's own counts."""
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    text = visible_text((reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8"))
    caption = re.search(r"public by [^()]+ \(([\d,]+) (?:figure|report)s?\), oldest first", text)
    assert caption and int(caption.group(1).replace(",", "")) == len(verdict["evidence"])
    documents = {line["name"]: line["documents"] for line in verdict["lines"]}
    said = re.findall(
        r"The ([\d,]+) other reports of this figure all repeat (.+?); they are one source, "
        r"not ([\d,]+)\.",
        text,
    )
    echoed = "echo-amplification" in {flag["code"] for flag in verdict["flags"]}
    assert len(said) <= echoed, (claim_id, said)  # only when flagged (and a bullet is free)
    for echoes, name, n in said:  # page 1 may leave out a name's bracketed outlet
        (counted,) = [
            d for line, d in documents.items() if line == name or line.startswith(name + " (")
        ]
        assert counted == int(n.replace(",", "")) == int(echoes.replace(",", "")) + 1


def test_no_rule_table_is_split_across_pdf_pages(reports):
    """Each rule table's caption and its last row are on the same page."""
    pages = [" ".join(p.split()) for p in pdf_pages(reports, SEED)]
    tables = {
        "Rating rules, applied in this order": "exactly one credible line of evidence contradicts it",
        "Information credibility (Admiralty code, 1 to 6)": "truth cannot be judged",
        "Source reliability (Admiralty code, A to F)": "reliability cannot be judged",
        "Probability yardstick": "almost certain",
    }
    for caption, last_row in tables.items():
        (page,) = [p for p in pages if caption in p]
        assert last_row in page.split(caption, 1)[1], f"{caption!r} runs onto the next page"


# Words that mark a placeholder, never a publisher, a title or an address a reader should see.
PLACEHOLDERS = (
    "example.org",
    "example.com",
    "factcheck.example",
    "[title not",
    "outlet not found",
    "not in archived excerpt",
    "placeholder",
    "lorem",
    "todo",
    "tbd",
    "fixme",
    "xxx",
)
NOT_A_PUBLISHER = ("factcheck", "fact check by factcheck")


def _without_embedded_files(text: str) -> str:
    """Readable text: data: URIs (base64 charts) are bytes, not words."""
    return re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+", "", text)


def placeholders_in(text: str) -> list[str]:
    flat = " ".join(_without_embedded_files(text).split()).lower()
    return [w for w in PLACEHOLDERS if re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", flat)]


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_no_placeholder_in_any_page_pdf_verdict_or_claimreview(reports, claim_id):
    folder = reports / claim_id
    html = (folder / f"{claim_id}.html").read_text(encoding="utf-8")
    metadata, _ = pdf_info(folder / f"{claim_id}.pdf")
    review = json.loads((folder / "claimreview.jsonld").read_text(encoding="utf-8"))
    texts = {
        "HTML": html,
        "PDF": " ".join(pdf_pages(reports, claim_id)),
        "PDF metadata": " ".join(metadata.values()),
        "verdict.json": (folder / "verdict.json").read_text(encoding="utf-8"),
        "claimreview.jsonld": json.dumps(review, ensure_ascii=False),
    }
    for name, text in texts.items():
        assert not placeholders_in(text), f"{claim_id} {name}: {placeholders_in(text)}"
    # the publisher is the configured one wherever a publisher is named, never the tool's name
    named = [
        metadata.get("Author", ""),
        review.get("author", {}).get("name", ""),
        *re.findall(r'<p class="front__publisher">(.*?)</p>', html),
        *re.findall(r'class="masthead__brand"[^>]*>(.*?)</a>', html),
        *re.findall(r'<meta name="author" content="(.*?)"', html),
    ]
    assert metadata.get("Author") == PUBLISHER
    for text in named:
        assert text.strip().lower() not in NOT_A_PUBLISHER and "by factcheck" not in text.lower()
        assert PUBLISHER in text, f"{claim_id}: {text!r} does not name the publisher"


def test_no_placeholder_in_the_reports_index(reports):
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert not placeholders_in(index), placeholders_in(index)
    assert PUBLISHER in index


def test_a_title_the_data_does_not_record_is_said_in_words(reports):
    """Sources whose title is empty in sources.csv read "title not recorded", never a gap or
    a bracketed placeholder."""
    untitled = {s.outlet for s in EVIDENCE.sources.values() if not s.title}
    assert untitled, "the seed data records some sources without a title"
    said = 0
    for claim_id in CLAIMS:
        text = visible_text((reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8"))
        said += text.count("(title not recorded)")
        assert "[title" not in text and ", ”" not in text and "“”" not in text
    assert said


def _headings(html: str) -> set[str]:
    found = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    return {" ".join(re.sub(r"<[^>]+>|¶", " ", h).split()) for h in found} - {""}


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_no_heading_is_stranded_at_the_bottom_of_a_pdf_page(reports, claim_id):
    """A heading keeps to what it introduces (print.css break-after: avoid): no page's last
    line of text is a section heading, unless a chart (an image) follows it on that page."""
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    headings = _headings(html)
    reader = PdfReader(reports / claim_id / f"{claim_id}.pdf")
    for number, text in enumerate(pdf_pages(reports, claim_id), 1):
        lines = [" ".join(ln.split()) for ln in text.splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith(("Page ", "factcheck"))]
        if lines and lines[-1] in headings:
            assert reader.pages[number - 1].images, (
                f"{claim_id}: “{lines[-1]}” is stranded at the foot of page {number}"
            )


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_the_heading_anchor_is_never_read_aloud(reports, claim_id):
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    anchors = re.findall(r"<a [^>]*anchor-link[^>]*>", html)
    assert anchors and all('aria-hidden="true"' in a for a in anchors), claim_id


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_page_one_is_one_pdf_page_with_a_standfirst_and_the_rating_key(reports, claim_id):
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    assert '<p class="standfirst">' in html and 'class="scale-mini"' in html
    # pypdf reads some runs (after an ellipsis or a ligature) as UTF-16: drop its NUL bytes
    pages = [" ".join(p.replace("\x00", "").split()) for p in pdf_pages(reports, claim_id)]
    verdict = json.loads((reports / claim_id / "verdict.json").read_text())
    assert verdict["label_name"] in pages[0] and "Why" in pages[0]
    last = re.findall(
        r"<li>(.*?)</li>", re.search(r'class="verdict__why">(.*?)</ul>', html, re.S)[1]
    )
    tail = " ".join(re.sub(r"<[^>]+>", "", last[-1]).replace("&#39;", "'").split())[:16]
    assert tail in pages[0], f"{claim_id}: the last why-bullet is not on page 1"
    print(f"{claim_id}: {len(pages)} PDF pages")


def test_the_killed_report_says_what_the_claim_turned_into_what(reports):
    html = (reports / "dprk-kursk-killed-6000" / "dprk-kursk-killed-6000.html").read_text(
        encoding="utf-8"
    )
    standfirst = re.search(r'<p class="standfirst">(.*?)</p>', html, re.S)[1]
    assert (
        "a figure from UK Defence Intelligence (UK Ministry of Defence), more than 6,000 casualties (killed and wounded together) by 15 June 2025"
        in standfirst
    )
    assert "into more than 6,000 killed" in standfirst
