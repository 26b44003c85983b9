"""A figure is shown as its source stated it: the optional `stated` column of figures.csv.

The interval (low, high, qualifier) is the engine's reading; where it misrepresents the words
("several hundred" read as 200 to 999), the data records the words and every reader sentence
uses them (one function, factcheck.wording.stated). Files without the column still load.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from factcheck.evidence import EvidenceError, load_evidence
from factcheck.wording import stated

FIXTURE = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def add_stated(data: Path, words: dict[str, str]) -> None:
    """Append the `stated` column to figures.csv, filled for the given figure ids."""
    path = data / "figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0].append("stated")
    for row in rows[1:]:
        row.append(words.get(row[0], ""))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def first_figure(data: Path) -> str:
    with (data / "figures.csv").open(encoding="utf-8", newline="") as f:
        return next(csv.DictReader(f))["id"]


def problems(data: Path) -> list[str]:
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    return [str(p) for p in caught.value.problems]


def test_a_file_without_the_column_loads_and_figures_read_from_their_interval(data):
    evidence = load_evidence(data)
    figure = evidence.figures[first_figure(data)]
    assert figure.stated == ""
    assert stated(figure) != ""


def test_the_stated_words_win_over_the_interval(data):
    fid = first_figure(data)
    add_stated(data, {fid: "several hundred"})
    assert stated(load_evidence(data).figures[fid]) == "several hundred"


def test_an_empty_stated_cell_falls_back_to_the_interval(data):
    add_stated(data, {})
    evidence = load_evidence(data)
    assert all(stated(f) != "" for f in evidence.figures.values())


def test_stated_words_longer_than_200_characters_are_refused_naming_row_and_field(data):
    add_stated(data, {first_figure(data): "x" * 201})
    found = problems(data)
    assert found == ["data/figures.csv:2: stated: expected at most 200 characters, found 201"]


def test_a_control_character_in_stated_words_is_refused(data):
    add_stated(data, {first_figure(data): "several\x1bhundred"})
    found = problems(data)
    assert len(found) == 1
    assert "stated" in found[0] and "control characters" in found[0]
