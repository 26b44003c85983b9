"""The benchmark's pure pieces work (scripts/bench.py): its tables, its rules, its inputs.

Nothing here is timed: `make bench` measures; these tests only keep its arithmetic, its row
selection and the batch data it writes honest, on small hand-written inputs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:  # bench.py imports synthetic_base from its own folder
    sys.path.insert(0, str(SCRIPTS))
spec = importlib.util.spec_from_file_location("bench", SCRIPTS / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def _row(rows, name):
    return next(row for row in rows if row[0] == name)


def test_each_target_is_judged_against_its_limit_from_the_medians():
    medians = {"html": 2.0, "floor": 1.0, "peer": 4.0, "html_pdf": 3.5, "chart_echoes": 0.15,
               "chart_share": 0.25, "assess_calls": 1.0, "assess_render": 1.0,
               "assess_kernel": 0.0, "batch_20": 30.0, "cold_20": 120.0, "size_load": 0.4,
               "size_assess": 1.2, "size_render": 19.0, "size_rss": 420.0, "size_pages": 31.0}  # fmt: skip
    rows = bench.targets(medians)
    assert _row(rows, "HTML render <= 2.0x the floor (issue 23)")[1:3] == ("2.00x", True)
    assert _row(rows, "HTML render <= 0.4x the peer")[1:3] == ("0.50x", False)
    assert _row(rows, "PDF adds <= 1 s (HTML+PDF - HTML)")[1:3] == ("1.50 s", False)
    assert _row(rows, "chart echoes <= 0.2 s (real data)")[2] is True
    assert _row(rows, "chart share <= 0.2 s (real data)")[2] is False
    assert _row(rows, "verdict computed once per render")[1:3] == ("1 call(s)", True)
    assert _row(rows, "warm batch of 20: >= 3x faster than cold")[1:3] == ("4.00x", True)
    assert _row(rows, "size: verdict (assess) < 1 s")[2] is False
    assert _row(rows, "size: peak memory < 400 MB")[2] is False
    assert _row(rows, "size: PDF pages (printed, no limit)")[1:3] == ("31", None)


def test_a_chart_missing_from_the_tree_reads_n_a_not_a_failure():
    rows = bench.targets({"chart_events_missing": 1.0})
    assert _row(rows, "chart events <= 0.2 s (real data)")[1:] == ("n/a", None, "not in this tree")
    assert _row(rows, "chart history <= 0.2 s (real data)")[1:] == ("n/a", None, "not measured")


def test_the_printed_table_says_met_not_met_or_dash_on_every_target_line():
    rows = bench.targets({"html": 2.0, "floor": 1.0, "peer": 4.0})
    lines = bench.format_targets(rows).splitlines()
    assert len(lines) == len(rows) + 1
    assert re.search(r" 2\.00x  met      ", lines[1])
    assert re.search(r" 0\.50x  not met  ", lines[2])
    assert all(re.search(r"  (met|not met|-) +", line) for line in lines[1:])


def test_two_calls_in_the_kernel_are_counted_apart_from_the_render_process():
    rows = bench.targets({"assess_calls": 3.0, "assess_render": 1.0, "assess_kernel": 2.0})
    assert _row(rows, "verdict computed once per render")[1:] == (
        "3 call(s)",
        False,
        "render process 1, kernel 2",
    )


@pytest.mark.parametrize(
    ("times", "met"),
    [
        ({0: 10.0, 50: 10.1, 500: 11.0, 5000: 20.0}, True),  # tenfold figures, tenfold extra
        ({0: 10.0, 50: 10.5, 500: 15.0, 5000: 110.0}, False),  # the last step is twentyfold
        ({0: 10.0, 50: 9.8, 500: 10.5, 5000: 13.0}, True),  # noise below the fixed cost
        ({0: 10.0, 50: 10.0, 500: 10.0, 5000: 12.5}, False),  # 2.5 s from nothing is growth
    ],
)
def test_growth_is_judged_after_subtracting_the_fixed_cost(times, met):
    assert bench.growth_test(times)[0] is met


def test_growth_without_every_size_is_not_judged():
    assert bench.growth_test({0: 10.0, 50: 10.1, 500: None, 5000: 20.0}) == (None, "not measured")


def test_only_keeps_the_table_order_and_names_an_unknown_row():
    assert bench.parse_only("growth, render") == ("render", "growth")
    assert bench.parse_only(None) == bench.ROW_NAMES
    with pytest.raises(SystemExit, match=r"unknown row chart; expected some of render,"):
        bench.parse_only("render,chart")


def test_every_other_run_takes_the_steps_in_reverse():
    assert bench.run_order(["a", "b", "c"], 0) == ["a", "b", "c"]
    assert bench.run_order(["a", "b", "c"], 1) == ["c", "b", "a"]


def test_the_batch_data_copies_the_claims_under_new_ids_until_there_are_enough(tmp_path):
    data = tmp_path / "data"
    (data / "claims").mkdir(parents=True)
    (data / "figures.csv").write_text("id\n")
    (data / "claims" / "b-claim.yaml").write_text("id: b-claim   # the file name\nvalue: 2\n")
    (data / "claims" / "a-claim.yaml").write_text("id: a-claim\nvalue: 1\n")

    ids = bench.write_batch_data(tmp_path / "batch", count=5, data=data)

    claims = tmp_path / "batch" / "claims"
    assert ids[:2] == ["a-claim", "b-claim"]
    assert len(set(ids)) == 5
    assert sorted(path.stem for path in claims.glob("*.yaml")) == sorted(ids)
    assert (tmp_path / "batch" / "figures.csv").read_text() == "id\n"
    copy = ids[3]  # the second copy copies the second real claim
    assert (claims / f"{copy}.yaml").read_text() == f"id: {copy}   # the file name\nvalue: 2\n"


def test_a_claim_file_without_an_id_line_is_named_in_the_error(tmp_path):
    (tmp_path / "data" / "claims").mkdir(parents=True)
    (tmp_path / "data" / "claims" / "x.yaml").write_text("claim: no id here\n")
    with pytest.raises(ValueError, match=r"x\.yaml: no 'id:' line; expected 'id: x'"):
        bench.write_batch_data(tmp_path / "batch", count=2, data=tmp_path / "data")


def test_the_counter_logs_each_outer_assess_call_of_a_process(tmp_path):
    (tmp_path / "sitecustomize.py").write_text(bench.COUNTER)
    log = tmp_path / "assess.log"
    code = (  # the counter logs before assess runs, so calls that fail count too
        "import contextlib\nfrom factcheck.verdict import assess\n"
        "for _ in range(2):\n    with contextlib.suppress(Exception):\n        assess(None, None)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path), bench.ASSESS_LOG_ENV: str(log)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert log.read_text() == "render\nrender\n"


def test_the_scale_rows_give_seconds_per_claim_per_core_and_memory_growth():
    medians = {"scale_local_10": 10.0, "scale_local_20": 18.0, "scale_local_10_mb": 600.0,
               "scale_local_20_mb": 640.0, "scale_cores": 2.0, "noop_seed": 0.15,
               "noop_1000": 0.3}  # fmt: skip
    rows = bench.targets(medians)
    assert _row(rows, "1,000-claim base, local: <= 1.5 s per claim per core")[1:3] == (
        "1.80 s",
        False,
    )
    assert _row(rows, "1,000-claim base, local: memory flat (+<= 50 MB)")[1:3] == ("40.00 MB", True)
    assert _row(rows, "1,000-claim base, dask: <= 1.5 s per claim per core")[1:3] == ("n/a", None)
    assert _row(rows, "no-op render --all <= 0.2 s: data/")[2] is True
    assert _row(rows, "no-op render --all <= 0.2 s: 1,000 claims")[2] is False


def test_the_synthetic_base_holds_the_claims_asked_for(tmp_path):
    base = bench.write_synthetic_base(tmp_path / "data", 20, 10, claims=25)
    ids = sorted(path.stem for path in (base / "claims").glob("*.yaml"))
    assert len(ids) == 25
    copy = next(i for i in ids if i.startswith("synth-0001-"))
    assert f"id: {copy}" in (base / "claims" / f"{copy}.yaml").read_text()


def test_memory_flatness_counts_the_long_lived_processes_and_not_two_heavy_claims_at_once():
    mb = 2**20
    samples = [  # (seconds, {pid: bytes}): worker 1 lives throughout; kernels 7, 8, 9 come and go
        (0.0, {1: 400 * mb}),
        (1.0, {1: 420 * mb, 7: 300 * mb}),
        (2.0, {1: 430 * mb, 7: 300 * mb, 8: 350 * mb}),  # two claims' kernels at once
        (3.0, {1: 425 * mb, 9: 200 * mb}),
        (4.0, {1: 410 * mb}),
    ]
    assert bench.tree_peaks(samples) == {"tree_mb": 1080.0, "lasting_mb": 430.0}
    assert bench.tree_peaks([]) == {"tree_mb": 0.0, "lasting_mb": 0.0}
