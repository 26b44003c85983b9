"""The publisher's name and address: one documented setting each, never a made-up default."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from invoke import factcheck
from rendering import pdf_text_pages

from factcheck.errors import UsageError
from factcheck.paths import PROJECT_ROOT
from factcheck.publisher import Publisher, from_env
from factcheck.rendering.render import fingerprint_of
from factcheck.wording import masthead_line

CLAIM = "dprk-kursk-killed-6000"  # any seed claim
MINI = PROJECT_ROOT / "tests" / "fixtures" / "mini"


def test_no_setting_names_no_publisher_and_no_address():
    assert from_env({}) == Publisher("", "")
    assert from_env({"FACTCHECK_PUBLISHER": "  ", "FACTCHECK_BASE_URL": " "}) == Publisher()


def test_settings_are_read_and_the_address_ends_in_one_slash():
    settings = from_env(
        {"FACTCHECK_PUBLISHER": " The  Desk ", "FACTCHECK_BASE_URL": "https://checks.news.test//"}
    )
    assert settings == Publisher("The Desk", "https://checks.news.test/")


@pytest.mark.parametrize(
    "env, named",
    [
        ({"FACTCHECK_BASE_URL": "ftp://checks.news.test/"}, "FACTCHECK_BASE_URL"),
        ({"FACTCHECK_BASE_URL": "checks.news.test"}, "FACTCHECK_BASE_URL"),
        ({"FACTCHECK_BASE_URL": "https://checks.news.test/?a=1"}, "FACTCHECK_BASE_URL"),
        ({"FACTCHECK_PUBLISHER": "The\x1b[31m Desk"}, "FACTCHECK_PUBLISHER"),
        ({"FACTCHECK_PUBLISHER": "D" * 201}, "FACTCHECK_PUBLISHER"),
    ],
)
def test_a_bad_setting_is_one_sentence_naming_it(env, named):
    with pytest.raises(UsageError) as raised:
        from_env(env)
    message = str(raised.value)
    assert message.startswith(named) and "\n" not in message


def test_a_bad_setting_stops_a_render_with_one_sentence_and_no_traceback(tmp_path):
    env = {**os.environ, "FACTCHECK_BASE_URL": "ftp://checks.news.test/"}
    result = factcheck("render", CLAIM, "--out", str(tmp_path), "--format", "html", env=env)
    assert result.returncode == 2
    assert "FACTCHECK_BASE_URL must be" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / CLAIM).exists()


def test_the_masthead_names_the_publisher_only_when_set():
    assert masthead_line("The Desk", "2025-06-30") == "Fact check by The Desk · 30 June 2025"
    assert masthead_line("", "2025-06-30") == "Fact check · 30 June 2025"


def test_the_settings_are_part_of_the_build_fingerprint():
    args = (CLAIM, "", ("html",), "d", "c", "n")
    none, desk = Publisher().digest, Publisher("The Desk", "https://checks.news.test/").digest
    assert fingerprint_of(*args, none) == fingerprint_of(*args, Publisher().digest)
    assert fingerprint_of(*args, none) != fingerprint_of(*args, desk)
    other = Publisher("The Desk", "https://other.news.test/").digest
    assert fingerprint_of(*args, desk) != fingerprint_of(*args, other)


@pytest.mark.slow
def test_without_settings_a_report_names_no_publisher_and_embeds_no_claimreview(
    tmp_path, monkeypatch
):
    """`make report` with neither setting: the masthead names no publisher, the PDF has no
    author, the page embeds no JSON-LD (no `url`), claimreview.jsonld is written for the
    record; rendering again with the same (absent) settings is up to date, byte for byte, and
    setting a publisher then makes the render run again. (That a page then names the publisher
    is the shared reports' test, tests/page/test_reader_pages.py: the last render here publishes
    the first one's outputs instead of running the notebook again.)"""
    from rendering import pdf_info, with_outputs_of

    from factcheck.rendering import render as render_module

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FACTCHECK_PUBLISHER", "FACTCHECK_BASE_URL")
    }
    data, claim = tmp_path / "data", "killed-6000"  # the small base: a report of a few pages
    shutil.copytree(MINI, data)
    claim_file = data / "claims" / f"{claim}.yaml"
    claim_file.write_text(claim_file.read_text().replace("claimant: A headline", 'claimant: ""'))
    sources = data / "sources.csv"  # a document with no title
    sources.write_text(sources.read_text().replace(",Defence Intelligence update,", ",,", 1))
    command = ["render", claim, "--data", str(data), "--out", str(tmp_path / "out")]
    first = factcheck(*command, env=env)
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "out" / claim
    html = (folder / f"{claim}.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="front__publisher">Fact check · \d{1,2} \w+ \d{4}</p>', html)
    assert "application/ld+json" not in html and '<meta name="author"' not in html
    assert re.search(r'class="masthead__brand"[^>]*>Fact check</a>', html)
    metadata, _ = pdf_info(folder / f"{claim}.pdf")
    assert "Author" not in metadata
    assert pdf_text_pages(folder / f"{claim}.pdf")[0].upper().startswith("FACT CHECK · ")
    review = json.loads((folder / "claimreview.jsonld").read_text(encoding="utf-8"))
    assert "url" not in review and "author" not in review and review["reviewRating"]
    assert "author" not in review["itemReviewed"]  # nobody known made this claim
    assert "(title not recorded)" in html
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    again = factcheck(*command, env=env)
    assert "up to date" in again.stdout
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    published = {**env, "FACTCHECK_PUBLISHER": "The Desk"}
    monkeypatch.setattr(render_module, "_render_into", with_outputs_of(folder))
    changed = factcheck(*command, "--format", "html,pdf", env=published)
    assert changed.returncode == 0, changed.stderr
    assert "rendered" in changed.stdout, "a new publisher setting re-renders the report"
