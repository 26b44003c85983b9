"""Hostile and careless input at the command line: bounded dates, one sentence, exit 1 or 2.

Each test names the rule it pins from issue 14; each runs the `factcheck` command, in the
test's own interpreter (tests/invoke.py) unless it needs the console script itself.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from invoke import factcheck as run
from invoke import factcheck_process

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
CLAIM = "casualties-6000"


@pytest.fixture
def no_kernel(monkeypatch):
    """A render that reaches its kernel fails this test: the refusals below come first."""

    def kernel(*_args, **_kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr("factcheck.rendering.execute.execute", kernel)


def one_sentence(result: subprocess.CompletedProcess) -> str:
    """The error a user sees: exactly one line, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


# --------------------------------------------------------------------------- bounded dates


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("9000-01-01", "is after"),
        ("9999-12-31", "is after"),
        ("2100-01-01", "is after"),
        ("0001-01-01", "more than a year before the first evidence (2025-01-05)"),
        (
            "1990-06-15",
            "more than a year before the first evidence (2025-01-05); "
            "expected a date from 2024-01-05",
        ),
        ("20250630", "expected a real date as YYYY-MM-DD"),
        ("2025-6-30", "expected a real date as YYYY-MM-DD"),
        ("2025-06-30T00:00", "expected a real date as YYYY-MM-DD"),
        ("2025-13-40", "invalid --as-of '2025-13-40': expected a real date as YYYY-MM-DD"),
        ("yesterday", "expected a real date as YYYY-MM-DD"),
    ],
)
def test_far_or_malformed_as_of_dates_are_refused_before_any_kernel_starts(
    tmp_path, no_kernel, as_of, expected
):
    result = run("render", CLAIM, "--data", str(MINI), "--out", str(tmp_path), "--as-of", as_of)
    assert result.returncode == 2
    line = one_sentence(result)
    assert line.startswith("error: ") and expected in line
    assert not (tmp_path / CLAIM).exists()


@pytest.mark.parametrize("command", ["verdict", "review"])
def test_far_and_malformed_dates_are_refused_by_verdict_and_review_too(tmp_path, command):
    for as_of, expected in (("9000-01-01", "is after"), ("garbage", "YYYY-MM-DD")):
        args = [command] + ([CLAIM] if command == "verdict" else [])
        out = ["--out", str(tmp_path)] if command == "review" else []
        result = run(*args, "--data", str(MINI), "--as-of", as_of, *out)
        assert result.returncode == 2, result.stderr
        assert expected in one_sentence(result)
    assert not (tmp_path / "_review").exists()


def test_an_as_of_before_the_claim_date_is_allowed(data):
    result = run("verdict", CLAIM, "--data", str(data), "--as-of", "2025-06-01", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == "2025-06-01"


def test_a_claim_dated_far_in_the_future_is_refused_before_any_kernel_starts(
    data, tmp_path, no_kernel
):
    claim = data / "claims" / f"{CLAIM}.yaml"
    claim.write_text(claim.read_text().replace("claim_date: 2025-06-15", "claim_date: 9999-01-01"))
    result = run("render", CLAIM, "--data", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode in (1, 2)
    line = one_sentence(result) if result.returncode == 2 else result.stderr
    assert "9999-01-01" in line and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / CLAIM / f"{CLAIM}.html").exists()


# --------------------------------------------------------------------------- operating-system errors


@pytest.mark.parametrize("out", ["/dev/full", "/dev/null", "/etc/hostname"])
def test_an_out_that_is_not_a_folder_is_one_sentence(out):
    result = run("render", CLAIM, "--data", str(MINI), "--out", out)
    assert result.returncode == 2
    assert one_sentence(result) == (
        f"error: --out {out} is not a folder; give a folder to write into"
    )


def test_an_out_below_a_file_is_one_sentence_naming_the_path():
    result = run("render", CLAIM, "--data", str(MINI), "--out", "/dev/full/reports")
    assert result.returncode in (1, 2)
    line = one_sentence(result)
    assert "/dev/full" in line and line.startswith("error: ")


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, "the disk is full; free some space and run again"),
        (errno.EROFS, "the file system is read-only; choose another --out folder"),
        (errno.EACCES, "permission denied; make it writable or choose another --out folder"),
        (errno.EDQUOT, "the disk quota is used up; free some space and run again"),
        (errno.EIO, "Input/output error; check the path and run again"),
    ],
)
def test_os_errors_deep_in_a_render_end_in_one_sentence_naming_the_path(
    tmp_path, monkeypatch, capsys, code, advice
):
    """A full disk or a read-only folder, raised where the staging folder is made, names the
    report folder the user asked for, not the hidden staging name (we run as
    root in CI, so permissions cannot be provoked for real)."""
    from factcheck import cli
    from factcheck.rendering import files

    def fail(target):
        raise OSError(code, os.strerror(code), str(target.parent / f".{target.name}.staging-x"))

    monkeypatch.setattr(files, "staging_folder", fail)
    monkeypatch.setattr("factcheck.rendering.render.staging_folder", fail)
    monkeypatch.setattr(
        sys, "argv", ["factcheck", "render", CLAIM, "--data", str(MINI), "--out", str(tmp_path)]
    )
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err == f"error: cannot use {tmp_path}/{CLAIM}: {advice}"  # the folder, not a temp name


def test_a_kernel_whose_interpreter_is_missing_is_one_sentence_with_what_to_do(tmp_path):
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": ["/no/such/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3",
                "language": "python",
            }
        )
    )
    env = os.environ | {"JUPYTER_PATH": str(tmp_path / "jupyter")}
    result = factcheck_process(
        "render", CLAIM, "--data", str(MINI), "--out", str(tmp_path / "out"), env=env
    )
    assert result.returncode == 1
    line = one_sentence(result)
    assert "/no/such/python, which does not exist; reinstall it" in line
    assert not (tmp_path / "out" / CLAIM).exists()


# --------------------------------------------------------------------------- links in the output tree


def _report_with_link(reports: Path, name: str, target: Path) -> None:
    (reports / CLAIM).mkdir(parents=True)
    (reports / CLAIM / "verdict.json").write_text("{}")
    (reports / CLAIM / name).symlink_to(target)


@pytest.mark.parametrize("where", ["charts", "figures", "failed.ipynb", "verdict.json.d"])
def test_a_link_inside_a_report_folder_is_refused_and_nothing_is_written_through_it(
    tmp_path, where
):
    reports, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _report_with_link(reports, where, elsewhere)
    result = run("render", CLAIM, "--data", str(MINI), "--out", str(reports))
    assert result.returncode == 2
    line = one_sentence(result)
    assert f"{reports / CLAIM / where} is a symbolic link" in line and "remove the link" in line
    assert list(elsewhere.iterdir()) == []


def test_a_report_folder_that_is_a_link_is_refused(tmp_path):
    reports, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    reports.mkdir()
    elsewhere.mkdir()
    (reports / CLAIM).symlink_to(elsewhere)
    result = run("render", CLAIM, "--data", str(MINI), "--out", str(reports))
    assert result.returncode == 2
    line = one_sentence(result)
    assert f"{reports / CLAIM} is a symbolic link" in line and "never writes through links" in line
    assert list(elsewhere.iterdir()) == []


def test_a_lock_file_that_is_a_link_is_refused(tmp_path):
    reports, target = tmp_path / "reports", tmp_path / "victim"
    reports.mkdir()
    (reports / f".{CLAIM}.lock").symlink_to(target)
    result = run("render", CLAIM, "--data", str(MINI), "--out", str(reports))
    assert result.returncode == 2
    assert "(a lock file)" in one_sentence(result)
    assert not target.exists()


def test_a_review_folder_that_is_a_link_is_refused(tmp_path):
    reports, elsewhere = tmp_path / "reports", tmp_path / "elsewhere"
    reports.mkdir()
    elsewhere.mkdir()
    (reports / "_review").symlink_to(elsewhere)
    result = run("review", "--data", str(MINI), "--out", str(reports))
    assert result.returncode == 2
    assert f"{reports / '_review'} is a symbolic link" in one_sentence(result)
    assert list(elsewhere.iterdir()) == []


def test_the_review_folder_cannot_be_a_claim_id():
    for claim_id in ("_review", "review-", "_"):
        result = run("new-claim", claim_id, "--data", str(MINI))
        assert result.returncode == 2 and "invalid claim id" in one_sentence(result)


# --------------------------------------------------------------------------- text that is not code


def test_control_characters_from_data_are_shown_escaped_by_verdict_and_list(data):
    claim = data / "claims" / f"{CLAIM}.yaml"
    text = claim.read_text()
    original = next(line for line in text.splitlines() if line.startswith("claim:"))
    claim.write_text(
        text.replace(original, 'claim: "North Korea \\e[2J\\e[31mlost\\a more than 6,000\\x9b."')
    )
    for args in (("list",), ("verdict", CLAIM)):
        result = run(*args, "--data", str(data))
        out = result.stdout + result.stderr
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        assert "Traceback" not in out
        if result.returncode == 0:
            assert "\\x1b[2J\\x1b[31mlost\\x07 more than 6,000\\x9b." in result.stdout


def test_shown_escapes_every_control_and_format_character_but_keeps_letters():
    from factcheck.cli import shown

    assert shown("a\x1b[0mb") == "a\\x1b[0mb"
    assert shown("\u202eevil") == "\\u202eevil"
    assert shown("line\nbreak\ttab") == "line\\x0abreak\\x09tab"
    assert shown("Kursk – Курск, 6 000") == "Kursk – Курск, 6 000"


# --------------------------------------------------------------------------- one unfinished claim


def test_list_marks_an_unfinished_claim_invalid_with_its_first_problem_and_lists_the_others(data):
    assert run("new-claim", "half-written", "--data", str(data)).returncode == 0
    result = run("list", "--data", str(data))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(rows) == {"casualties-6000", "half-written", "killed-6000"}
    assert "mostly-true" in rows["casualties-6000"] and "mostly-false" in rows["killed-6000"]
    assert "INVALID" in rows["half-written"]
    assert "data/claims/half-written.yaml:" in rows["half-written"]


def test_a_problem_in_a_shared_table_still_stops_list_and_render_all(data, tmp_path):
    figures = data / "figures.csv"
    figures.write_text(figures.read_text().replace("nis-brief,", "nis-briefing,", 1))
    for args in (("list",), ("render", "--all", "--out", str(tmp_path / "out"))):
        result = run(*args, "--data", str(data))
        assert result.returncode == 1
        assert "data/figures.csv:3: source: unknown source 'nis-briefing'" in result.stderr
    assert not list((tmp_path / "out").glob("*/*.html"))


def test_validate_one_claim_checks_that_claim_and_the_tables_only(data):
    assert run("new-claim", "half-written", "--data", str(data)).returncode == 0
    good = run("validate", CLAIM, "--data", str(data))
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith(f"OK: {CLAIM} and the tables it uses are valid")
    bad = run("validate", "half-written", "--data", str(data))
    assert bad.returncode == 1
    assert "data/claims/half-written.yaml:" in bad.stderr and CLAIM not in bad.stderr
    unknown = run("validate", "no-such-claim", "--data", str(data))
    assert unknown.returncode == 2 and "unknown claim 'no-such-claim'" in unknown.stderr
    everything = run("validate", "--data", str(data))
    assert everything.returncode == 1 and "half-written.yaml" in everything.stderr


def test_verdict_on_one_claim_works_while_another_is_unfinished(data):
    assert run("new-claim", "half-written", "--data", str(data)).returncode == 0
    result = run("verdict", CLAIM, "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{CLAIM}: MOSTLY TRUE")


# --------------------------------------------------------------------------- smaller ones


def test_new_claim_refuses_an_id_longer_than_the_limit_and_writes_nothing(data):
    long_id = "a" * 121
    result = run("new-claim", long_id, "--data", str(data))
    assert result.returncode == 2
    assert one_sentence(result) == ("error: invalid claim id: 121 characters, expected at most 120")
    assert not (data / "claims" / f"{long_id}.yaml").exists()
    assert run("new-claim", "a" * 120, "--data", str(data)).returncode == 0


def test_new_claim_with_notebook_copies_the_template_clean_beside_the_data(data):
    import nbformat

    result = run("new-claim", "with-notebook", "--data", str(data), "--notebook")
    assert result.returncode == 0, result.stderr
    path = data.parent / "notebooks" / "claims" / "with-notebook.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert all(c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'claim_id: str = "with-notebook"' in parameters.source
    again = run("new-claim", "with-notebook", "--data", str(data), "--notebook")
    assert again.returncode == 2


def test_new_claim_with_notebook_for_an_existing_claim_writes_only_its_notebook(data):
    claim_file = data / "claims" / "later-notebook.yaml"
    assert run("new-claim", "later-notebook", "--data", str(data)).returncode == 0
    before = claim_file.read_bytes()
    result = run("new-claim", "later-notebook", "--data", str(data), "--notebook")
    assert result.returncode == 0, result.stderr
    assert claim_file.read_bytes() == before
    assert (data.parent / "notebooks" / "claims" / "later-notebook.ipynb").is_file()


def test_more_jobs_than_cores_are_capped_not_refused(tmp_path):
    from factcheck.rendering.batch import max_jobs

    assert max_jobs() == max(1, os.cpu_count() or 1)
    result = run("render", "--all", "--jobs", "100", "--data", str(MINI), "--format", "docx")
    assert result.returncode == 2
    assert "--jobs" not in result.stderr  # the format is what was wrong, not the job count


def test_kernel_folders_of_a_killed_render_are_removed_by_the_next_one(tmp_path, monkeypatch):
    from factcheck.rendering import execute

    monkeypatch.setattr(execute.tempfile, "gettempdir", lambda: str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f"factcheck-kernel-{dead.pid}-abc"
    leftover.mkdir()
    (leftover / "kernel.json").write_text("{}")
    alive = tmp_path / f"factcheck-kernel-{os.getpid()}-def"
    alive.mkdir()
    execute.sweep_dead_kernel_folders()
    assert not leftover.exists() and alive.exists()


def test_verdict_json_for_the_terminal_escapes_control_characters_and_stays_the_same_json():
    from factcheck.cli import json_shown

    value = {"claim": "a\x1b[2Jb\x9bc\u202ed\U000e0041e – Курск", "n": [1, 2]}
    text = json.dumps(value, indent=2, ensure_ascii=False)
    safe = json_shown(text)
    assert "\x1b" not in safe and "\x9b" not in safe and "\u202e" not in safe
    assert "\U000e0041" not in safe and "Курск" in safe
    assert json.loads(safe) == value


def test_an_engine_failure_is_one_sentence_in_verdict_and_one_row_in_list(monkeypatch, capsys):
    import factcheck.verdict
    from factcheck import cli

    def broken(claim, evidence, as_of=None):
        if claim.id == CLAIM:
            raise TypeError("'<' not supported between instances of 'NoneType' and 'date'")
        return real(claim, evidence, as_of)

    real = factcheck.verdict.assess
    monkeypatch.setattr(factcheck.verdict, "assess", broken)
    monkeypatch.setattr(sys, "argv", ["factcheck", "list", "--data", str(MINI)])
    cli.main()
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "ERROR" in rows[CLAIM] and "a bug in factcheck" in rows[CLAIM]
    assert "mostly-false" in rows["killed-6000"]
    monkeypatch.setattr(sys, "argv", ["factcheck", "verdict", CLAIM, "--data", str(MINI)])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: {CLAIM}: the verdict engine failed (TypeError:")
    assert "\n" not in err


@pytest.mark.parametrize("args", [["render", CLAIM], ["render", "--all"]])
def test_a_missing_data_folder_is_named_before_anything_starts(tmp_path, args):
    """Through the console script: exit status 2 and one line, as a shell sees them."""
    result = factcheck_process(
        *args, "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")
    )
    assert result.returncode == 2
    assert one_sentence(result).startswith(
        f"error: --data {tmp_path / 'nowhere'}: folder not found"
    )
    assert not (tmp_path / "out").exists()
