"""Benchmark: issues 15 and 23's targets, each measured beside the others in one run (a script, not a test).

    .venv/bin/python scripts/bench.py [--runs N] [--quick] [--only ROW[,ROW]] [--json FILE]
                                      [--claims N[,N]] [--noop-base DIR]

How to read the output. Every figure is the median of N runs (default 3; --quick: 1 run, no
peer, no warm-up). Each run measures every selected step, and every other run takes the steps
in the reverse order, so slow drift of the machine's load falls on all rows alike; compare the
rows of one table with each other, never with a table printed on another day or machine.
Commands run as fresh processes (wall time, start-up and imports included, as a user sees
them). Rows (--only takes these names):
  render  floor (papermill + HTMLExporter on a notebook holding only a parameters cell, one
          process: the least any papermill + nbconvert report can cost), peer (`papermill` CLI
          then `jupyter nbconvert --to html --no-input`, in .venv-peer), and ours: `factcheck
          render <seed claim> --force`, HTML, then HTML+PDF (the PDF's cost is the difference).
          factcheck subsets fonts with fontTools whether or not the machine has
          libharfbuzz-subset, so the PDF costs the same with and without that package.
  charts  each chart of factcheck.charts (estimates, events, echoes, share, history), in
          process on the real data: data selection + title + drawing + PNG and SVG written, as
          factcheck.charts.show does. "n/a" when the tree has no `<name>_data`/`<name>_chart`.
  once    how many times one render calls factcheck.verdict.assess, render process and kernel
          together (a sitecustomize on PYTHONPATH wraps assess in both and logs outer calls).
  batch   20 claims (data/ plus copies of its claims under new ids): `render --all --jobs 2
          --force` against 20 cold `render <id> --force` one after another.
  size    the synthetic base (scripts/synthetic_base.py: data/ plus 5,000 figures and 2,000
          sources): load_evidence (validation) and assess in process, and a full HTML+PDF
          render with its peak memory (render + kernel, sampled with psutil) and PDF pages.
  growth  the same render with 0 (data/ alone), 50, 500 and 5,000 extra figures (sources
          grow with them, 2 per 5 figures); see GROWTH_TEST for the linearity test.
  noop    `render --all` with nothing to do (what a no-op `make reports` runs), on data/ and
          on the 1,000-claim synthetic base (1,000 claims over 20,000 figures). Its inputs are
          1,000 rendered reports: rendering them takes long (untimed preparation, --format
          html), so --noop-base DIR reuses a project folder prepared earlier (DIR/data,
          DIR/reports and, when the reports were rendered by another copy of the code, DIR/src),
          and --noop-prepare records writes real build records with stand-in outputs instead
          (the files the no-op reads; say so when quoting the figure).
  scale   `render --all --force` on the synthetic base cut to N claims (--claims, default
          100,200), on local warm workers (--jobs 2) and on a Dask LocalCluster (--scheduler
          local): seconds per claim per core (wall time x cores / N) and the peak memory of the
          whole process tree (sampled). Two sizes show whether the cost per claim and the memory
          stay flat; rendering all 1,000 claims would take an hour on 2 cores.
The machine may be shared: the load average is printed; differences of 10-20 % are noise.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib
import json
import os
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from synthetic_base import copy_claims, write_synthetic_base

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PEER = ROOT / ".venv-peer"
DATA = ROOT / "data"
CLAIM = "dprk-kursk-casualties-6000"
ROW_NAMES = ("render", "charts", "once", "batch", "size", "growth", "noop", "scale")
CHARTS = ("estimates", "events", "echoes", "share", "history")
BATCH_CLAIMS = 20
SIZE = (5000, 2000)  # figures, sources
GROWTH = (50, 500, 5000)  # extra figures; sources are 2 per 5 figures
NOISE_S = 1.0  # seconds of slack in the growth test, for a shared machine
SCALE = (20000, 8000, 1000)  # the issue-23 base: figures, sources, claims
SCALE_CLAIMS = (100, 200)  # claims rendered by the scale row (--claims)
MEMORY_SLACK_MB = 50.0  # "memory does not grow": peak(N2) <= peak(N1) + this, for sampling noise
GROWTH_TEST = (
    "extra(n) = time(n) - time(0) (at least 0), time(0) the same render on data/ alone "
    "(the fixed cost); "
    f"linear or better if extra(5000) <= 10 x extra(500) + {NOISE_S:g} s and "
    f"extra(500) <= 10 x extra(50) + {NOISE_S:g} s (the {NOISE_S:g} s absorbs noise)"
)
ASSESS_LOG_ENV = "FACTCHECK_BENCH_ASSESS_LOG"
HELPER = """import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"s": time.perf_counter() - t, "rc": p.returncode, "out": p.stdout + p.stderr,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))"""
FLOOR = """import sys, nbformat, papermill
from nbconvert import HTMLExporter
cell = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]})
nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {"name": "python3",
     "display_name": "Python 3", "language": "python"}, "language_info": {"name": "python"}})
nbformat.write(nb, sys.argv[1] + "/in.ipynb")
papermill.execute_notebook(sys.argv[1] + "/in.ipynb", sys.argv[1] + "/out.ipynb",
                           parameters={"x": 2}, progress_bar=False)
HTMLExporter().from_notebook_node(nbformat.read(sys.argv[1] + "/out.ipynb", as_version=4))"""
# Imported at start-up by every Python process that has its folder on PYTHONPATH: the render
# and the kernel it starts. It wraps factcheck.verdict.assess as soon as that module is loaded
# and logs one line per outermost call (calls assess makes to itself are not counted).
COUNTER = '''"""factcheck bench: count factcheck.verdict.assess calls (see scripts/bench.py)."""
import functools, importlib.machinery, os, sys

def _wrap(module):
    real, depth = module.assess, [0]
    role = "kernel" if "ipykernel" in " ".join(sys.argv) else "render"

    @functools.wraps(real)
    def assess(*args, **kwargs):
        if depth[0] == 0:
            with open(os.environ["FACTCHECK_BENCH_ASSESS_LOG"], "a") as log:
                log.write(role + "\\n")
        depth[0] += 1
        try:
            return real(*args, **kwargs)
        finally:
            depth[0] -= 1

    module.assess = assess

class _Finder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "factcheck.verdict":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            load = spec.loader.exec_module
            def exec_module(module):
                load(module)
                _wrap(module)
            spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Finder)
'''


class BenchError(Exception):
    """A command the benchmark runs failed; the row shows "failed" and the run goes on."""


# --------------------------------------------------------------------------- pure pieces


def parse_only(value: str | None) -> tuple[str, ...]:
    """The rows named by --only, in the table's order; a clear error for an unknown name."""
    if not value:
        return ROW_NAMES
    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [name for name in names if name not in ROW_NAMES]
    if unknown or not names:
        raise SystemExit(
            f"--only {value!r}: unknown row {', '.join(unknown) or '(none)'}; "
            f"expected some of {','.join(ROW_NAMES)}"
        )
    return tuple(name for name in ROW_NAMES if name in names)


def run_order(steps: list[str], run: int) -> list[str]:
    """Even runs take the steps in order, odd runs in reverse: drift falls on every row alike."""
    return list(steps) if run % 2 == 0 else list(reversed(steps))


def batch_claim_ids(real: list[str], count: int = BATCH_CLAIMS) -> list[tuple[str, str]]:
    """(new id, real id it copies) for `count` claims: the real ones, then numbered copies."""
    real = sorted(real)
    if not real:
        raise ValueError("no claims to copy: expected at least one claim file under claims/")
    pairs = [(claim, claim) for claim in real[:count]]
    for i in range(count - len(pairs)):
        source = real[i % len(real)]
        pairs.append((f"bench-copy-{i + 1:02d}-{source}", source))
    return pairs


def write_batch_data(folder: Path, count: int = BATCH_CLAIMS, data: Path = DATA) -> list[str]:
    """Copy data/ to folder and add claim files copying the real ones until there are `count`."""
    shutil.copytree(data, folder)
    claims = folder / "claims"
    pairs = batch_claim_ids([path.stem for path in claims.glob("*.yaml")], count)
    copy_claims(claims, pairs)
    return [new for new, _ in pairs]


def growth_test(times: dict[int, float]) -> tuple[bool | None, str]:
    """GROWTH_TEST on {extra figures: seconds}, key 0 the fixed cost; None when one is missing."""
    needed = (0, *GROWTH)
    if any(times.get(n) is None for n in needed):
        return None, "not measured"
    extra = {n: max(0.0, times[n] - times[0]) for n in GROWTH}  # noise can make it negative
    steps = list(pairwise(GROWTH))
    met = all(extra[big] <= 10 * extra[small] + NOISE_S for small, big in steps)
    shown = ", ".join(f"extra({n}) {extra[n]:.2f} s" for n in GROWTH)
    return met, f"{shown}; fixed cost {times[0]:.2f} s"


def _judge(value: float | None, how: str, limit: float) -> bool | None:
    if value is None:
        return None
    return {"<=": value <= limit, "<": value < limit, ">=": value >= limit, "==": value == limit}[
        how
    ]


def targets(m: dict[str, float]) -> list[tuple[str, str, bool | None, str]]:
    """(target, measured, met, from what) for every target; met None when not measured."""

    def ratio(a: str, b: str) -> float | None:
        return m[a] / m[b] if a in m and b in m and m[b] else None

    def diff(a: str, b: str) -> float | None:
        return m[a] - m[b] if a in m and b in m else None

    def secs(key: str) -> str:
        return f"{m[key]:.2f} s" if key in m else "-"

    rows: list[tuple[str, float | None, str, float, str, str]] = [
        ("HTML render <= 2.0x the floor (issue 23)", ratio("html", "floor"), "<=", 2.0, "x",
         f"{secs('html')} / {secs('floor')}"),
        ("HTML render <= 0.4x the peer", ratio("html", "peer"), "<=", 0.4, "x",
         f"{secs('html')} / {secs('peer')}"),
        ("PDF adds <= 1 s (HTML+PDF - HTML)", diff("html_pdf", "html"), "<=", 1.0, " s",
         f"{secs('html_pdf')} - {secs('html')}"),
    ]  # fmt: skip
    for name in CHARTS:
        key = f"chart_{name}"
        missing = m.get(f"{key}_missing")
        rows.append(
            (f"chart {name} <= 0.2 s (real data)", m.get(key), "<=", 0.2, " s",
             "not in this tree" if missing else "data + title + draw + PNG and SVG"
             + (", an event claim" if name == "events" else ""))
        )  # fmt: skip
    rows += [
        ("verdict computed once per render", m.get("assess_calls"), "==", 1, " call(s)",
         f"render process {m.get('assess_render', '-'):g}, kernel {m.get('assess_kernel', '-'):g}"
         if "assess_calls" in m else "-"),
        (f"warm batch of {BATCH_CLAIMS}: >= 3x faster than cold", ratio("cold_20", "batch_20"),
         ">=", 3.0, "x", f"{secs('cold_20')} / {secs('batch_20')}"),
        ("size: validate (load_evidence) < 1 s", m.get("size_load"), "<", 1.0, " s",
         "5,000 figures, 2,000 sources"),
        ("size: verdict (assess) < 1 s", m.get("size_assess"), "<", 1.0, " s", CLAIM),
        ("size: render html,pdf < 20 s", m.get("size_render"), "<", 20.0, " s", "render --force"),
        ("size: peak memory < 400 MB", m.get("size_rss"), "<", 400.0, " MB",
         "render + kernel at once (sampled)"),
    ]  # fmt: skip
    rows += [
        ("no-op render --all <= 0.2 s: data/", m.get("noop_seed"), "<=", 0.2, " s",
         "what a no-op make reports runs"),
        ("no-op render --all <= 0.2 s: 1,000 claims", m.get("noop_1000"), "<=", 0.2, " s",
         "synthetic: 1,000 claims, 20,000 figures"),
    ]  # fmt: skip
    rows += scale_rows(m)
    out = []
    for name, value, how, limit, unit, detail in rows:
        if value is None:
            out.append((name, "n/a", None, detail if "tree" in detail else "not measured"))
            continue
        shown = f"{value:.0f}{unit}" if how == "==" else f"{value:.2f}{unit}"
        out.append((name, shown, _judge(value, how, limit), detail))
    pages = m.get("size_pages")
    out.append(("size: PDF pages (printed, no limit)", "n/a" if pages is None else f"{pages:.0f}",
                None, "not measured" if pages is None else "the synthetic base's PDF"))  # fmt: skip
    times = {0: m.get("grow_0"), **{n: m.get(f"grow_{n}") for n in GROWTH}}
    met, detail = growth_test(times)
    shown = " / ".join("-" if times[n] is None else f"{times[n]:.1f}" for n in (0, *GROWTH))
    out.append(("growth no faster than linear", f"{shown} s", met, detail))
    return out


def scale_sizes(m: dict[str, float], mode: str) -> list[int]:
    return sorted(int(k.split("_")[2]) for k in m if re.fullmatch(rf"scale_{mode}_\d+", k))


def scale_rows(m: dict[str, float]) -> list[tuple[str, float | None, str, float, str, str]]:
    """Seconds per claim per core at the largest size measured, and whether memory stays flat."""
    cores = m.get("scale_cores", 2.0)
    rows = []
    for mode, how in (("local", "local warm workers, --jobs 2"), ("dask", "--scheduler local")):
        sizes = scale_sizes(m, mode)
        per = {n: m[f"scale_{mode}_{n}"] * cores / n for n in sizes}
        peak = {n: m.get(f"scale_{mode}_{n}_mb") for n in sizes}
        shown = ", ".join(f"{n} claims {per[n]:.2f} s" for n in sizes)
        rows.append(
            (f"1,000-claim base, {mode}: <= 1.5 s per claim per core",
             per[sizes[-1]] if sizes else None, "<=", 1.5, " s",
             f"{how}; {shown}; measured on {len(sizes)} sizes, not all 1,000" if sizes else "-")
        )  # fmt: skip
        flat = None
        if len(sizes) >= 2 and all(peak[n] is not None for n in sizes):
            flat = peak[sizes[-1]] - peak[sizes[0]]
        tree = {n: m.get(f"scale_{mode}_{n}_tree_mb") for n in sizes}
        rows.append(
            (f"1,000-claim base, {mode}: memory flat (+<= {MEMORY_SLACK_MB:.0f} MB)", flat, "<=",
             MEMORY_SLACK_MB, " MB",
             "peak PSS of the long-lived processes (batch, workers, kernel factories): "
             + ", ".join(f"{n} claims {peak[n]:.0f} MB" for n in sizes if peak[n] is not None)
             + "; of the whole tree, kernels included: "
             + ", ".join(f"{n} claims {tree[n]:.0f} MB" for n in sizes if tree[n] is not None)
             if sizes else "-")
        )  # fmt: skip
    return rows


def result_word(met: bool | None) -> str:
    return "-" if met is None else "met" if met else "not met"


def format_targets(rows: list[tuple[str, str, bool | None, str]]) -> str:
    """The targets table as printed: one line per target, its value, met / not met, from what."""
    width = max(len("measured"), *(len(measured) for _, measured, _, _ in rows))
    lines = [f"{'target':<46} {'measured':>{width}}  {'result':<7}  from"]
    for name, measured, met, detail in rows:
        lines.append(f"{name:<46} {measured:>{width}}  {result_word(met):<7}  {detail}".rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- measuring


def run(
    cmd: list, sample: bool = False, cwd: Path = ROOT, env: dict | None = None, tree: bool = False
) -> dict:
    """Run cmd in a fresh helper process; seconds, peak RSS of the tree, and sampled peaks
    (`tree`: the peak of every process under the command at once: workers, kernels, factories)."""
    helper = [sys.executable, "-c", HELPER, *map(str, cmd)]
    proc = subprocess.Popen(helper, cwd=cwd, stdout=subprocess.PIPE, env=env)
    peaks = _sample_tree(proc) if tree else _sample(proc) if sample else {}
    result = json.loads(proc.communicate()[0])
    if result["rc"] != 0:
        tail = textwrap.indent(result["out"][-1500:].strip(), "    ")
        raise BenchError(f"failed ({result['rc']}): {shlex.join(map(str, cmd))}\n{tail}")
    return {**result, **peaks}


def _sample(proc: subprocess.Popen) -> dict:
    """Peak RSS (MB) of the command, of its kernel, and of both at once, polled every 20 ms."""
    try:
        import psutil
    except ImportError:
        return {}
    peaks = {"render_mb": 0.0, "kernel_mb": 0.0, "both_mb": 0.0}

    def poll() -> None:
        while proc.poll() is None:
            time.sleep(0.02)
            try:  # the command is the helper's only child; the kernel is a child of it
                command = psutil.Process(proc.pid).children()[0]
                kernels = [p for p in command.children() if "ipykernel" in " ".join(p.cmdline())]
                render = command.memory_info().rss / 2**20
                kernel = sum(p.memory_info().rss for p in kernels) / 2**20
            except (psutil.Error, IndexError):
                continue
            peaks["render_mb"] = max(peaks["render_mb"], render)
            peaks["kernel_mb"] = max(peaks["kernel_mb"], kernel)
            peaks["both_mb"] = max(peaks["both_mb"], render + kernel)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    proc.wait()
    thread.join()
    return peaks


def _tree_member_bytes(process) -> int:
    """A process's proportional set size (PSS): each page shared with other processes counted
    by its share. Kernels fork from a factory and phone charts from a kernel, so their summed
    RSS counted the pages they share once per process, and the peak swung by hundreds of MB
    with how many forks happened to be alive at the sample. RSS where PSS is not readable."""
    import psutil

    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


TREE_POLL = 0.5  # seconds between two samples of a batch's process tree


def _sample_tree(proc: subprocess.Popen) -> dict:
    """Peak summed PSS (MB) of every process under the helper (`tree_mb`), and of the
    long-lived ones alone (`lasting_mb`), polled every TREE_POLL seconds: reading a process's
    PSS walks its page tables (about 7 ms for 500 MB), so polling every 50 ms, as for RSS, took
    most of a core from the batch being timed.

    Long-lived: alive from the first quarter of the run to its last tenth (the batch, its
    workers and their kernel factories). Whatever one claim leaves behind for the next lives
    there; a claim's kernel and chart processes end with the claim. The whole tree's peak is
    set by which claims happen to run at once (two of the heaviest claims at once on two
    workers: that is the claim mix, not the number of claims).
    """
    try:
        import psutil
    except ImportError:
        return {}
    samples: list[tuple[float, dict[int, int]]] = []

    def poll() -> None:
        while proc.poll() is None:
            time.sleep(TREE_POLL)
            sizes = {}
            try:
                for child in psutil.Process(proc.pid).children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        sizes[child.pid] = _tree_member_bytes(child)
            except psutil.Error:
                continue
            samples.append((time.monotonic(), sizes))

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    proc.wait()
    thread.join()
    return tree_peaks(samples)


def tree_peaks(samples: list[tuple[float, dict[int, int]]]) -> dict[str, float]:
    """From (time, {pid: bytes}) samples: the whole tree's peak and the long-lived processes'
    peak, in MB (see _sample_tree)."""
    if not samples:
        return {"tree_mb": 0.0, "lasting_mb": 0.0}
    first, last = samples[0][0], samples[-1][0]
    early = {pid for t, sizes in samples if t <= first + 0.25 * (last - first) for pid in sizes}
    late = {pid for t, sizes in samples if t >= last - 0.1 * (last - first) for pid in sizes}
    lasting = early & late
    return {
        "tree_mb": max(sum(sizes.values()) for _, sizes in samples) / 2**20,
        "lasting_mb": max(
            sum(size for pid, size in sizes.items() if pid in lasting) for _, sizes in samples
        )
        / 2**20,
    }


def ensure_peer() -> Path:
    """.venv-peer from requirements/peer.txt, plus factcheck itself (the notebook imports it)."""
    import hashlib

    lock = ROOT / "requirements" / "peer.txt"
    stamp, digest = PEER / ".peer-stamp", hashlib.sha256(lock.read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == digest):
        print("Installing .venv-peer from requirements/peer.txt (first run only)...", flush=True)
        pip = [str(PEER / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PEER)], check=True)
        subprocess.run([*pip, "-r", ROOT / "requirements/build.txt", "-r", lock], check=True)
        subprocess.run([*pip, "--no-deps", "--no-build-isolation", "-e", ROOT], check=True)
        stamp.write_text(digest)
    return PEER / "bin"


def pdf_pages(folder: Path, claim: str) -> int | None:
    """Pages of the claim's PDF (<claim>.pdf, else the first PDF there) by poppler's pdfinfo."""
    pdfs = sorted(folder.glob("*.pdf"), key=lambda path: (path.name != f"{claim}.pdf", path.name))
    if not shutil.which("pdfinfo") or not pdfs:
        return None
    pdf = pdfs[0]
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(found.group(1)) if found else None


def chart_functions(name: str) -> tuple[Callable, Callable, Callable | None] | None:
    """(name_data, name_chart, name_title) from factcheck.charts or its module; None if absent."""
    charts = importlib.import_module("factcheck.charts")
    places = [charts]
    with contextlib.suppress(ImportError):  # charts is still one module, or no such chart yet
        places.append(importlib.import_module(f"factcheck.charts.{name}"))
    for place in places:
        data, chart = getattr(place, f"{name}_data", None), getattr(place, f"{name}_chart", None)
        if callable(data) and callable(chart):
            return data, chart, getattr(place, f"{name}_title", None)
    return None


def write_build_records(data: Path, reports: Path, formats: tuple[str, ...]) -> None:
    """Report folders as a complete batch leaves them (real build records and batch record, for
    the inputs in `data`), with small stand-in outputs instead of rendered pages: the files a
    no-op batch reads, without rendering 1,000 claims first (--noop-prepare records)."""
    from factcheck.fingerprint import BUILD_FILE, build_record, code_fingerprint
    from factcheck.rendering.uptodate import INDEX_FILE, Inputs, claim_ids, record_batch

    inputs = Inputs(data, formats, code_fingerprint())
    ids = claim_ids(data)
    expected = {}
    for claim_id in ids:
        folder = reports / claim_id
        (folder / "charts").mkdir(parents=True)
        names = [f"{claim_id}.{f}" for f in formats] + [f"{claim_id}.ipynb", "verdict.json",
                 "claimreview.jsonld", *(f"charts/c{i}.png" for i in range(6))]  # fmt: skip
        outputs = {name: f"stand-in for {name}\n".encode() for name in names}
        for name, data_bytes in outputs.items():
            (folder / name).write_bytes(data_bytes)
        expected[claim_id] = inputs.fingerprint(claim_id)
        (folder / BUILD_FILE).write_bytes(build_record(expected[claim_id], outputs))
    (reports / INDEX_FILE).write_text("<html></html>\n")
    record_batch(reports, inputs.batch_key(ids), expected)


class Bench:
    """Holds the temporary folders and inputs; each `step_*` measures and returns {key: value}."""

    def __init__(
        self,
        tmp: Path,
        runs: int,
        peer: bool,
        rows: tuple[str, ...],
        claims: tuple[int, ...] = SCALE_CLAIMS,
        noop_base: Path | None = None,
        noop_prepare: str = "render",
    ):
        self.tmp, self.runs, self.peer, self.rows = tmp, runs, peer, rows
        self.claims, self.noop_base, self.noop_prepare = claims, noop_base, noop_prepare
        self.fc = [BIN / "factcheck", "render"]
        self.last: dict[str, dict] = {}
        self.prepared: dict[str, object] = {}

    # -- preparation (untimed, once)

    def prepare(self) -> list[str]:
        """Inputs every selected row needs, then the list of steps each run takes."""
        steps: list[str] = []
        if "render" in self.rows:
            steps += ["floor", *(["peer"] if self.peer else []), "html", "html_pdf"]
        if "charts" in self.rows:
            steps.append("charts")
        if "once" in self.rows:
            folder = self.tmp / "counter"
            folder.mkdir()
            (folder / "sitecustomize.py").write_text(COUNTER)
            steps.append("once")
        if "batch" in self.rows:
            self.prepared["batch_ids"] = write_batch_data(self.tmp / "batch-data")
            steps += ["batch_20", "cold_20"]
        if "size" in self.rows or "growth" in self.rows:
            figures, sources = SIZE
            self.prepared["size_data"] = write_synthetic_base(
                self.tmp / "synth-5000", figures, sources
            )
        if "size" in self.rows:
            steps += ["size_verdict", "size_render"]
        if "growth" in self.rows:
            for n in GROWTH[:-1]:
                write_synthetic_base(self.tmp / f"synth-{n}", n, max(1, n * 2 // 5))
            # its own fixed cost, measured next to the small bases so the same load falls on both
            steps += ["grow_0", *(f"grow_{n}" for n in GROWTH[:-1])]
            if "size" not in self.rows:
                steps.append("grow_5000")
        if "noop" in self.rows:
            self.prepare_noop()
            steps += ["noop_seed", "noop_1000"]
        if "scale" in self.rows:
            figures, sources, claims = SCALE
            base = write_synthetic_base(self.tmp / "scale-full", figures, sources, claims=claims)
            for n in self.claims:
                folder = self.tmp / f"scale-{n}" / "data"
                shutil.copytree(base, folder)
                for path in sorted((folder / "claims").glob("*.yaml"))[n:]:
                    path.unlink()
                    path.with_suffix(".md").unlink(missing_ok=True)
                steps += [f"scale_local_{n}", f"scale_dask_{n}"]
        return steps

    def prepare_noop(self) -> None:
        """data/ rendered once; the 1,000-claim base rendered once (long) unless --noop-base."""
        seed = self.tmp / "noop-seed"
        run([*self.fc, "--all", "--jobs", "2", "-q", "--out", seed / "reports"])
        if self.noop_base is not None:
            self.prepared["noop_1000"] = self.noop_base
            return
        project = self.tmp / "noop-1000"
        figures, sources, claims = SCALE
        write_synthetic_base(project / "data", figures, sources, claims=claims)
        if self.noop_prepare == "records":
            write_build_records(project / "data", project / "reports", ("html",))
            self.prepared["noop_1000"] = project
            return
        print(f"rendering the {claims:,} claims the no-op row needs (untimed; long)", flush=True)
        started = time.perf_counter()
        run([*self.fc, "--all", "--jobs", "2", "-q", "--format", "html",
             "--data", project / "data", "--out", project / "reports"])  # fmt: skip
        self.prepared["noop_1000_prep"] = time.perf_counter() - started
        self.prepared["noop_1000"] = project

    def warm_up(self) -> None:
        """One untimed render: .pyc files, font caches and the page cache, as on a used machine."""
        run([*self.fc, CLAIM, "--format", "html,pdf", "--force", "--out", self.tmp / "warm"])

    def measure(self, step: str) -> dict[str, float]:
        if step.startswith("scale_"):
            return self.measure_scale(step)
        method = getattr(self, f"step_{step}", None)
        if method is None:
            n = int(step.removeprefix("grow_"))
            return {step: self._render_base(n, f"grow-{n}")["s"]}
        return method()

    # -- steps

    def step_floor(self) -> dict[str, float]:
        return {"floor": run([BIN / "python", "-c", FLOOR, self.tmp])["s"]}

    def step_peer(self) -> dict[str, float]:
        pbin = ensure_peer()
        out = self.tmp / "peer.ipynb"
        cmd = (
            f"{pbin}/papermill --no-progress-bar notebooks/report.ipynb {out} "
            f"-p claim_id {CLAIM} && {pbin}/jupyter nbconvert --to html --no-input {out}"
        )
        return {"peer": run(["bash", "-c", cmd])["s"]}

    def step_html(self) -> dict[str, float]:
        out = ["--out", self.tmp / "out"]
        cmd = [*self.fc, CLAIM, "--format", "html", "--force", *out]
        return {"html": run(cmd)["s"]}

    def step_html_pdf(self) -> dict[str, float]:
        out = ["--out", self.tmp / "out"]
        cmd = [*self.fc, CLAIM, "--format", "html,pdf", "--force", *out]
        result = run(cmd, sample=True)
        self.last["html_pdf"] = result
        values = {"html_pdf": result["s"], "rss_tree": result["maxrss_kb"] / 1024}
        if "both_mb" in result:
            values["rss_both"] = result["both_mb"]
        return values

    def step_grow_0(self) -> dict[str, float]:
        out = ["--out", self.tmp / "grow-0"]
        return {"grow_0": run([*self.fc, CLAIM, "--format", "html,pdf", "--force", *out])["s"]}

    def step_charts(self) -> dict[str, float]:
        """Each chart in process: data selection, title, drawing, PNG and SVG written."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from factcheck.evidence import load_evidence
        from factcheck.verdict import assess

        evidence = load_evidence(DATA)
        claim = evidence.claims[CLAIM]
        events = [c for c in evidence.claims.values() if getattr(c, "kind", "") == "event"]
        folder = self.tmp / "charts"
        folder.mkdir(exist_ok=True)
        values: dict[str, float] = {}
        for name in CHARTS:
            functions = chart_functions(name)
            if functions is None:
                values[f"chart_{name}_missing"] = 1.0
                continue
            subject = events[0] if name == "events" and events else claim
            verdict = assess(subject, evidence)

            def once(name=name, subject=subject, verdict=verdict, functions=functions) -> None:
                data_fn, chart_fn, title_fn = functions
                args = {
                    "estimates": (evidence, subject, verdict),
                    "events": (evidence, subject, verdict),
                    "echoes": (evidence, verdict),
                    "share": (evidence, subject, verdict),
                    "history": (verdict,),
                }[name]
                data = data_fn(*args)
                title = title_fn(data) if title_fn else f"{name} chart"
                extra = {"claim": subject, "as_of": verdict.as_of} if name == "estimates" else {}
                fig = chart_fn(data, title=title, **extra)
                _save(fig, name, title, folder)
                plt.close(fig)

            once()  # untimed: first use of fonts and of each artist type
            start = time.perf_counter()
            once()
            values[f"chart_{name}"] = time.perf_counter() - start
        return values

    def step_once(self) -> dict[str, float]:
        """One render with assess wrapped in the render process and its kernel; count the calls."""
        log = self.tmp / "counter" / "assess.log"
        log.unlink(missing_ok=True)
        log.touch()
        path = os.pathsep.join(filter(None, [str(log.parent), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, ASSESS_LOG_ENV: str(log)}
        cmd = [*self.fc, CLAIM, "--format", "html", "--force", "--out", self.tmp / "once"]
        run(cmd, env=env)
        roles = log.read_text().split()
        return {
            "assess_calls": float(len(roles)),
            "assess_render": float(roles.count("render")),
            "assess_kernel": float(roles.count("kernel")),
        }

    def step_batch_20(self) -> dict[str, float]:
        data = ["--data", self.tmp / "batch-data", "--out", self.tmp / "batch-out"]
        result = run([*self.fc, "--all", "--jobs", "2", "--force", *data])
        return {"batch_20": result["s"]}

    def step_cold_20(self) -> dict[str, float]:
        data = ["--data", self.tmp / "batch-data", "--out", self.tmp / "cold-out"]
        total = 0.0
        for claim in self.prepared["batch_ids"]:
            total += run([*self.fc, claim, "--force", *data])["s"]
        return {"cold_20": total}

    def step_size_verdict(self) -> dict[str, float]:
        """Validation and verdict in process, on the 5,000-figure base."""
        from factcheck.evidence import load_evidence
        from factcheck.verdict import assess

        folder = self.prepared["size_data"]
        start = time.perf_counter()
        evidence = load_evidence(folder)
        loaded = time.perf_counter() - start
        claim = evidence.claims[CLAIM]
        start = time.perf_counter()
        assess(claim, evidence)
        return {"size_load": loaded, "size_assess": time.perf_counter() - start}

    def step_size_render(self) -> dict[str, float]:
        result = self._render_base(SIZE[0], "size-out", sample=True)
        values = {"size_render": result["s"], "size_rss": result.get("both_mb", 0.0)}
        pages = pdf_pages(self.tmp / "size-out" / CLAIM, CLAIM)
        if pages is not None:
            values["size_pages"] = float(pages)
        if "growth" in self.rows:
            values["grow_5000"] = result["s"]
        return values

    def step_noop_seed(self) -> dict[str, float]:
        out = self.tmp / "noop-seed" / "reports"
        return {"noop_seed": self._noop([*self.fc, "--all", "--jobs", "2", "--out", out])}

    def step_noop_1000(self) -> dict[str, float]:
        project = Path(self.prepared["noop_1000"])
        if not (project / "src").is_dir():  # never let a stale base start 1,000 renders here
            from factcheck.fingerprint import code_fingerprint
            from factcheck.rendering.uptodate import nothing_to_do

            data, reports = (project / "data").resolve(), (project / "reports").absolute()
            if nothing_to_do(data, reports, ("html",), code_fingerprint()) is None:
                raise BenchError(
                    "the 1,000-claim reports are not up to date (code or data changed)"
                )
        cmd = [*self.fc, "--all", "--jobs", "2", "--format", "html",
               "--data", project / "data", "--out", project / "reports"]  # fmt: skip
        env = None
        if (project / "src" / "factcheck").is_dir():  # the code that rendered those reports
            path = os.pathsep.join(
                filter(None, [str(project / "src"), os.environ.get("PYTHONPATH")])
            )
            cmd = [BIN / "python", "-m", "factcheck.cli", *cmd[1:]]
            env = {**os.environ, "PYTHONPATH": path}
        values = {"noop_1000": self._noop(cmd, env)}
        if "noop_1000_prep" in self.prepared:
            values["noop_1000_prep"] = self.prepared["noop_1000_prep"]
        return values

    @staticmethod
    def _noop(cmd: list, env: dict | None = None) -> float:
        result = run(cmd, env=env)
        if "Everything is up to date" not in result["out"]:
            raise BenchError(f"not a no-op (something was stale): {shlex.join(map(str, cmd))}")
        return result["s"]

    def measure_scale(self, step: str) -> dict[str, float]:
        _, mode, n = step.split("_")
        data = self.tmp / f"scale-{n}" / "data"
        out = self.tmp / f"scale-{n}" / f"reports-{mode}"
        extra = ["--scheduler", "local"] if mode == "dask" else ["--jobs", "2"]
        cmd = [*self.fc, "--all", "--force", "-q", *extra, "--data", data, "--out", out]
        result = run(cmd, tree=True)
        return {step: result["s"], f"{step}_mb": result.get("lasting_mb", 0.0),
                f"{step}_tree_mb": result.get("tree_mb", 0.0),
                "scale_cores": float(min(2, os.cpu_count() or 1))}  # fmt: skip

    def _render_base(self, figures: int, out: str, sample: bool = False) -> dict:
        data = self.tmp / f"synth-{figures}"
        cmd = [*self.fc, CLAIM, "--format", "html,pdf", "--force", "--data", data]
        return run([*cmd, "--out", self.tmp / out], sample=sample)

    # -- notes for missed targets (a few seconds each)

    def kernel_cells(self) -> str:
        """The slowest cells of the report notebook, from a papermill run's recorded durations."""
        executed = self.tmp / "cells.ipynb"
        cmd = [BIN / "papermill", "--no-progress-bar", "notebooks/report.ipynb", executed]
        subprocess.run([*cmd, "-p", "claim_id", CLAIM], cwd=ROOT, capture_output=True)
        if not executed.exists():
            return "HTML render: papermill did not run the report notebook on its own"
        cells = json.loads(executed.read_text())["cells"]
        timed = [
            (c["metadata"].get("papermill", {}).get("duration") or 0, "".join(c["source"])[:40])
            for c in cells
        ]
        total = sum(t for t, _ in timed)
        slow = ", ".join(f"{src.splitlines()[0]!r} {t:.1f} s" for t, src in sorted(timed)[:-4:-1])
        return (
            "HTML render: the report notebook run by papermill alone (a kernel without the "
            "render's preload and hand-off, so its first cell imports and reads the data) "
            f"takes {total:.1f} s in its cells; slowest: {slow}"
        )

    def assess_profile(self) -> str:
        """The slowest steps of assess on the synthetic base (cProfile, cumulative)."""
        from factcheck.evidence import load_evidence
        from factcheck.verdict import assess

        evidence = load_evidence(self.prepared["size_data"])
        profile = cProfile.Profile()
        profile.runcall(assess, evidence.claims[CLAIM], evidence)
        stats = pstats.Stats(profile).sort_stats("cumulative").stats
        top = sorted(
            (v[3], f"{Path(k[0]).stem}.{k[2]}")
            for k, v in stats.items()
            if "factcheck" in k[0] and k[2] != "assess"
        )[-3:][::-1]
        return "verdict: slowest steps of assess (cProfile): " + ", ".join(
            f"{name} {s:.2f} s" for s, name in top
        )


def _save(fig, name: str, alt: str, folder: Path) -> None:
    """Save as factcheck.charts.show does (PNG and SVG); through show itself when it exists."""
    charts = importlib.import_module("factcheck.charts")
    show = getattr(charts, "show", None)
    if callable(show):
        previous = os.environ.get("FACTCHECK_CHARTS_DIR")
        os.environ["FACTCHECK_CHARTS_DIR"] = str(folder)
        try:
            show(fig, name, alt)
        finally:
            if previous is None:
                os.environ.pop("FACTCHECK_CHARTS_DIR", None)
            else:
                os.environ["FACTCHECK_CHARTS_DIR"] = previous
        return
    fig.savefig(folder / f"{name}.png")
    fig.savefig(folder / f"{name}.svg")


# --------------------------------------------------------------------------- output

MEASUREMENTS = {  # key: (label, unit); printed when measured
    "floor": ("floor: papermill + HTMLExporter, empty notebook, 1 process", "s"),
    "peer": ("peer: papermill CLI + jupyter nbconvert CLI (.venv-peer)", "s"),
    "html": (f"ours: render {CLAIM} --format html", "s"),
    "html_pdf": ("ours: same, --format html,pdf", "s"),
    "rss_tree": ("peak RSS, html,pdf: largest process in the tree (getrusage)", "MB"),
    "rss_both": ("peak RSS, html,pdf: render + kernel at once (sampled)", "MB"),
    **{
        f"chart_{n}": (f"chart {n}: data + title + draw + PNG/SVG, in process", "s") for n in CHARTS
    },
    "assess_calls": ("assess calls in one render (render process + kernel)", "n"),
    "batch_20": (f"{BATCH_CLAIMS} claims: render --all --jobs 2 --force", "s"),
    "cold_20": (f"{BATCH_CLAIMS} claims: cold render <id> --force, one after another", "s"),
    "size_load": ("synthetic 5,000 figures: load_evidence (validation)", "s"),
    "size_assess": ("synthetic 5,000 figures: assess", "s"),
    "size_render": ("synthetic 5,000 figures: render html,pdf", "s"),
    "size_rss": ("synthetic 5,000 figures: peak RSS, render + kernel", "MB"),
    "size_pages": ("synthetic 5,000 figures: PDF pages", "n"),
    "grow_0": ("growth: render html,pdf, data/ alone (the fixed cost)", "s"),
    **{f"grow_{n}": (f"growth: render html,pdf, {n:,} extra figures", "s") for n in GROWTH},
    "noop_seed": ("no-op: render --all on data/, every report up to date", "s"),
    "noop_1000": ("no-op: render --all --format html, 1,000 claims up to date", "s"),
    "noop_1000_prep": ("(preparation: rendering those 1,000 claims, --jobs 2, html)", "s"),
}


def scale_measurements(values: dict[str, list[float]]) -> dict[str, tuple[str, str]]:
    """Labels for the scale row's keys, which depend on --claims."""
    labels = {}
    for key in values:
        found = re.fullmatch(r"scale_(local|dask)_(\d+)(_tree)?(_mb)?", key)
        if found:
            mode, n, tree, mb = found.groups()
            how = "--jobs 2" if mode == "local" else "--scheduler local"
            what = "peak PSS, whole tree" if tree else "peak PSS, long-lived" if mb else "wall time"
            labels[key] = (f"{n} claims of the 1,000-claim base, render --all {how}: {what}",
                           "MB" if mb else "s")  # fmt: skip
    return labels


def fmt(value: float, unit: str) -> str:
    return f"{value:,.0f}" if unit == "n" else f"{value:,.2f} {unit}"


def format_measurements(values: dict[str, list[float]], medians: dict[str, float]) -> str:
    lines = [f"{'measurement':<66} {'median':>11}   each run"]
    for key, (label, unit) in {**MEASUREMENTS, **scale_measurements(values)}.items():
        if key in medians:
            each = " ".join(fmt(v, unit).split()[0] for v in values[key])
            lines.append(f"{label:<66} {fmt(medians[key], unit):>11}   {each}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 3)")
    parser.add_argument("--quick", action="store_true", help="1 run, no peer, no warm-up")
    parser.add_argument("--only", metavar="ROW[,ROW]", help=f"some of {','.join(ROW_NAMES)}")
    parser.add_argument("--json", type=Path, help="also write every median here as JSON")
    parser.add_argument(
        "--claims",
        default=",".join(map(str, SCALE_CLAIMS)),
        metavar="N[,N]",
        help="claims the scale row renders (default %(default)s)",
    )
    parser.add_argument(
        "--noop-base",
        type=Path,
        metavar="DIR",
        help="a project folder with data/ and reports/ of the 1,000-claim base, "
        "rendered earlier (and src/ if another copy of the code rendered them)",
    )
    parser.add_argument(
        "--noop-prepare",
        choices=("render", "records"),
        default="render",
        help="how the 1,000 up-to-date reports are made: rendered (long), or "
        "real build records with stand-in outputs (what the no-op reads)",
    )
    args = parser.parse_args()
    claims = tuple(int(n) for n in args.claims.split(",") if n.strip())
    rows = parse_only(args.only)
    runs = max(1, args.runs if args.runs is not None else 1 if args.quick else 3)
    load = os.getloadavg()[0]
    values: dict[str, list[float]] = {}
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as folder:
        bench = Bench(
            Path(folder), runs, not args.quick, rows, claims, args.noop_base, args.noop_prepare
        )
        steps = bench.prepare()
        if not args.quick and any(s in steps for s in ("html", "html_pdf", "once")):
            bench.warm_up()
        for i in range(runs):
            order = run_order([s for s in steps if s not in failures], i)
            print(f"run {i + 1}/{runs}: {', '.join(order)}", flush=True)
            for step in order:
                try:
                    measured = bench.measure(step)
                except BenchError as err:
                    failures[step] = str(err)
                    print(f"  {step}: {err}", flush=True)
                    continue
                for key, value in measured.items():
                    values.setdefault(key, []).append(value)
        medians = {k: statistics.median(v) for k, v in values.items()}
        results = targets(medians)
        notes = []
        missed = {name for name, _, met, _ in results if met is False}
        if missed & {"HTML render <= 2.5x the floor", "HTML render <= 0.4x the peer"}:
            notes.append(bench.kernel_cells())
        if "size: verdict (assess) < 1 s" in missed:
            notes.append(bench.assess_profile())

    loads = f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores"
    print(f"\nMedians of {runs} run(s); load average {loads} (other work on them adds noise)")
    print(format_measurements(values, medians))
    print()
    print(format_targets(results))
    print(f"growth test: {GROWTH_TEST}")
    for step, error in failures.items():
        print(f"failed: {step}: {error.splitlines()[0]}")
    for note in notes:
        print(f"note: {note}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {"runs": runs, "rows": list(rows), "load": load, "medians": medians,
                  "values": values, "failures": failures, "notes": notes,
                  "targets": [{"target": n, "measured": v, "met": m} for n, v, m, _ in results]}  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
