"""A large evidence base still makes a readable page: long tables are bounded and summarised.

The rules are pinned on small hand-written tables; one slow test renders a real report from a
generated base of a few thousand figures and counts the rows of every table in it (not timed:
the benchmark measures time).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest
from invoke import factcheck

from factcheck.page import frames
from factcheck.page.sections import ECHOES, ENTRIES, WHO_ROWS

ROOT = Path(__file__).resolve().parents[2]
CLAIM = "dprk-kursk-casualties-6000"


def rows(*spec: tuple[str, int, bool, str, int]) -> pd.DataFrame:
    """(originator, day of month, counted, metric, value) per row, in the frame's own order."""
    return pd.DataFrame(
        [
            {
                "date": dt.date(2025, 1, day),
                "published": dt.date(2025, 1, day),
                "originator": who,
                "said": f"{value:,} {metric}",
                "counted": counted,
                "stance": "supports",
                "metric": metric,
                "low": value,
                "high": value,
            }
            for who, day, counted, metric, value in spec
        ]
    )


def test_a_short_table_is_shown_whole():
    table = rows(("A", 1, False, "killed", 10), ("A", 2, True, "killed", 20))
    assert frames.key_rows(table, limit=2).equals(table)


def test_a_long_table_keeps_the_deciding_rows_and_each_sources_latest_in_order():
    table = rows(
        ("A", 1, True, "killed", 10),
        ("B", 2, False, "killed", 11),
        ("A", 3, False, "killed", 12),
        ("B", 4, False, "killed", 13),
        ("C", 5, False, "killed", 14),
    )
    shown = frames.key_rows(table, limit=4)
    assert shown["low"].tolist() == [10, 12, 13, 14]  # A decides; A, B, C latest; oldest first


def test_the_cap_holds_even_when_every_row_would_qualify():
    table = rows(*[(f"S{i}", 1 + i % 28, True, "killed", i) for i in range(30)])
    assert len(frames.key_rows(table, limit=7)) == 7


def test_the_summary_gives_each_source_its_count_dates_range_on_the_claims_count_and_latest():
    table = rows(
        ("A", 1, False, "killed", 300),
        ("A", 2, False, "wounded", 900),
        ("A", 3, True, "killed", 250),
        ("B", 4, True, "killed", 40),
    )
    summary = frames.originator_summary(table, "killed")
    a, b = summary.to_dict("records")
    assert (a["originator"], a["count"], a["other_counts"]) == ("A", 3, 1)
    assert (a["first"], a["latest"]) == (dt.date(2025, 1, 1), dt.date(2025, 1, 3))
    assert a["range"] == "250 to 300 killed"
    assert a["latest_said"] == "250 killed"
    assert (b["count"], b["range"]) == (1, "40 killed")


# ---------------------------------------------------------------------- a real render, at scale


def _synthetic_base():
    spec = importlib.util.spec_from_file_location(
        "synthetic_base", ROOT / "scripts" / "synthetic_base.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("scale")
    data = _synthetic_base().write_synthetic_base(root / "data", figures=3000, sources=1200)
    out = root / "reports"
    # in-process (tests/invoke.py): the page is the point, not the process
    result = factcheck("render", CLAIM, "--data", str(data), "--out", str(out), "--format", "html")
    assert result.returncode == 0, f"render failed:\n{result.stdout}\n{result.stderr}"
    return (out / CLAIM / f"{CLAIM}.html").read_text(encoding="utf-8")


def tables(html: str) -> dict[str, int]:
    """Each table's caption and its number of body rows."""
    found = {}
    for body in re.findall(r"<table.*?</table>", html, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", body, re.S)
        tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S)
        found[caption.group(1) if caption else "?"] = len(re.findall(r"<tr", tbody.group(1)))
    return found


@pytest.mark.slow
def test_every_table_of_a_report_on_thousands_of_figures_has_a_readable_number_of_rows(big_page):
    found = tables(big_page)
    assert found, "no table in the page"
    assert max(found.values()) <= frames.FIGURE_ROWS, found
    said = next(n for caption, n in found.items() if caption.startswith("One row per"))
    assert said <= WHO_ROWS
    assert any("counted per source" in caption for caption in found), "no per-source summary"
    assert "verdict.json" in big_page  # the reader is told where the complete list is


@pytest.mark.slow
def test_the_sources_list_of_a_large_report_lists_a_few_documents_per_source(big_page):
    sources = big_page[big_page.index('id="Sources"') :]
    groups = re.findall(r'<section class="source-group">(.*?)</section>', sources, re.S)
    assert groups
    for group in groups:
        assert len(re.findall(r"<li>", group)) <= ENTRIES
        echoes = re.search(r'<p class="echoes">(.*?)</p>', group, re.S)
        if echoes:
            assert echoes.group(1).count("<a ") <= ECHOES
