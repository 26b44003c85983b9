"""Text from data is text, not code (issue 14, "Text that is not code").

Control characters (C0, DEL, C1) are refused in every text field, naming file, row and field;
tab and newline may stay only in long prose (notes, quotes, summaries). An explicit YAML tag
(`!!binary`, `!!str`, `!custom`) in a claim file is refused instead of becoming text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from data_base import copy_base, problems

from factcheck.evidence import load_evidence

CLAIM = "claims/losses-4000.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_base(tmp_path)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row 1 is the first data row), written through the csv module."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def refused(code: int, at: int, found: str) -> str:
    why = "; tab and newline only in notes and quotes" if code in (9, 10, 13) else ""
    return (
        f"expected text without control characters (U+{code:04X} at character {at}{why}); "
        f"found {found!r}"
    )


@pytest.mark.parametrize(
    ("table", "column", "line"),
    [
        ("originators.csv", "name", 2),
        ("originators.csv", "notes", 2),
        ("subjects.csv", "name", 2),
        ("subjects.csv", "description", 2),
        ("sources.csv", "outlet", 2),
        ("sources.csv", "title", 2),
        ("sources.csv", "reliability_reason", 2),
        ("sources.csv", "notes", 2),
        ("figures.csv", "quote", 2),
        ("figures.csv", "notes", 2),
        ("events.csv", "summary", 2),
        ("events.csv", "quote", 2),
    ],
)
@pytest.mark.parametrize("code", [0x1B, 0x07, 0x7F, 0x9B, 0x85])
def test_control_character_in_any_table_text_is_refused(data, table, column, line, code):
    set_cell(data / table, 1, column, f"ab{chr(code)}c")
    found = refused(code, 3, f"ab{chr(code)}c")
    assert problems(data) == [f"data/{table}:{line}: {column}: {found}"]


def test_control_character_in_a_url_is_refused(data):
    set_cell(data / "sources.csv", 1, "url", "https://a.example/\x1b[31m")
    found = refused(0x1B, 19, "https://a.example/\x1b[31m")
    assert problems(data) == [f"data/sources.csv:2: url: {found}"]


@pytest.mark.parametrize("column", ["notes", "reliability_reason"])
def test_prose_may_hold_tabs_and_line_breaks(data, column):
    set_cell(data / "sources.csv", 1, column, "first line\n\tsecond line")
    assert load_evidence(data).sources["report"] is not None


@pytest.mark.parametrize("column", ["outlet", "title"])
def test_a_line_break_in_a_name_or_title_is_refused(data, column):
    set_cell(data / "sources.csv", 1, column, "Outlet\nA")
    found = refused(10, 7, "Outlet\nA")
    assert problems(data) == [f"data/sources.csv:2: {column}: {found}"]


@pytest.mark.parametrize(
    ("key", "line", "written"),
    [
        ("claim", 2, '"About 4,000 \\e[2J casualties."'),
        ("claimant", 3, '"A \\x9b newspaper"'),
        ("notes", 11, '"a bell \\a here"'),
    ],
)
def test_control_character_in_a_claim_file_names_file_line_and_key(data, key, line, written):
    path = data / CLAIM
    text = path.read_text()
    if key == "notes":
        text += f"notes: {written}\n"
    else:
        text = "\n".join(
            f"{key}: {written}" if row.startswith(f"{key}:") else row for row in text.splitlines()
        )
    path.write_text(text + ("" if text.endswith("\n") else "\n"))
    [problem] = problems(data)
    assert problem.startswith(
        f"data/{CLAIM}:{line}: {key}: expected text without control characters"
    )


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("!!binary SGVsbG8=", "!!binary"),
        ("!!str About 4,000 casualties.", "!!str"),
        ("!custom About", "!custom"),
        ("!!python/object:os.system x", "!!python/object:os.system"),
    ],
)
def test_an_explicit_yaml_tag_in_a_claim_is_refused(data, written, tag):
    path = data / CLAIM
    path.write_text(
        path.read_text().replace('claim: "About 4,000 casualties."', f"claim: {written}")
    )
    assert problems(data) == [
        f"data/{CLAIM}:2: YAML tag {tag} is refused; expected plain text, numbers, lists and mappings"
    ]


def test_a_tagged_mapping_is_refused_too(data):
    path = data / CLAIM
    path.write_text("--- !!map\n" + path.read_text())
    assert problems(data) == [
        f"data/{CLAIM}:1: YAML tag !!map is refused; expected plain text, numbers, lists and mappings"
    ]


@pytest.mark.parametrize("code", [0x202E, 0x2066, 0x2028])
def test_bidi_overrides_and_invisible_line_separators_are_refused(data, code):
    set_cell(data / "subjects.csv", 1, "name", f"ab{chr(code)}c")
    [problem] = problems(data)
    assert problem.startswith(
        f"data/subjects.csv:2: name: expected text without control characters (U+{code:04X} "
    )


def test_a_control_character_in_a_key_or_file_name_is_shown_escaped(data):
    path = data / CLAIM
    path.write_text(path.read_text() + '"\\e[2J": x\n')
    (data / "claims" / "bad\x1bname.yaml").write_text("id: x\n")
    printed = problems(data)
    assert not any("\x1b" in line for line in printed)
    assert any("\\x1b[2J" in line for line in printed)
    assert any("claims/bad\\x1bname.yaml" in line for line in printed)


def test_a_very_long_tag_is_shortened_in_the_message(data):
    path = data / CLAIM
    path.write_text(path.read_text().replace("claim: ", "claim: !" + "x" * 5000 + " ", 1))
    [problem] = problems(data)
    assert problem == (
        f"data/{CLAIM}:2: YAML tag !{'x' * 56}... is refused; "
        "expected plain text, numbers, lists and mappings"
    )


def test_the_fast_control_scan_refuses_exactly_the_characters_is_control_names():
    """The validators scan with one regex before looking character by character; over every
    code point it must agree with is_control, or a control would pass (or a letter fail)."""
    from factcheck.schema import _ANY_CONTROL, is_control

    assert [
        hex(code)
        for code in range(0x110000)
        if bool(_ANY_CONTROL.match(chr(code))) != is_control(chr(code))
    ] == []
