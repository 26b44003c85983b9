"""The analyst's workflow: start a claim, validate, list, review the evidence.

The commands run in-process (tests/invoke.py); the review notebook's render runs the console
script, end to end.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from invoke import factcheck as run
from invoke import factcheck_process

from factcheck.evidence import load_evidence, read_claim
from factcheck.review import Review

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


def test_new_claim_writes_a_commented_template_that_parses(data):
    result = run("new-claim", "my-new-claim", "--data", str(data))
    assert result.returncode == 0, result.stderr
    path = data / "claims" / "my-new-claim.yaml"
    text = path.read_text()
    assert text.count("#") > 15  # every key explained
    assert yaml.safe_load(text)["id"] == "my-new-claim"


def test_new_claims_template_offers_this_datas_subjects_event_types_and_originators(data):
    """The analyst picks ids from the topic at hand; no other topic's id is suggested."""
    (data / "subjects.csv").write_text(
        "id,name,description\nwidgets,Widgets sent abroad,x\ngadgets,Gadgets made,y\n",
        encoding="utf-8",
    )
    run("new-claim", "picked", "--data", str(data))
    text = (data / "claims" / "picked.yaml").read_text()
    assert "subject: widgets " in text
    assert "#   widgets: Widgets sent abroad\n#   gadgets: Gadgets made\n" in text
    assert "# event: confirms-troops " in text and "#   confirms-troops\n" in text
    assert "# originator: gb-di " in text
    assert "dprk" not in text and "uk-defence-intelligence" not in text


def test_new_claims_template_lists_at_most_thirty_values_and_counts_the_rest(data):
    rows = "".join(f"s{i},Subject {i},x\n" for i in range(45))
    (data / "subjects.csv").write_text("id,name,description\n" + rows, encoding="utf-8")
    run("new-claim", "many", "--data", str(data))
    text = (data / "claims" / "many.yaml").read_text()
    assert "#   s29: Subject 29\n#   ... and 15 more in data/subjects.csv\n" in text
    assert "#   s30:" not in text


def test_new_claim_refuses_to_overwrite_an_existing_claim(data):
    before = (data / "claims" / "casualties-6000.yaml").read_bytes()
    result = run("new-claim", "casualties-6000", "--data", str(data))
    assert result.returncode == 2
    assert "already exists; choose another id or edit that file" in result.stderr
    assert (data / "claims" / "casualties-6000.yaml").read_bytes() == before


def test_new_claim_refuses_an_id_that_is_not_a_safe_file_name(data):
    result = run("new-claim", "../Bad Id", "--data", str(data))
    assert result.returncode == 2
    assert "invalid claim id '../Bad Id'" in result.stderr


def test_a_filled_in_template_validates_and_gets_a_verdict(data):
    run("new-claim", "filled-in", "--data", str(data))
    path = data / "claims" / "filled-in.yaml"
    text = path.read_text()
    text = text.replace("appeared_in: [source-id]", "appeared_in: [outlet-a]")
    path.write_text(text)
    claim, problems, _ = read_claim(path)
    assert problems == [] and claim is not None
    assert "filled-in" in load_evidence(data).claims
    result = run("verdict", "filled-in", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("filled-in: ")


def test_validate_points_at_the_row_to_fix(data):
    figures = data / "figures.csv"
    figures.write_text(figures.read_text().replace("nis-brief,", "nis-briefing,", 1))
    result = run("validate", "--data", str(data))
    assert result.returncode == 1
    assert "data/figures.csv:3: source: unknown source 'nis-briefing'" in result.stderr


def test_list_shows_every_claim_with_its_label():
    result = run("list", "--data", str(MINI))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["casualties-6000", "killed-6000"]
    assert "mostly-true" in lines[0] and "mostly-false" in lines[1]


def test_review_lists_figures_originators_and_what_needs_attention():
    review = Review.load(data_dir=MINI)
    assert review.as_of.isoformat() == "2025-09-02"  # the newest publication, not the clock
    figures = review.figures_by_originator()
    assert set(figures["figure"]) == {"di-6000", "nis-4700", "nis-600", "zel-3800", "nis-2000"}
    problems = review.needs_attention()
    assert ("di-post", "document is not-archived") in set(
        zip(problems["item"], problems["problem"], strict=True)
    )
    assert "outlet-a" in set(problems[problems["problem"] == "no archive link"]["item"])


def test_review_as_of_leaves_out_later_figures():
    review = Review.load(as_of="2025-06-30", data_dir=MINI)
    assert "nis-2000" not in set(review.figures_by_originator()["figure"])


@pytest.mark.slow
def test_the_review_notebook_executes_and_renders(tmp_path):
    result = factcheck_process("review", "--data", str(MINI), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "_review" / "review.html").read_text()
    for heading in (
        "Every figure, by originator and date",
        "Originators",
        "Needs attention",
        "Figures no claim uses",
    ):
        assert heading in page
    assert page.count("<table") >= 3
    assert "from factcheck.review import Review" not in page


def test_new_claims_template_reads_a_table_saved_with_a_bom_and_keeps_names_on_one_line(data):
    """Excel's "CSV UTF-8" starts with a BOM (validate accepts it); a quoted name may hold a
    line break, which must not become a live YAML key in the template."""
    (data / "subjects.csv").write_text(
        '\ufeffid ,name,description\nwidgets,"Widgets\nkind: event",x\n', encoding="utf-8"
    )
    run("new-claim", "bom", "--data", str(data))
    text = (data / "claims" / "bom.yaml").read_text()
    assert "subject: widgets " in text and "#   widgets: Widgets kind: event\n" in text
    assert yaml.safe_load(text)["kind"] == "quantity"


def test_without_event_types_the_template_says_what_the_key_takes(data):
    (data / "events.csv").write_text("id,type,date,summary,source,quote,notes\n")
    run("new-claim", "no-events", "--data", str(data))
    text = (data / "claims" / "no-events.yaml").read_text()
    assert "# event: event-type            # one of the event types in data/events.csv\n" in text
