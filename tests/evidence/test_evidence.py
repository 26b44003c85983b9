"""The evidence loader: a valid base loads whole; a bad one lists every problem, and only those.

Each bad case copies the small valid base in tests/fixtures/mini into tmp_path/data, breaks one
thing, and asserts the exact lines the analyst reads (file:line: field: message). The whole list
is compared, so a test also fails when one mistake is reported twice or cascades into others.
"""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import evidence
from factcheck.evidence import (
    EvidenceError,
    Problem,
    data_version,
    load_evidence,
    read_claim,
    summary,
)
from factcheck.vocabulary import read_vocabulary

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
CLAIM = "claims/casualties-6000.yaml"  # lines: 1 id, 2 claim, ... 7 metric, 8 comparator, 10 as_of
KNOWN_KEYS = (
    "id, claim, claimant, claim_date, appeared_in, kind, subject, metric, comparator, value, "
    "value_high, tolerance, event, period, as_of, hedge, originator, share, notes"
)
METRICS = (
    "announced_deployment, casualties, casualties_in_period, deployed, deployed_total, "
    "deployment_size, killed, killed_share, reinforcements, wounded"
)


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A copy of the valid mini base, as tmp_path/data (so problems read data/...)."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    return data


def problems(data: Path) -> list[str]:
    """What the analyst reads: one line per problem, in the order printed."""
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def set_cell(path: Path, row_id: str, column: str, value: str) -> None:
    """Change one cell of a CSV table, found by its row's id and its column's name."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    [row] = [r for r in rows[1:] if r and r[0] == row_id]
    row[rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def event_claim(extra: str = "") -> str:
    return (
        "id: casualties-6000\n"
        "claim: Russia confirms the troops.\n"
        "claimant: A headline\n"
        "claim_date: 2025-06-15\n"
        "appeared_in: [outlet-a]\n"
        "kind: event\n"
        "event: confirms-troops\n" + extra
    )


# --------------------------------------------------------------------------- valid bases


def test_real_data_base_validates():
    loaded = load_evidence(ROOT / "data")
    counts = [loaded.claims, loaded.figures, loaded.sources, loaded.originators, loaded.events]
    assert all(len(table) > 0 for table in counts)
    assert summary(loaded).startswith(f"OK: {len(loaded.claims)} claims, ")


def test_mini_fixture_validates_with_every_row():
    loaded = load_evidence(MINI)
    assert sorted(loaded.claims) == ["casualties-6000", "killed-6000"]
    assert len(loaded.figures) == 5
    assert len(loaded.sources) == 7
    assert len(loaded.originators) == 3
    assert len(loaded.events) == 1
    assert loaded.corrections == ()
    assert loaded.version == data_version(MINI)[0]
    assert summary(loaded) == (
        "OK: 2 claims, 5 figures, 7 sources, 3 originators, 1 events "
        f"(data version {loaded.version})"
    )


def test_read_claim_alone_gives_the_claim_and_the_line_of_each_key(tmp_path: Path):
    claim, found, lines = read_claim(MINI / CLAIM)
    assert (claim.id, found) == ("casualties-6000", [])
    assert (lines["id"], lines["metric"], lines["as_of"]) == (1, 7, 10)
    elsewhere = tmp_path / "draft.yaml"  # outside claims/, the id need not match the name
    elsewhere.write_text((MINI / CLAIM).read_text())
    assert read_claim(elsewhere)[0] == claim
    elsewhere.write_text("id: draft\n")
    assert [str(p) for p in read_claim(elsewhere, "draft.yaml")[1]][:1] == [
        "draft.yaml: claim: required field is empty or missing"
    ]


def test_missing_data_folder_is_one_problem(tmp_path: Path):
    assert problems(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: data folder not found; expected a folder with originators.csv, "
        "sources.csv, figures.csv, ..."
    ]


# --------------------------------------------------------------------------- reading files


def test_ragged_csv_row_names_file_line_and_field_count(base: Path):
    edit(base / "figures.csv", "nis-600,troops,killed,600,600,", "nis-600,troops,killed,600,")
    assert problems(base) == [
        "data/figures.csv:4: row has 10 fields; expected 11 "
        "(id,subject,metric,low,high,qualifier,refers_to,source,quote,hedge,notes)"
    ]


def test_unclosed_quote_names_the_line_where_the_row_starts(base: Path):
    edit(base / "figures.csv", '"including some 600 deaths"', '"including some 600 deaths')
    assert problems(base) == [
        "data/figures.csv:4: malformed CSV: ',' expected after '\"'; expected each quoted cell "
        'to end with " and any " inside it doubled ("")'
    ]


def test_line_numbers_count_cells_spanning_lines_and_blank_lines(base: Path):
    edit(base / "figures.csv", "casualties are estimated", "casualties are\nestimated")
    edit(base / "figures.csv", "\nnis-600,", "\n\n\nnis-600,")
    set_cell(base / "figures.csv", "nis-600", "qualifier", "roughly")
    assert problems(base) == [
        "data/figures.csv:7: qualifier: expected one of 'exact', 'approximately', 'at least', "
        "'more than' or 'up to'; found 'roughly'"
    ]


def test_bad_utf8_names_the_byte_its_offset_and_line(base: Path):
    (base / "subjects.csv").write_bytes(b"id,name,description\ntroops,Nord\xe9 troops,x\n")
    # only this problem: the figures and claims that name 'troops' are not blamed for it
    assert problems(base) == [
        "data/subjects.csv:2: not UTF-8 text: byte 0xe9 at offset 31; save the file as UTF-8"
    ]


def test_byte_order_mark_is_accepted(base: Path):
    path = base / "subjects.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_evidence(base).subjects["troops"].name == "North Korean troops in Russia"


def test_nul_byte_in_csv_names_its_line(base: Path):
    (base / "subjects.csv").write_bytes(b"id,name,description\ntroops,North\x00 Korean,x\n")
    assert problems(base) == ["data/subjects.csv:2: contains a NUL byte; expected plain text"]


def test_nul_byte_in_claim_names_its_line(base: Path):
    edit(base / CLAIM, "claimant: UK Defence Intelligence", "claimant: UK\x00")
    assert problems(base) == [f"data/{CLAIM}:3: contains a NUL byte; expected plain text"]


def test_empty_csv_file_is_one_problem(base: Path):
    (base / "subjects.csv").write_text("")
    assert problems(base) == ["data/subjects.csv: file is empty; expected at least a header row"]


def test_empty_claim_file_asks_for_a_mapping(base: Path):
    (base / CLAIM).write_text("\n  \n")
    assert problems(base) == [
        f"data/{CLAIM}: file is empty; expected a mapping of keys (id: ..., claim: ...)"
    ]


def test_missing_file_is_one_problem(base: Path):
    (base / "subjects.csv").unlink()
    assert problems(base) == ["data/subjects.csv: file is missing (expected it to exist)"]


def test_no_claim_files(base: Path):
    shutil.rmtree(base / "claims")
    assert problems(base) == ["data/claims: no claim files; expected data/claims/<id>.yaml"]


def test_claim_saved_as_yml_is_not_silently_skipped(base: Path):
    (base / CLAIM).rename(base / "claims" / "casualties-6000.yml")
    assert problems(base) == [
        "data/claims/casualties-6000.yml: expected the extension .yaml, found .yml; "
        "rename it casualties-6000.yaml"
    ]


def test_file_over_the_size_limit_is_refused_unread(base: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(evidence, "MAX_FILE_BYTES", 2_000)  # every mini file is smaller
    path = base / CLAIM
    path.write_text(path.read_text() + "# " + "x" * 2_000 + "\n")
    size = path.stat().st_size
    assert problems(base) == [f"data/{CLAIM}: file is {size:,} bytes; expected at most 2,000"]


# --------------------------------------------------------------------------- CSV headers


def test_header_missing_a_required_column(base: Path):
    (base / "subjects.csv").write_text("id,description\ntroops,Fixture subject.\n")
    assert problems(base) == [
        "data/subjects.csv:1: header: missing column(s) name; "
        "expected the columns id,name,description"
    ]


def test_header_with_an_unknown_column(base: Path):
    (base / "subjects.csv").write_text("id,name,colour\ntroops,North Korean troops,red\n")
    assert problems(base) == [
        "data/subjects.csv:1: header: unknown column(s) colour; "
        "expected the columns id,name,description"
    ]


def test_header_with_a_repeated_and_a_blank_column(base: Path):
    (base / "subjects.csv").write_text("id,name,name,\ntroops,North Korean troops,x,\n")
    assert problems(base) == [
        "data/subjects.csv:1: header: unknown column(s) (blank); column(s) name appear twice; "
        "expected the columns id,name,description"
    ]


# --------------------------------------------------------------------------- values in a row


def test_impossible_date_in_csv(base: Path):
    set_cell(base / "figures.csv", "nis-600", "refers_to", "2025-13-40")
    assert problems(base) == [
        "data/figures.csv:4: refers_to: expected a real date as YYYY-MM-DD "
        "(month must be in 1..12); found '2025-13-40'"
    ]


@pytest.mark.parametrize("written", ["2025-13-40", "'2025-13-40'", '"2025-13-40"'])
def test_impossible_date_in_claim_quoted_or_not(base: Path, written: str):
    edit(base / CLAIM, "claim_date: 2025-06-15", f"claim_date: {written}")
    assert problems(base) == [
        f"data/{CLAIM}:4: claim_date: expected a real date as YYYY-MM-DD "
        "(month must be in 1..12); found '2025-13-40'"
    ]


def test_date_given_as_a_number_is_not_read_as_1970(base: Path):
    set_cell(base / "figures.csv", "nis-600", "refers_to", "0")
    edit(base / CLAIM, "claim_date: 2025-06-15", "claim_date: 20250615")
    assert problems(base) == [
        f"data/{CLAIM}:4: claim_date: expected a date as YYYY-MM-DD; found 20250615",
        "data/figures.csv:4: refers_to: expected a date as YYYY-MM-DD; found '0'",
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://a.example/di"])
def test_url_other_than_http_is_refused_without_cascade(base: Path, url: str):
    set_cell(base / "sources.csv", "outlet-a", "url", url)
    # outlet-a is named by a figure, a claim and outlet-b: none of them is blamed as well
    assert problems(base) == [
        f"data/sources.csv:3: url: expected an http:// or https:// URL; found {url!r}"
    ]


@pytest.mark.parametrize("quote", ["", "   "])
def test_empty_quote(base: Path, quote: str):
    set_cell(base / "figures.csv", "nis-600", "quote", quote)
    assert problems(base) == ["data/figures.csv:4: quote: required field is empty or missing"]


def test_unknown_metric_in_a_figure(base: Path):
    set_cell(base / "figures.csv", "nis-600", "metric", "deaths")
    declared = ", ".join(sorted(read_vocabulary(base / "metrics.csv").metrics))
    assert declared == METRICS
    assert problems(base) == [
        "data/figures.csv:4: metric: unknown metric 'deaths'; "
        f"expected a metric declared in data/metrics.csv: {declared}"
    ]


def test_unknown_metric_in_a_claim(base: Path):
    edit(base / CLAIM, "metric: casualties", "metric: deaths")
    assert problems(base) == [
        f"data/{CLAIM}:7: metric: unknown metric 'deaths'; "
        f"expected a metric declared in data/metrics.csv: {METRICS}"
    ]


def test_unknown_qualifier(base: Path):
    set_cell(base / "figures.csv", "nis-600", "qualifier", "roughly")
    assert problems(base) == [
        "data/figures.csv:4: qualifier: expected one of 'exact', 'approximately', 'at least', "
        "'more than' or 'up to'; found 'roughly'"
    ]


def test_number_with_a_thousands_separator(base: Path):
    set_cell(base / "figures.csv", "nis-600", "high", "1,600")
    assert problems(base) == ["data/figures.csv:4: high: expected a whole number; found '1,600'"]


def test_low_above_high(base: Path):
    set_cell(base / "figures.csv", "nis-600", "low", "700")
    assert problems(base) == [
        "data/figures.csv:4: low: expected low <= high, found low 700 > high 600"
    ]


def test_bad_id_says_what_an_id_looks_like(base: Path):
    set_cell(base / "figures.csv", "nis-600", "subject", "Troops_1")
    assert problems(base) == [
        "data/figures.csv:4: subject: expected an id of lowercase letters, digits and single hyphens, "
        "like nis-brief; found 'Troops_1'"
    ]


def test_duplicate_ids_name_the_first_line(base: Path):
    set_cell(base / "figures.csv", "nis-600", "id", "nis-4700")
    assert problems(base) == [
        "data/figures.csv:4: id: duplicate id 'nis-4700'; first used on line 3"
    ]


# --------------------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            lambda data: set_cell(data / "sources.csv", "nis-brief", "originator", "kr-nsi"),
            "data/sources.csv:6: originator: unknown originator 'kr-nsi'; "
            "expected an id from originators",
            id="source-originator",
        ),
        pytest.param(
            lambda data: set_cell(data / "figures.csv", "nis-600", "source", "nis-breif"),
            "data/figures.csv:4: source: unknown source 'nis-breif'; expected an id from sources",
            id="figure-source",
        ),
        pytest.param(
            lambda data: set_cell(data / "figures.csv", "nis-600", "subject", "troopz"),
            "data/figures.csv:4: subject: unknown subject 'troopz'; expected an id from subjects",
            id="figure-subject",
        ),
        pytest.param(
            lambda data: edit(data / CLAIM, "[outlet-a]", "[outlet-a, outlet-z]"),
            f"data/{CLAIM}:5: appeared_in: unknown source 'outlet-z'; expected an id from sources",
            id="claim-appeared-in",
        ),
        pytest.param(
            lambda data: edit(data / CLAIM, "subject: troops", "subject: troopz"),
            f"data/{CLAIM}:6: subject: unknown subject 'troopz'; expected an id from subjects",
            id="claim-subject",
        ),
        pytest.param(
            lambda data: (data / CLAIM).write_text(
                event_claim().replace("confirms-troops", "denies-troops")
            ),
            f"data/{CLAIM}:7: event: unknown event type 'denies-troops'; "
            "expected one of: confirms-troops",
            id="claim-event-type",
        ),
        pytest.param(
            lambda data: set_cell(data / "sources.csv", "outlet-b", "derived_from", "outlet-z"),
            "data/sources.csv:4: derived_from: unknown source 'outlet-z'; "
            "expected an id from sources",
            id="derived-from",
        ),
        pytest.param(
            lambda data: (data / "corrections.csv").write_text(
                "date,claim,description\n2025-07-01,casualties-600,Fixed a typo.\n"
            ),
            "data/corrections.csv:2: claim: unknown claim 'casualties-600'; "
            "expected a claim id or 'all'",
            id="correction-claim",
        ),
    ],
)
def test_unknown_reference_names_the_id_and_where_it_should_be(base: Path, change, expected):
    change(base)
    assert problems(base) == [expected]


def test_derived_from_itself(base: Path):
    set_cell(base / "sources.csv", "outlet-b", "derived_from", "outlet-b")
    assert problems(base) == [
        "data/sources.csv:4: derived_from: expected another source's id, found its own id 'outlet-b'"
    ]


def test_derived_from_cycle_is_reported_once_from_its_first_id(base: Path):
    set_cell(base / "sources.csv", "outlet-a", "derived_from", "outlet-b")  # outlet-b -> outlet-a
    assert problems(base) == [
        "data/sources.csv:3: derived_from: expected a chain that ends at an original document, "
        "found a cycle: outlet-a -> outlet-b -> outlet-a"
    ]


def test_figure_dated_after_its_source_was_published(base: Path):
    set_cell(base / "figures.csv", "nis-600", "refers_to", "2025-05-30")
    assert problems(base) == [
        "data/figures.csv:4: refers_to: expected a date on or before its source's publication "
        "2025-04-30, found 2025-05-30"
    ]


def test_source_published_after_it_was_accessed(base: Path):
    set_cell(base / "sources.csv", "nis-sept", "accessed", "2025-08-25")
    assert problems(base) == [
        "data/sources.csv:8: published: expected a date on or before accessed 2025-08-25, "
        "found 2025-09-02"
    ]


def test_figure_whose_source_is_unverified(base: Path):
    set_cell(base / "sources.csv", "zel-post", "status", "unverified")
    assert problems(base) == [
        "data/figures.csv:5: source: source 'zel-post' is unverified; "
        "a figure needs a verified source with a URL"
    ]


def test_reference_to_a_broken_claim_file_is_not_blamed_twice(base: Path):
    (base / "corrections.csv").write_text(
        "date,claim,description\n2025-07-01,casualties-6000,Fixed a typo.\n"
    )
    edit(base / CLAIM, "value: 6000", "value: lots")
    assert problems(base) == [f"data/{CLAIM}:9: value: expected a number; found 'lots'"]


# --------------------------------------------------------------------------- claim files


def test_claim_id_differs_from_its_file_name(base: Path):
    edit(base / CLAIM, "id: casualties-6000", "id: casualties-7000")
    assert problems(base) == [
        f"data/{CLAIM}:1: id: expected the file name's id 'casualties-6000', "
        "found 'casualties-7000'"
    ]


def test_claim_missing_a_required_key(base: Path):
    edit(base / CLAIM, "claimant: UK Defence Intelligence\n", "")
    assert problems(base) == [f"data/{CLAIM}: claimant: required field is empty or missing"]


def test_quantity_claim_missing_its_metric(base: Path):
    edit(base / CLAIM, "metric: casualties\n", "")
    assert problems(base) == [
        f"data/{CLAIM}: metric: required for a claim of kind: quantity (the default); found none"
    ]


def test_claim_with_an_unknown_key_lists_the_known_ones(base: Path):
    edit(base / CLAIM, "as_of:", "colour: red\nas_of:")
    assert problems(base) == [
        f"data/{CLAIM}:10: colour: not a known key; expected one of: {KNOWN_KEYS}"
    ]


def test_claim_with_a_key_written_twice(base: Path):
    (base / CLAIM).write_text((base / CLAIM).read_text() + "value: 7000\n")
    assert problems(base) == [
        f"data/{CLAIM}:11: value: key appears twice (first on line 9); expected each key once"
    ]


def test_tolerance_with_a_comparator_other_than_about(base: Path):
    edit(base / CLAIM, "as_of:", "tolerance: 0.2\nas_of:")
    assert problems(base) == [
        f"data/{CLAIM}:10: tolerance: expected only with the comparator ~; found the comparator '>'"
    ]


def test_event_claim_with_a_metric(base: Path):
    (base / CLAIM).write_text(event_claim("metric: killed\n"))
    assert problems(base) == [
        f"data/{CLAIM}:8: metric: expected no metric in a claim of kind: event; found 'killed'"
    ]


def test_event_claim_loads(base: Path):
    (base / CLAIM).write_text(event_claim())
    assert load_evidence(base).claims["casualties-6000"].event == "confirms-troops"


def test_yaml_python_tag_is_refused_and_never_executed(base: Path, tmp_path: Path):
    marker = tmp_path / "executed"
    (base / CLAIM).write_text(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    assert problems(base) == [
        f"data/{CLAIM}:1: YAML tag !!python/object/apply:os.system is refused; "
        "expected plain text, numbers, lists and mappings"
    ]
    assert not marker.exists()


def test_yaml_nested_1000_levels_deep_in_flow_style(base: Path):
    (base / CLAIM).write_text("id: " + "[" * 1000 + "]" * 1000 + "\n")
    assert problems(base) == [
        f"data/{CLAIM}:1: YAML nested deeper than 20 levels; expected a flat mapping of keys"
    ]


def test_yaml_nested_1000_levels_deep_in_block_style(base: Path):
    (base / CLAIM).write_text("".join(" " * i + "k:\n" for i in range(1000)) + " " * 1000 + "v\n")
    assert problems(base) == [
        f"data/{CLAIM}:21: YAML nested deeper than 20 levels; expected a flat mapping of keys"
    ]


def test_yaml_alias_bomb_is_judged_without_expanding_it(base: Path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    (base / CLAIM).write_text((base / CLAIM).read_text() + "\n".join(lines) + "\n")
    started = time.perf_counter()
    found = problems(base)  # 10**10 items if expanded: this used to take hours
    assert time.perf_counter() - started < 5
    assert found[0] == f"data/{CLAIM}:11: a0: not a known key; expected one of: {KNOWN_KEYS}"
    assert len(found) == 10


def test_yaml_list_instead_of_a_mapping(base: Path):
    (base / CLAIM).write_text("- id: casualties-6000\n- claim: More than 6,000.\n")
    assert problems(base) == [
        f"data/{CLAIM}:1: expected a mapping of keys (id: ..., claim: ...), found list"
    ]


def test_yaml_syntax_error_names_its_line(base: Path):
    edit(base / CLAIM, 'comparator: ">"', 'comparator: ">')
    assert problems(base) == [f"data/{CLAIM}:11: not valid YAML: found unexpected end of stream"]


def test_yaml_key_that_is_not_text(base: Path):
    (base / CLAIM).write_text((base / CLAIM).read_text() + "1: one\n")
    assert problems(base) == [f"data/{CLAIM}: expected keys of text, like id:, found the key 1"]


# --------------------------------------------------------------------------- the whole base


def test_all_problems_are_reported_at_once_sorted_by_file_and_line(base: Path):
    set_cell(base / "sources.csv", "outlet-c", "url", "ftp://c.example/di")
    set_cell(base / "figures.csv", "zel-3800", "low", "4000")
    set_cell(base / "figures.csv", "nis-600", "qualifier", "roughly")
    edit(base / CLAIM, "as_of:", "colour: red\nas_of:")
    assert problems(base) == [
        f"data/{CLAIM}:10: colour: not a known key; expected one of: {KNOWN_KEYS}",
        "data/figures.csv:4: qualifier: expected one of 'exact', 'approximately', 'at least', "
        "'more than' or 'up to'; found 'roughly'",
        "data/figures.csv:5: low: expected low <= high, found low 4000 > high 3800",
        "data/sources.csv:5: url: expected an http:// or https:// URL; found 'ftp://c.example/di'",
    ]


def test_failed_load_returns_nothing(base: Path):
    set_cell(base / "figures.csv", "nis-600", "low", "700")
    loaded = None
    with pytest.raises(EvidenceError):
        loaded = load_evidence(base)
    assert loaded is None


def test_evidence_error_counts_its_problems_then_lists_them_indented():
    one = EvidenceError([Problem("data/a.csv", 2, "id", "bad")])
    assert str(one) == "1 problem in the evidence:\n  data/a.csv:2: id: bad"
    three = EvidenceError(
        [
            Problem("data/b.csv", None, None, "file is missing"),
            Problem("data/a.csv", 9, "low", "too low"),
            Problem("data/a.csv", 3, None, "ragged"),
        ]
    )
    assert str(three).splitlines() == [
        "3 problems in the evidence:",
        "  data/a.csv:3: ragged",
        "  data/a.csv:9: low: too low",
        "  data/b.csv: file is missing",
    ]


def test_the_same_problem_is_listed_once():
    problem = Problem("data/a.csv", 2, "id", "bad")
    assert (
        str(EvidenceError([problem, problem]))
        == "1 problem in the evidence:\n  data/a.csv:2: id: bad"
    )


# --------------------------------------------------------------------------- any bytes at all

ANY_BYTES = st.one_of(
    st.binary(max_size=600),
    st.text(st.sampled_from(list("ab1-,:;\"'\n\r\t []{}&*!#|>%@?\x00é")), max_size=300).map(
        str.encode
    ),
)
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(content=ANY_BYTES)
def test_any_bytes_as_figures_csv_give_problems_not_tracebacks(base: Path, content: bytes):
    (base / "figures.csv").write_bytes(content)
    try:
        load_evidence(base)
    except EvidenceError as err:
        assert str(err).splitlines()[0].endswith("in the evidence:")


@FUZZ
@given(content=ANY_BYTES)
def test_any_bytes_as_a_claim_give_problems_not_tracebacks(base: Path, content: bytes):
    (base / CLAIM).write_bytes(content)
    try:
        load_evidence(base)
    except EvidenceError as err:
        assert str(err).splitlines()[0].endswith("in the evidence:")


# --------------------------------------------------------------------------- two YAML parsers

needs_libyaml = pytest.mark.skipif(
    evidence._FastLoader is None, reason="this PyYAML was built without libyaml"
)


def read_with(loader: type | None, path: Path, shown: str):
    """read_claim with libyaml's parser first (`loader` _FastLoader) or without it (None)."""
    saved = evidence._FastLoader
    evidence._FastLoader = loader
    try:
        return read_claim(path, shown)
    finally:
        evidence._FastLoader = saved


@needs_libyaml
def test_libyaml_reads_every_claim_file_in_the_project_as_the_python_parser_does():
    fast = evidence._FastLoader
    files = sorted([*ROOT.glob("data/claims/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")])
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert evidence._claim_from_text(text, path, "x", fast) == evidence._claim_from_text(
            text, path, "x", evidence._Loader
        ), path
        assert read_with(fast, path, "x") == read_with(None, path, "x"), path


# A valid claim file with a few characters put in somewhere: most still parse, some in ways a
# YAML parser may read differently (tabs, quotes, escapes, Unicode line ends).
EDITED_CLAIM = st.tuples(
    st.integers(min_value=0, max_value=len((MINI / CLAIM).read_text(encoding="utf-8"))),
    st.text(st.sampled_from(list("ab1 -:#\"'\\\t\n\r[]{}&*!|>é\u2028\x85\ufeff")), max_size=6),
).map(
    lambda edit: (
        (text := (MINI / CLAIM).read_text(encoding="utf-8"))[: edit[0]] + edit[1] + text[edit[0] :]
    ).encode()
)


@needs_libyaml
@FUZZ
@given(content=st.one_of(ANY_BYTES, EDITED_CLAIM))
@example(  # libyaml reads a tab before the colon, the Python parser refuses it (found by this test)
    content=(MINI / CLAIM).read_bytes().replace(b"subject:", b"subject\t:")
)
@example(content=(MINI / CLAIM).read_bytes().replace(b"\n", b"\r\n"))
def test_whatever_a_claim_file_holds_its_reading_does_not_depend_on_libyaml(
    base: Path, content: bytes
):
    """A file libyaml reads without a problem gives the claim the Python parser gives; any
    other is read again by the Python parser, so its problems are worded the same either way."""
    path = base / CLAIM
    path.write_bytes(content)
    assert read_with(evidence._FastLoader, path, CLAIM) == read_with(None, path, CLAIM)


# --------------------------------------------------------------------------- data version


def test_data_version_depends_on_content_not_on_the_folder(tmp_path: Path):
    first, second = tmp_path / "one" / "data", tmp_path / "two" / "elsewhere"
    shutil.copytree(MINI, first)
    shutil.copytree(MINI, second)
    assert data_version(first) == data_version(second)
    assert load_evidence(first).version == load_evidence(second).version == data_version(MINI)[0]


def test_a_batch_lists_the_data_once_and_gets_each_claims_own_version(base: Path, monkeypatch):
    """Every claim's version from one listing of data/ is the version data_version gives it:
    the tables and the claim's own files, never another claim's (a claim's notes, a file in a
    folder under claims/, a claim whose id starts another's)."""
    from factcheck import fingerprint

    claims = base / "claims"
    (claims / "casualties-6000.md").write_text("Notes on this claim.\n")
    (claims / "casualties-60000.yaml").write_text((claims / "casualties-6000.yaml").read_text())
    (claims / "drafts").mkdir()
    (claims / "drafts" / "casualties-6000.yaml").write_text("id: draft\n")
    (base / "notes.md").write_text("About the data.\n")
    listed = []
    real = fingerprint.data_files
    monkeypatch.setattr(fingerprint, "data_files", lambda *args: listed.append(args) or real(*args))
    hashes = fingerprint.FileHashes()
    ids = ["casualties-6000", "casualties-60000", "killed-6000", "no-such-claim", None]
    versions = {claim_id: hashes.version(base, claim_id) for claim_id in ids}
    assert len(listed) == 1
    monkeypatch.setattr(fingerprint, "data_files", real)
    for claim_id in ids:
        assert versions[claim_id] == data_version(base, claim_id)[0], claim_id
        assert hashes.files(base, claim_id) == real(base, claim_id), claim_id


def test_data_version_changes_when_one_byte_changes(base: Path):
    before = data_version(base)
    edit(base / "subjects.csv", "Fixture subject.", "Fixture subject!")
    after = data_version(base)
    assert after[0] != before[0]
    assert after[1] == before[1]  # the same files
