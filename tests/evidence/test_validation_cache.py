"""A process remembers the tables it has validated (a batch worker loads the same tables for
every claim it renders), keyed by everything a row's validity depends on: loading again gives
the same evidence and the same problems, and any change to a table or to the metrics in force
is validated afresh."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from data_base import copy_base, problems

from factcheck.evidence import for_claim, load_evidence
from factcheck.independence import root_map


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_base_loaded_twice_is_the_same_evidence(tmp_path):
    data = copy_base(tmp_path)
    assert load_evidence(data) == load_evidence(data)


def test_a_bad_row_is_reported_on_every_load_not_only_the_first(tmp_path):
    data = copy_base(tmp_path)
    figures = data / "figures.csv"
    header, first, *rest = figures.read_text().splitlines(keepends=True)
    figures.write_text(header + first.replace(",", ",not-a-number-", 1) + "".join(rest))
    first_time = problems(data)
    assert first_time and problems(data) == first_time


def test_an_edited_table_is_validated_again(tmp_path):
    data = copy_base(tmp_path)
    load_evidence(data)
    sources = data / "sources.csv"
    header, first, *rest = sources.read_text().splitlines(keepends=True)
    sources.write_text(header + first.replace("http", "ftp", 1) + "".join(rest))
    assert any("sources.csv" in p for p in problems(data))


def test_a_metric_removed_from_metrics_csv_makes_its_figures_unknown_on_the_next_load(tmp_path):
    data = copy_base(tmp_path)
    before = load_evidence(data)
    metric = next(iter(before.figures.values())).metric
    metrics = data / "metrics.csv"
    kept = [
        line
        for line in metrics.read_text().splitlines(keepends=True)
        if not line.startswith(f"{metric},")
    ]
    metrics.write_text("".join(kept))
    assert any("figures.csv" in p and metric in p for p in problems(data))


def test_a_row_valid_under_other_metrics_is_judged_under_the_metrics_now_in_force(tmp_path):
    """A share's percentage must be at most 100, a check that depends on metrics.csv, not on
    the row: declaring the metric a count makes the same row valid on the next load."""
    data = copy_base(tmp_path)
    with (data / "figures.csv").open("a") as figures:
        figures.write('share-150,troops,killed_share,150,150,exact,2025-03-01,report,,,"150",,\n')
    assert any("expected a percentage" in p for p in problems(data))
    _replace(
        data / "metrics.csv",
        "killed_share,killed (share of casualties),percent,percent,share,,false,,,false,,,,casualties,killed,",
        "killed_share,killed (share of casualties),percent,percent,count,,false,,,false,,,,,,",
    )
    load_evidence(data)  # valid now: no problem replayed from the first load


# ---------------------------------------------------------------- the tables, checked together


def test_a_base_loaded_again_shares_its_checked_tables_and_its_documents_roots(tmp_path):
    """A batch worker loads one base per claim: the cross-checked tables and the documents'
    roots (worked out from the sources alone) are taken from the first load, and the narrowed
    base a claim's render uses keeps them too."""
    data = copy_base(tmp_path)
    first = load_evidence(data)
    roots = root_map(first)
    again = load_evidence(data)
    assert again == first
    assert again.sources is first.sources and again.figures is first.figures
    assert root_map(again) is roots
    claim_id = next(iter(again.claims))
    assert root_map(for_claim(again, claim_id)) is roots


def test_a_figure_citing_a_source_removed_since_the_last_load_is_reported(tmp_path):
    """Each row stays valid on its own; only the check across tables can see the dangling
    reference, so it must run again when any table's bytes change."""
    data = copy_base(tmp_path)
    load_evidence(data)
    _replace(data / "figures.csv", ",report,", ",no-such-document,")
    assert any("figures.csv" in p and "no-such-document" in p for p in problems(data))


def test_the_same_tables_checked_on_an_earlier_day_refuse_a_date_they_accepted(tmp_path):
    """Dates are bounded by the day of the load (at most a year ahead): the same bytes checked
    for another day are checked again."""
    data = copy_base(tmp_path)
    load_evidence(data, today=dt.date(2026, 1, 1))
    found = problems(data, today=dt.date(2020, 1, 1))
    assert any("today plus one year" in p for p in found)
    load_evidence(data, today=dt.date(2026, 1, 1))  # and the later day is still fine
