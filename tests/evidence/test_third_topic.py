"""A third, made-up topic from data files alone (issue 19, item 7).

tests/fixtures/third_topic holds only data: its own metrics.csv (its own unit, bales; a
capacity, a rate per day and a share among the metrics), subjects, originators, sources,
figures and claims. Copied to a temporary folder beside a copy of the report notebook, it
validates, is judged and renders to HTML and PDF with no Python written for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from invoke import factcheck as run
from rendering import pdf_text

from factcheck.paths import REPORT_NOTEBOOK

THIRD = Path(__file__).resolve().parents[1] / "fixtures" / "third_topic"
LABELS = {
    "brindle-100-bales-a-day": "mostly-true",  # a total over a stated window, read as a rate
    "brindle-12000-bales": "mostly-false",  # a count and a capacity: 9,000, at most 12,000
    "brindle-third-of-world-wool": "mostly-false",  # a share, against a share
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the third topic's data and the report notebook, nothing else."""
    shutil.copytree(THIRD, tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    shutil.copy(REPORT_NOTEBOOK, tmp_path / "notebooks" / "report.ipynb")
    return tmp_path


def test_the_third_topic_validates_and_is_judged(project: Path):
    data = str(project / "data")
    checked = run("validate", "--data", data)
    assert checked.returncode == 0, checked.stderr
    listed = run("list", "--data", data)
    assert listed.returncode == 0, listed.stderr
    found = {line.split()[0]: line.split()[1] for line in listed.stdout.splitlines()}
    assert found == LABELS


def test_an_unknown_metric_names_the_file_line_and_the_declared_metrics(project: Path):
    claim = project / "data" / "claims" / "brindle-12000-bales.yaml"
    claim.write_text(claim.read_text().replace("metric: bales_exported", "metric: fleeces"))
    checked = run("validate", "--data", str(project / "data"))
    assert checked.returncode == 1
    assert (
        "data/claims/brindle-12000-bales.yaml:7: metric: unknown metric 'fleeces'; expected a "
        "metric declared in data/metrics.csv: bale_capacity, bales_exported, bales_per_day, "
        "export_share, world_bales_per_year"
    ) in checked.stderr


@pytest.mark.slow
def test_the_third_topic_renders_to_html_and_pdf_in_its_own_unit(project: Path):
    out = project / "reports"
    claim = "brindle-12000-bales"
    result = run("render", claim, "--data", str(project / "data"), "--out", str(out), "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / claim / f"{claim}.html").read_text(encoding="utf-8")
    assert "bales" in page
    assert "(people)" not in page and "troops" not in page
    assert "Mostly false" in page
    text = pdf_text(out / claim / f"{claim}.pdf")
    assert "12,000 bales" in text or "12,000 wool bales" in text


def test_a_claim_file_read_on_its_own_is_checked_against_the_declared_metrics(project: Path):
    claim = project / "elsewhere.yaml"
    text = (project / "data" / "claims" / "brindle-12000-bales.yaml").read_text()
    claim.write_text(text.replace("metric: bales_exported", "metric: fleeces"))
    judged = run("verdict", str(claim), "--data", str(project / "data"))
    assert judged.returncode != 0
    assert "metric: unknown metric 'fleeces'; expected a metric declared in" in judged.stderr
    assert "Traceback" not in judged.stderr
