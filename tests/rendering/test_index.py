"""reports/index.html as a reader's entry point: per claim the claim (a link), who made it,
the rating with a key of the one scale, one line of why and the date the check was published,
all taken from each report's own files and escaped."""

from __future__ import annotations

import json
import re

import pytest

from factcheck import wording
from factcheck.paths import PACKAGE_DIR
from factcheck.rendering.index import scale_key, write_index
from factcheck.scales import LABELS

HOSTILE = '<script>alert(1)</script> & "quoted" <b>bold</b>'


def _report(reports, claim_id, label="mostly-true", why=None, claimant="UK Defence Intelligence"):
    folder = reports / claim_id
    folder.mkdir(parents=True)
    verdict = {
        "claim": f"Claim {claim_id} {HOSTILE}",
        "label": label,
        "label_name": LABELS[label].name,
        "as_of": "2025-06-30",
        "summary": "The summary sentence.",
        "why": ["First why sentence." if why is None else why, "Second why sentence."],
    }
    (folder / "verdict.json").write_text(json.dumps(verdict), encoding="utf-8")
    review = {"itemReviewed": {"author": {"name": claimant}}} if claimant else {"itemReviewed": {}}
    (folder / "claimreview.jsonld").write_text(json.dumps(review), encoding="utf-8")
    (folder / f"{claim_id}.html").write_text("page", encoding="utf-8")
    (folder / f"{claim_id}.pdf").write_bytes(b"%PDF")
    return verdict


@pytest.fixture
def index(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_PUBLISHER", raising=False)
    _report(tmp_path, "one-claim", "true")
    _report(tmp_path, "two-claim", "mostly-true", why=HOSTILE, claimant=HOSTILE)
    _report(tmp_path, "three-claim", "unproven", why="", claimant="")
    write_index(tmp_path, ["one-claim", "two-claim", "three-claim", "not-rendered"])
    return (tmp_path / "index.html").read_text(encoding="utf-8")


def _items(index: str) -> list[str]:
    return re.findall(r'<li class="index__item">(.*?)</li>', index, re.S)


def test_each_claim_is_a_link_with_its_claimant_rating_why_and_date(index):
    one = _items(index)[0]
    assert re.search(r'<a href="one-claim/one-claim.html">Claim one-claim ', one)
    assert f"{wording.INDEX_CLAIMANT}: UK Defence Intelligence" in one
    assert '<span class="rating rating--true">True</span>' in one
    assert "First why sentence." in one and "Second why sentence." not in one
    assert "Published 30 June 2025, with the evidence public by that day" in one
    assert 'href="one-claim/one-claim.pdf"' in one


def test_why_is_the_verdict_s_first_sentence_else_its_summary_never_recomputed(index):
    three = _items(index)[2]
    assert "The summary sentence." in three
    assert f"{wording.INDEX_CLAIMANT}: {wording.CLAIMANT_NOT_RECORDED}" in three
    assert wording.INDEX_NOT_PUBLISHED in _items(index)[3]


def test_data_text_is_escaped_everywhere(index):
    assert "<script>alert" not in index and "<b>bold</b>" not in index
    assert index.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # claims, claimant, why


def test_the_key_lists_the_one_scale_in_order_with_its_meanings(index):
    key = re.search(r'<section class="scale-key".*?</section>', index, re.S).group(0)
    names = re.findall(r'<dt class="rating rating--([a-z-]+)">(.*?)</dt>', key)
    assert [label for label, _ in names] == list(wording.RATING_ORDER)
    assert set(wording.RATING_ORDER) == set(LABELS)
    for label, name in names:
        assert name == LABELS[label].name
        assert f"<dd>{wording.RATING_MEANINGS[label]}</dd>" in key
    assert [k["label"] for k in scale_key()] == list(wording.RATING_ORDER)


def test_without_a_publisher_the_index_names_none(index, tmp_path, monkeypatch):
    assert "<title>Fact checks</title>" in index and "factcheck" not in index.lower().replace(
        "factcheck reader stylesheet", ""
    )
    monkeypatch.setenv("FACTCHECK_PUBLISHER", "The <Desk>")
    write_index(tmp_path, ["one-claim"])
    assert "<title>Fact checks by The &lt;Desk&gt;</title>" in (tmp_path / "index.html").read_text()


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_each_rating_has_its_own_colour_with_accessible_contrast():
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", css))
    ratings = {label: colours[label] for label in wording.RATING_ORDER}
    assert len(set(ratings.values())) == len(ratings), ratings  # True and Mostly true differ
    for label, colour in ratings.items():
        contrast = 1.05 / (_luminance(colour) + 0.05)  # white text on the badge
        assert contrast >= 4.5, f"{label}: {colour} gives {contrast:.2f}:1"
        assert f".rating--{label} {{ background: var(--{label}); }}" in css


def _record_index_fields(folder, fields):
    """The build record a render writes: the hash of each file and the index's fields."""
    from factcheck.fingerprint import BUILD_FILE, build_record

    outputs = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    (folder / BUILD_FILE).write_bytes(build_record("inputs", outputs, fields))


def test_the_index_takes_a_verdicts_fields_from_the_build_record_without_parsing_it(tmp_path):
    """A verdict.json of tens of megabytes (a claim over thousands of figures) is not parsed:
    here it is not even JSON, and the row still shows the fields the render recorded."""
    from factcheck.rendering.index import index_fields

    verdict = _report(tmp_path, "big-claim", "false", why="Recorded why.")
    (tmp_path / "big-claim" / "verdict.json").write_bytes(b"{not json, but the recorded bytes")
    _record_index_fields(tmp_path / "big-claim", index_fields(verdict))
    write_index(tmp_path, ["big-claim"])
    row = _items((tmp_path / "index.html").read_text(encoding="utf-8"))[0]
    assert '<span class="rating rating--false">False</span>' in row and "Recorded why." in row


def test_a_verdict_json_changed_since_its_build_record_is_read_itself(tmp_path):
    from factcheck.rendering.index import index_fields

    recorded = _report(tmp_path, "one-claim", "true", why="Stale why.")
    _record_index_fields(tmp_path / "one-claim", index_fields(recorded))
    now = {**recorded, "label": "false", "label_name": LABELS["false"].name, "why": ["New why."]}
    (tmp_path / "one-claim" / "verdict.json").write_text(json.dumps(now), encoding="utf-8")
    write_index(tmp_path, ["one-claim"])
    row = _items((tmp_path / "index.html").read_text(encoding="utf-8"))[0]
    assert "New why." in row and "Stale why." not in row
    assert '<span class="rating rating--false">False</span>' in row


def test_a_build_record_with_other_index_fields_is_not_trusted(tmp_path):
    """A record from another version of factcheck (other fields) falls back to verdict.json."""
    _report(tmp_path, "one-claim", "true", why="The file's why.")
    _record_index_fields(tmp_path / "one-claim", {"label": "false"})
    write_index(tmp_path, ["one-claim"])
    row = _items((tmp_path / "index.html").read_text(encoding="utf-8"))[0]
    assert "The file&#39;s why." in row and "rating--true" in row


def test_a_report_the_last_batch_left_untouched_is_listed_without_reading_its_files(
    tmp_path, monkeypatch
):
    """`checked` (uptodate.as_last_batch_left: size, time and inode as the last complete batch
    saw them after hashing them): the record's fields are shown and no file is hashed."""
    from factcheck.rendering import index

    verdict = _report(tmp_path, "one-claim", "true", why="Recorded why.")
    _record_index_fields(tmp_path / "one-claim", index.index_fields(verdict))
    hashed = []
    monkeypatch.setattr(index, "file_sha256", lambda path: hashed.append(path) or "")
    write_index(tmp_path, ["one-claim"], checked={"one-claim"})
    assert hashed == []
    assert "Recorded why." in _items((tmp_path / "index.html").read_text(encoding="utf-8"))[0]
    write_index(tmp_path, ["one-claim"])  # unchecked: hashed (and, here, read again)
    assert hashed == [tmp_path / "one-claim" / "verdict.json"]
