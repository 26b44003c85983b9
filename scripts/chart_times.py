"""Print how long each chart takes: data selection, drawing and the PNG, per claim.

    .venv/bin/python scripts/chart_times.py            # the real evidence in data/
    .venv/bin/python scripts/chart_times.py --large    # plus the 5,000-figure synthetic base

A measurement to read, not a test: the median of five runs after one warm-up, in seconds of
wall-clock and of CPU time (the honest figure when other work shares the cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from factcheck import charts
from factcheck.evidence import load_evidence
from factcheck.verdict import assess, history

ROOT = Path(__file__).resolve().parent.parent


def jobs(evidence, claim, verdict, points):
    """name -> a function drawing that chart from scratch and returning its PNG."""

    def estimates():
        d = charts.estimates_data(evidence, claim, verdict)
        return charts.estimates_chart(d, title=charts.estimates_title(d, claim), claim=claim)

    def events():
        d = charts.events_data(evidence, claim, verdict)
        return charts.events_chart(d, title=charts.events_title(d), claim=claim)

    def echoes():
        d = charts.echoes_data(evidence, verdict)
        return charts.echoes_chart(d, title=charts.echoes_title(d))

    def share():
        d = charts.share_data(evidence, claim, verdict)
        return charts.share_chart(d, title=charts.share_title(d))

    def history_():
        d = charts.history_data(verdict, points)
        return charts.history_chart(d, title=charts.history_title(d))

    chosen = {"estimates": estimates, "echoes": echoes, "share": share, "history": history_}
    if claim.kind == "event":
        chosen = {"events": events, "echoes": echoes, "history": history_}
    return {name: (lambda f=f: charts.png_bytes(f())) for name, f in chosen.items()}


def median_time(job, runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds: CPU time is what the chart costs on a shared machine."""
    job()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        job()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def report(label: str, evidence, claims) -> None:
    for claim in claims:
        verdict = assess(claim, evidence)
        points = history(claim, evidence, verdict.as_of) if len(evidence.figures) < 500 else []
        for name, job in jobs(evidence, claim, verdict, points).items():
            wall, cpu = median_time(job)
            print(f"{label:10s} {claim.id:42s} {name:10s} {wall:6.3f} s wall {cpu:6.3f} s cpu")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also time the synthetic base")
    args = parser.parse_args()
    evidence = load_evidence(ROOT / "data")
    report("real", evidence, [evidence.claims[c] for c in sorted(evidence.claims)])
    if args.large:
        sys.path.insert(0, str(ROOT / "tests"))
        from charts_synthetic import large_evidence
        from conftest import claim

        big = large_evidence()
        report("5000 figs", big, [claim(6000, ">", as_of=dt.date(2026, 9, 1))])


if __name__ == "__main__":
    main()
