"""Benchmark: how long a report takes, against the floor and the peer (a script, not a test).

    .venv/bin/python scripts/bench.py [--runs N] [--quick] [--json bench-results/x.json]

How to read the output. Every figure is the median of N runs (default 5; --quick: 2, no peer),
and every run measures every row, one after the other, so the rows of one table are comparable
with each other; do not compare them with a table printed on another day or machine. Each
command is a fresh process (subprocess + time.perf_counter, wall time), so start-up and imports
are included, as a user sees them. Rows:
  floor   one Python process: papermill on a notebook holding only a parameters cell, then
          nbconvert's HTMLExporter; the least any papermill + nbconvert report can cost.
  peer    what a user would put in a Makefile: `papermill` CLI on notebooks/report.ipynb, then
          `jupyter nbconvert --to html --no-input`, in .venv-peer (the `jupyter` metapackage,
          requirements/peer.txt; created on first use).
  ours    `factcheck render <claim> --force`, HTML and HTML+PDF; the batch `render --all
          --force` with 1 and 2 jobs; the no-op `render --all` with nothing changed.
  RSS     peak memory of one HTML+PDF render. "tree" is getrusage(RUSAGE_CHILDREN).ru_maxrss,
          taken in a fresh helper process after the render exits: the peak of the LARGEST single
          process among the render and every descendant it waited for (its kernel), not a sum.
          "render"/"kernel"/"both" are sampled every 20 ms with psutil: each process's peak, and
          the peak of the two together (what N parallel jobs need, times N).
  verdict load_evidence (the validation) and assess in process, on the synthetic base of
          scripts/synthetic_base.py (the real data/ plus 5,000 figures and 2,000 sources),
          and assess on the real data/.
The machine may be shared: the load average is printed; differences of 10-20 % are noise.
Missed targets get a one-line note of where the time goes (a few seconds of extra work each).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import hashlib
import json
import os
import pstats
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from synthetic_base import write_synthetic_base

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PEER = ROOT / ".venv-peer"
CLAIM = "dprk-kursk-casualties-6000"
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


def run(cmd: list[str], sample: bool = False, cwd: Path = ROOT) -> dict:
    """Run cmd in a fresh helper process; seconds, peak RSS of the tree, and sampled peaks."""
    proc = subprocess.Popen([sys.executable, "-c", HELPER, *cmd], cwd=cwd, stdout=subprocess.PIPE)
    peaks = _sample(proc) if sample else {}
    result = json.loads(proc.communicate()[0])
    if result["rc"] != 0:
        sys.exit(f"failed ({result['rc']}): {shlex.join(cmd)}\n{result['out'][-3000:]}")
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


def ensure_peer() -> Path:
    """.venv-peer from requirements/peer.txt, plus factcheck itself (the notebook imports it)."""
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


def measure_processes(runs: int, peer: bool, tmp: Path) -> tuple[dict, dict]:
    """Every process row, `runs` times, in the same order each time; one untimed warm-up."""
    fc = [str(BIN / "factcheck"), "render"]
    out = ["--out", str(tmp / "out")]
    pbin = ensure_peer() if peer else None
    peer_cmd = (
        f"{pbin}/papermill --no-progress-bar notebooks/report.ipynb {tmp}/peer.ipynb "
        f"-p claim_id {CLAIM} && {pbin}/jupyter nbconvert --to html --no-input {tmp}/peer.ipynb"
    )
    steps = {
        "floor": ([str(BIN / "python"), "-c", FLOOR, str(tmp)], False),
        "peer": (["bash", "-c", peer_cmd], False),
        "html": ([*fc, CLAIM, "--format", "html", "--force", *out], False),
        "html_pdf": ([*fc, CLAIM, "--format", "html,pdf", "--force", *out], True),
        "batch_j1": ([*fc, "--all", "--force", "--jobs", "1", *out], False),
        "batch_j2": ([*fc, "--all", "--force", "--jobs", "2", *out], False),
        "noop": ([*fc, "--all", *out], False),
    }
    if not peer:
        del steps["peer"]
    for name in ("floor", "peer", "html"):
        if name in steps:
            run(steps[name][0])  # warm-up: .pyc files, font caches, the page cache
    values: dict[str, list[float]] = {}
    last: dict[str, dict] = {}
    for i in range(runs):
        print(f"run {i + 1}/{runs}: {', '.join(steps)}", flush=True)
        for name, (cmd, sample) in steps.items():
            last[name] = result = run(cmd, sample)
            values.setdefault(name, []).append(result["s"])
            if sample:  # memory of the HTML+PDF render, the default
                values.setdefault("rss_tree", []).append(result["maxrss_kb"] / 1024)
                for role in ("render", "kernel", "both"):
                    if f"{role}_mb" in result:
                        values.setdefault(f"rss_{role}", []).append(result[f"{role}_mb"])
    return values, last


def measure_verdict(runs: int, tmp: Path) -> tuple[dict, str]:
    """load_evidence and assess in process: synthetic base, then the real data/ (medians)."""
    from factcheck.evidence import load_evidence
    from factcheck.verdict import assess

    def timed(fn) -> list[float]:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return times

    synthetic = write_synthetic_base(tmp / "synthetic")
    values = {"load_synth": timed(lambda: load_evidence(synthetic))}
    evidence = load_evidence(synthetic)
    claim = evidence.claims[CLAIM]
    values["assess_synth"] = timed(lambda: assess(claim, evidence))
    real = load_evidence(ROOT / "data")
    values["assess_real"] = timed(lambda: assess(real.claims[CLAIM], real))
    profile = cProfile.Profile()
    profile.runcall(assess, claim, evidence)
    stats = pstats.Stats(profile).sort_stats("cumulative").stats
    top = sorted(
        (v[3], f"{Path(k[0]).stem}.{k[2]}")
        for k, v in stats.items()
        if "factcheck" in k[0] and k[2] != "assess"
    )[-3:][::-1]
    return values, ", ".join(f"{name} {s:.2f} s" for s, name in top)


@functools.cache
def kernel_cells(tmp: Path, have_peer: bool) -> str:
    """The slowest cells of the report notebook, from a papermill run's recorded durations."""
    executed = tmp / "peer.ipynb"
    if not have_peer:
        cmd = [str(BIN / "papermill"), "--no-progress-bar", "notebooks/report.ipynb", str(executed)]
        subprocess.run([*cmd, "-p", "claim_id", CLAIM], cwd=ROOT, capture_output=True, check=True)
    cells = json.loads(executed.read_text())["cells"]
    timed = [
        (c["metadata"].get("papermill", {}).get("duration") or 0, "".join(c["source"])[:40])
        for c in cells
    ]
    total = sum(t for t, _ in timed)
    charts = sum(t for t, src in timed if "chart(" in src)
    slow = ", ".join(f"{src.splitlines()[0]!r} {t:.1f} s" for t, src in sorted(timed)[:-4:-1])
    return (
        f"HTML render: the notebook's cells take {total:.1f} s in the kernel (papermill's "
        f"timings), charts {charts:.1f} s of it; slowest: {slow}"
    )


def pdf_split(tmp: Path) -> str:
    """What the PDF costs in a fresh process: importing WeasyPrint, then layout and writing."""
    code = (
        "import sys, time; from factcheck.pdf import html_to_pdf; t = time.perf_counter(); "
        "import weasyprint; i = time.perf_counter(); html_to_pdf(open(sys.argv[1]).read(), 'x'); "
        "print(f'{i - t:.2f} s importing WeasyPrint, {time.perf_counter() - i:.2f} s laying out')"
    )
    html = tmp / "out" / CLAIM / f"{CLAIM}.html"
    out = subprocess.run([BIN / "python", "-c", code, html], capture_output=True, text=True)
    text = html.read_text()
    size = f"{len(text) / 1e6:.1f} MB of HTML with {text.count('data:image/png')} inline PNGs"
    split = out.stdout.strip() or out.stderr[-300:]
    return f"HTML+PDF: the PDF alone, once, in process: {split} ({size})"


def ceiling_two_jobs(batch_output: str) -> str:
    """The best speed-up 2 workers can give these claims (longest job first onto the idlest)."""
    times = sorted(map(float, re.findall(r"rendered in ([\d.]+) s", batch_output)), reverse=True)
    workers = [0.0, 0.0]
    for t in times:
        workers[workers.index(min(workers))] += t
    best = sum(times) / max(workers)
    return (
        f"2 jobs: {len(times)} claims of unequal length on 2 workers can be at most {best:.2f}x "
        "faster; the rest is lost to the other load on the 2 cores"
    )


def noop_imports(tmp: Path) -> str:
    """The slowest imports of the no-op batch (python -X importtime)."""
    code = "from factcheck.cli import main; main()"
    cmd = [BIN / "python", "-Ximporttime", "-c", code, "render", "--all", "--out", tmp / "out"]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).stderr
    rows = [ln.split("|") for ln in out.splitlines() if ln.startswith("import time:")][1:]
    top = sorted((int(r[1]), r[2].strip()) for r in rows if not r[2].startswith("  "))[::-1]
    total = sum(us for us, _ in top) / 1e6
    slowest = ", ".join(f"{name} {us / 1e6:.2f} s" for us, name in top[:3])
    return f"no-op: {total:.2f} s of it is imports; slowest: {slowest}"


ROWS = {  # key: (label, unit)
    "floor": ("floor: papermill + HTMLExporter, empty notebook, 1 process", "s"),
    "peer": ("peer: papermill CLI + jupyter nbconvert CLI (.venv-peer)", "s"),
    "html": (f"ours: factcheck render {CLAIM} --format html", "s"),
    "html_pdf": ("ours: same, --format html,pdf", "s"),
    "batch_j1": ("ours: render --all --force --jobs 1 (html,pdf)", "s"),
    "batch_j2": ("ours: render --all --force --jobs 2 (html,pdf)", "s"),
    "noop": ("ours: render --all, nothing changed (no-op)", "s"),
    "rss_tree": ("peak RSS, html,pdf: largest process in the tree (getrusage)", "MB"),
    "rss_render": ("peak RSS, html,pdf: the render process (sampled)", "MB"),
    "rss_kernel": ("peak RSS, html,pdf: its kernel (sampled)", "MB"),
    "rss_both": ("peak RSS, html,pdf: render + kernel at once (sampled)", "MB"),
    "load_synth": ("load_evidence (validation), synthetic 5,000 figures", "ms"),
    "assess_synth": ("assess, synthetic base, casualties > 6,000", "ms"),
    "assess_real": (f"assess, real data/, {CLAIM}", "ms"),
}


def fmt(value: float, unit: str) -> str:
    return f"{value * 1000:,.1f} ms" if unit == "ms" else f"{value:,.2f} {unit}"


def targets(m: dict) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, from what, met); met is None when a figure is missing (--quick)."""
    h, f, p, j1, j2 = m["html"], m["floor"], m.get("peer"), m["batch_j1"], m["batch_j2"]
    pdf, noop, verdict = m["html_pdf"], m["noop"], m["assess_synth"]
    rows = [  # target, measured, how, limit, unit, from what
        ("HTML render <= 1.6x the floor", h / f, "<=", 1.6, "x", f"{h:.2f} / {f:.2f} s"),
        ("HTML render <= 0.5x the peer", p and h / p, "<=", 0.5, "x", f"{h:.2f} / {p or 0:.2f} s"),
        ("HTML+PDF - HTML <= 1.3 s", pdf - h, "<=", 1.3, " s", f"{pdf:.2f} - {h:.2f} s"),
        ("2 jobs >= 1.7x faster than 1", j1 / j2, ">=", 1.7, "x", f"{j1:.2f} / {j2:.2f} s"),
        ("no-op < 0.3 s", noop, "<", 0.3, " s", "render --all, all up to date"),
        ("verdict (assess), synthetic base < 1 s", verdict, "<", 1.0, " s", "5,000 figures"),
    ]
    out = []
    for name, value, how, limit, unit, detail in rows:
        if value is None:
            out.append((name, "n/a", "not measured (--quick)", None))
            continue
        met = value <= limit if how == "<=" else value >= limit if how == ">=" else value < limit
        out.append((name, f"{value:.2f}{unit}", detail, met))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, and no peer")
    parser.add_argument("--json", type=Path, help="also write every median here as JSON")
    args = parser.parse_args()
    runs = 2 if args.quick else max(1, args.runs)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as folder:
        tmp = Path(folder)
        values, last = measure_processes(runs, not args.quick, tmp)
        verdict_values, assess_profile = measure_verdict(runs, tmp)
        values.update(verdict_values)
        medians = {k: statistics.median(v) for k, v in values.items()}
        results = targets(medians)
        notes = {  # only for missed targets, each costs a few seconds at most
            0: lambda: kernel_cells(tmp, not args.quick),
            1: lambda: kernel_cells(tmp, not args.quick),
            2: lambda: pdf_split(tmp),
            3: lambda: ceiling_two_jobs(last["batch_j1"]["out"]),
            4: lambda: noop_imports(tmp),
            5: lambda: f"verdict: slowest steps of assess (cProfile): {assess_profile}",
        }
        missed = [notes[i]() for i, (*_, met) in enumerate(results) if met is False]
        if "Everything is up to date" not in last["noop"]["out"]:
            missed.append("the no-op batch did not say 'Everything is up to date': it rendered")

    loads = f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores"
    print(f"\nMedians of {runs} runs; load average {loads} (other work on them adds noise)")
    print(f"{'measurement':<66} {'median':>11}   each run")
    for key, (label, unit) in ROWS.items():
        if key in medians:
            each = " ".join(fmt(v, unit).split()[0] for v in values[key])
            print(f"{label:<66} {fmt(medians[key], unit):>11}   {each}")
    print(f"\n{'target':<46} {'measured':>9}  {'result':<6}  from")
    for name, measured, detail, met in results:
        result = "-" if met is None else "met" if met else "MISSED"
        print(f"{name:<46} {measured:>9}  {result:<6}  {detail}")
    for note in dict.fromkeys(missed):
        print(f"note: {note}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report = {"runs": runs, "load": load, "medians": medians, "values": values,
                  "targets": [{"target": n, "measured": v, "met": m} for n, v, _, m in results],
                  "notes": missed}  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
