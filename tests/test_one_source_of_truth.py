"""One source of truth: every reader word comes from `factcheck.wording`, every count a report
shows is the verdict's own, and changing a word in one place changes it everywhere."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
from charts_synthetic import large_evidence
from conftest import claim, evidence_from_lines, one_line, originator, source

from factcheck import charts, wording
from factcheck.claimreview import claim_review
from factcheck.page import Page
from factcheck.verdict import assess

SRC = Path(__file__).resolve().parents[1] / "src" / "factcheck"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# The names of wording functions: no module outside factcheck.wording may define its own.
WORDING_NAMES = {
    "stated", "plural", "number", "num", "longdate", "shortdate", "day", "month", "percent",
    "claim_words", "flag_sentence", "listing",
}  # fmt: skip


def _modules():
    for package in ("page", "charts", "reasoning"):
        for path in sorted((SRC / package).glob("*.py")):
            if path.name != "palette.py":  # colours as hex (`:02x`), not words
                yield path


def test_no_number_or_date_is_formatted_outside_the_wording_module():
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                found.append(f"{where} formats {ast.unparse(node)}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("strftime", "isoformat")
            ):
                found.append(f"{where} calls .{node.func.attr}()")
            elif isinstance(node, ast.FunctionDef) and node.name in WORDING_NAMES:
                found.append(f"{where} defines its own {node.name}()")
    assert found == []


def _sentences(verdict) -> list[str]:
    return [
        *verdict.reasoning,
        *verdict.why,
        verdict.how_sure,
        verdict.summary,
        *(f.text for f in verdict.flags),
        *(line.reason for line in verdict.lines),
        *(a.reason for a in verdict.evidence),
    ]


def _ids(evidence) -> set[str]:
    return {*evidence.sources, *evidence.figures, *evidence.events} | {
        o for o in evidence.originators if "-" in o
    }


def test_no_sentence_of_any_seed_verdict_carries_an_iso_date_or_a_data_id(data_evidence):
    ids = _ids(data_evidence)
    for c in data_evidence.claims.values():
        for text in _sentences(assess(c, data_evidence)):
            assert not ISO_DATE.search(text), (c.id, text)
            words = set(re.findall(r"[\w-]+", text))
            assert not words & ids, (c.id, text)


# --------------------------------------------------------------------------- counts


def _page_counts_match_the_verdict(page: Page) -> None:
    """Every count a reader sees on a page, checked against the verdict it was made from."""
    v = page.verdict
    by_name = {line.name: line for line in v.lines}
    for row in page.originators_frame().itertuples():
        line = by_name[row.who]
        assert row.documents == line.documents
        assert row.carried == (wording.carried_by(line.documents) if line.documents > 1 else "")
    for row in page.lines_frame().itertuples():
        assert row.documents == by_name[row.line_of_evidence].documents
    for group in page.source_groups():
        line = by_name[group["name"]]
        assert group["documents"] == line.documents
        assert group["heading"].startswith(wording.plural(line.documents, "document"))
        listed_echoes = sum(len(e["echoes"]) + e.get("echoes_more", 0) for e in group["entries"])
        assert listed_echoes == line.echoes
    echoes = charts.echoes_data(page.evidence, v)
    shown = dict(zip(echoes["originator"], echoes["documents"], strict=True))
    for line in v.lines:
        assert shown[charts.short_name(line.name)] == line.documents
    counts = page.counts
    assert counts.lines == len(v.lines)
    assert counts.deciding == sum(line.decides for line in v.lines)
    # page 1's verdict box, the figures table's caption, the sources list's headings
    box = dict(re.findall(r'data-([a-z]+)="(\d+)"', page.front().data))
    stances = [line.stance for line in v.lines]
    assert box == {
        "lines": str(len(v.lines)),
        "supporting": str(stances.count("supports")),
        "contradicting": str(stances.count("contradicts")),
        "inconclusive": str(stances.count("inconclusive")),
    }
    caption = re.search(r"\(([\d,]+) (?:figure|report)s?\)", page.figures_table().data)
    assert caption and int(caption.group(1).replace(",", "")) == len(v.evidence)
    listed = re.findall(r"— ([\d,]+) documents?", page.sources().data)
    assert [int(n.replace(",", "")) for n in listed] == [
        g["documents"] for g in page.source_groups()
    ]


def test_every_count_on_a_seed_page_is_the_verdicts_own(data_evidence):
    for c in data_evidence.claims.values():
        _page_counts_match_the_verdict(Page(c, data_evidence, assess(c, data_evidence)))


def test_every_count_on_a_page_of_a_generated_base_is_the_verdicts_own():
    evidence = large_evidence(figures=600, sources=300, originators=40)
    evidence = dataclasses.replace(evidence, claims={"c": claim(6000, ">", id="c")})
    c = evidence.claims["c"]
    verdict = assess(c, evidence)
    assert any(line.echoes for line in verdict.lines)  # the base has echoes to count
    _page_counts_match_the_verdict(Page(c, evidence, verdict))


def test_an_echo_nobody_found_is_neither_counted_nor_listed():
    body = originator("di", name="Defence body")
    original = source("di-doc", "di")
    found = source("copy", "di", derived_from=["di-doc"])
    lost = found.model_copy(update={"id": "lost", "url": None})
    _, _, fig = one_line("di", 6000, qualifier="more than")
    evidence = evidence_from_lines((body, original, fig.model_copy(update={"source": "di-doc"})))
    evidence = dataclasses.replace(
        evidence, sources={**evidence.sources, "copy": found, "lost": lost}
    )
    c = claim()
    verdict = assess(c, evidence)
    [line] = verdict.lines
    assert (line.documents, line.echo_ids, line.document_ids) == (2, ("copy",), ("di-doc", "copy"))
    [group] = Page(c, evidence, verdict).source_groups()
    assert [e["outlet"] for e in group["entries"][0]["echoes"]] == [found.outlet]


# --------------------------------------------------------------------------- one word, one place


def _approximate_case():
    evidence = evidence_from_lines(one_line("di", 4000, qualifier="approximately"))
    c = claim(6000, ">")
    return c, evidence, assess(c, evidence)


def test_changing_a_qualifiers_word_changes_the_trail_the_page_the_chart_and_its_alt_text(
    monkeypatch,
):
    monkeypatch.setitem(wording.QUALIFIER_WORDS, "approximately", "roughly")
    c, evidence, verdict = _approximate_case()
    page = Page(c, evidence, verdict)
    data = charts.estimates_data(evidence, c, verdict)
    assert "roughly 4,000" in " ".join(verdict.why)
    assert "roughly 4,000" in verdict.lines[0].reason
    assert page.originators_frame()["said"].str.contains("roughly 4,000").all()
    assert list(data["stated"]) == ["roughly 4,000"]
    assert "roughly 4,000" in charts.estimates_alt(data, c)
    assert "roughly 4,000" in charts.estimates_title(data, claim=c)
    assert "roughly 4,000" in page.front().data and "roughly 4,000" in page.figures_table().data


def test_a_figures_own_words_reach_the_page_the_chart_and_its_alt_text():
    c, evidence, _ = _approximate_case()
    fig = next(iter(evidence.figures.values()))
    evidence = dataclasses.replace(
        evidence, figures={fig.id: fig.model_copy(update={"stated": "a few thousand"})}
    )
    verdict = assess(c, evidence)
    data = charts.estimates_data(evidence, c, verdict)
    assert list(data["stated"]) == ["a few thousand"]
    assert "a few thousand" in charts.estimates_alt(data, c)
    assert "a few thousand" in Page(c, evidence, verdict).originators_frame()["said"].iloc[0]


def test_changing_a_flag_title_changes_the_trail_and_the_pages_warnings(monkeypatch):
    monkeypatch.setitem(wording.FLAG_TITLES, "single-originator", "one voice only")
    c = claim(6000, ">")
    evidence = evidence_from_lines(one_line("di", 7000, qualifier="exact"))
    verdict = assess(c, evidence)
    assert "Warnings: one voice only." in verdict.reasoning
    assert "one voice only" in list(Page(c, evidence, verdict).flags_frame()["title"])


def test_claimreview_explains_the_rating_in_page_ones_standfirst():
    c, evidence, verdict = _approximate_case()
    review = claim_review(c, evidence, verdict, "https://example.org/")
    assert review["reviewRating"]["ratingExplanation"] == Page(c, evidence, verdict).lead()


def test_renaming_a_rating_in_one_place_renames_it_in_the_trail_page_chart_alt_and_claimreview(
    monkeypatch,
):
    from dataclasses import replace

    from factcheck import scales

    renamed = replace(scales.LABELS["mostly-true"], name="Largely true")
    monkeypatch.setitem(scales.LABELS, "mostly-true", renamed)
    c = claim(6000, ">")
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    verdict = assess(c, evidence)
    assert verdict.label == "mostly-true"
    assert any(text.startswith("Label: Largely true,") for text in verdict.reasoning)
    page = Page(c, evidence, verdict)
    assert "Largely true" in page.front().data
    assert "Largely true" in page.sensitivity().data
    history = charts.history_data(verdict)
    assert "Largely true" in charts.history_title(history)
    assert "Largely true" in charts.history_alt(history)
    review = claim_review(c, evidence, verdict, "https://example.org/")
    assert review["reviewRating"]["alternateName"] == "Largely true"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [one_line("a", 7000, qualifier="exact")],
            [
                "Without Originator a, the rating would be Unproven.",
                "A credible, independent source that contradicts the claim would make it Mixed.",
                "A second credible, independent source that supports the claim would make it True.",
            ],
        ),
        ([], ["A credible, independent source that contradicts the claim would make it Mostly false.",
              "A credible, independent source that supports the claim would make it Mostly true."]),
    ],
)  # fmt: skip
def test_what_would_change_is_the_rules_re_run_with_a_source_added_or_left_out(lines, expected):
    from factcheck import scales

    evidence = evidence_from_lines(*lines)
    verdict = assess(claim(6000, ">"), evidence)
    names = {label: info.name for label, info in scales.LABELS.items()}
    assert [wording.change_sentence(ch, names) for ch in verdict.changes] == expected


def _visible(html: str) -> str:
    """Text between tags, without attribute values (links and archive URLs carry dates)."""
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def test_no_section_of_any_seed_page_or_chart_shows_an_iso_date(data_evidence):
    for c in data_evidence.claims.values():
        verdict = assess(c, data_evidence)
        page = Page(c, data_evidence, verdict)
        sections = [
            page.front(), page.who_said_what(), page.what_would_change(), page.figures_table(),
            page.reasoning(), page.flags(), page.lines_table(), page.sensitivity(),
            page.methodology(), page.sources(),
        ]  # fmt: skip
        texts = [_visible(s.data) for s in sections]
        if c.kind == "quantity":
            data = charts.estimates_data(data_evidence, c, verdict)
            texts += [charts.estimates_title(data, claim=c), charts.estimates_alt(data, c)]
        echoes = charts.echoes_data(data_evidence, verdict)
        history = charts.history_data(verdict)
        texts += [charts.echoes_alt(echoes), charts.history_alt(history)]
        for text in texts:
            assert not ISO_DATE.search(text), (c.id, ISO_DATE.search(text).group(0))
