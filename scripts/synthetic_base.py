"""A synthetic evidence base for scale tests and the benchmark: the real data, scaled up.

    .venv/bin/python scripts/synthetic_base.py [--figures N] [--sources N] [--claims N] [--seed N]

`write_synthetic_base(folder, figures=5000, sources=2000, seed=0, claims=0)` copies the real `data/`
(its originators, subjects, claims and their evidence) into `folder` and appends generated
sources and figures: a few root documents per originator, each echoed by many derived
documents (as one UK DI post was echoed by dozens of outlets), and figures spread over the
real metrics and dates. With `claims=N` the base holds N claims: the real ones, then copies of
them under new ids (`synth-0001-<real id>`, ...) with their wording kept, so every claim renders
a full report (the scale test of issue 23: 1,000 claims over 20,000 figures). The output is a pure function of the arguments (no clock, no global
random state), so two runs with the same seed write the same bytes. Run as a script, it
writes a base to a temporary folder and prints how long validation and one verdict take.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DAY0 = dt.date(2024, 10, 1)
SPAN_DAYS = 360  # documents dated from October 2024 to September 2025, like the real ones
ROOTS_PER_ORIGINATOR = 3
METRICS = ("casualties", "killed", "wounded", "deployed", "reinforcements", "deployed_total")
TYPICAL = {  # a plausible middle value per metric, so verdicts exercise real comparisons
    "casualties": 4000,
    "killed": 1000,
    "wounded": 3000,
    "deployed": 11000,
    "reinforcements": 3000,
    "deployed_total": 14000,
}
QUALIFIERS = ("exact", "approximately", "approximately", "at least", "more than", "up to")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerows(rows)


def synthetic_claim_ids(real: list[str], count: int) -> list[tuple[str, str]]:
    """(id, real id it copies) for `count` claims: the real ones first, then numbered copies."""
    real = sorted(real)
    pairs = [(claim, claim) for claim in real[:count]]
    for i in range(count - len(pairs)):
        source = real[i % len(real)]
        pairs.append((f"synth-{i + 1:04d}-{source}", source))
    return pairs


def copy_claims(claims: Path, pairs: list[tuple[str, str]]) -> None:
    """Write each (new id, real id) pair's claim file: the real claim under the new id."""
    for new, source in pairs:
        if new == source:
            continue
        text = (claims / f"{source}.yaml").read_text(encoding="utf-8")
        text, found = re.subn(r"^id:\s*\S+", f"id: {new}", text, count=1, flags=re.M)
        if not found:
            raise ValueError(f"{claims / source}.yaml: no 'id:' line; expected 'id: {source}'")
        (claims / f"{new}.yaml").write_text(text, encoding="utf-8")


def add_claims(folder: Path, count: int) -> list[str]:
    """Copy the claim files under folder/claims until there are `count`; their ids."""
    claims = Path(folder) / "claims"
    real = sorted(path.stem for path in claims.glob("*.yaml"))
    if not real:
        raise ValueError(f"{claims}: no claim files to copy")
    pairs = synthetic_claim_ids(real, count)
    copy_claims(claims, pairs)
    for path in claims.glob("*.yaml"):  # fewer claims than the real ones: keep the first few
        if path.stem not in {new for new, _ in pairs}:
            path.unlink()
            path.with_suffix(".md").unlink(missing_ok=True)
    return [new for new, _ in pairs]


def write_synthetic_base(
    folder: Path,
    figures: int = 5000,
    sources: int = 2000,
    seed: int = 0,
    data: Path = DATA,
    claims: int = 0,
) -> Path:
    """Write a valid data folder to `folder` (created; must not exist or be empty); return it."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty; expected a new or empty folder")
    shutil.copytree(data, folder, dirs_exist_ok=True)
    rng = random.Random(seed)
    originators = [row["id"] for row in _read(folder / "originators.csv")[1]]
    subject = _read(folder / "subjects.csv")[1][0]["id"]

    source_header, _ = _read(folder / "sources.csv")
    roots = [(originator, k) for originator in originators for k in range(ROOTS_PER_ORIGINATOR)][
        : max(1, sources // 10)
    ]
    new_sources: list[dict[str, object]] = []
    published: list[dt.date] = []
    for i in range(sources):
        if i < len(roots):
            originator, parent = roots[i][0], None
            day = DAY0 + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        else:  # an echo of a root or of an earlier echo: chains, never loops
            parent = rng.randrange(i)
            originator = new_sources[parent]["originator"]
            day = published[parent] + dt.timedelta(days=rng.randrange(4))
        published.append(day)
        new_sources.append(
            {"id": f"synth-src-{i}", "outlet": f"Synthetic outlet {i % 150}",
             "title": f"Synthetic report {i}", "url": f"https://synthetic.example/{i}",
             "published": day.isoformat(), "accessed": "2026-11-25", "language": "en",
             "originator": originator,
             "derived_from": "" if parent is None else f"synth-src-{parent}",
             "reliability": rng.choice("ABBCCDEF"), "reliability_reason": "synthetic",
             "status": "verified"}
        )  # fmt: skip
    _append(folder / "sources.csv", source_header, new_sources)

    figure_header, _ = _read(folder / "figures.csv")
    new_figures: list[dict[str, object]] = []
    for i in range(figures):
        s = rng.randrange(sources)
        metric = rng.choice(METRICS)
        low = max(0, int(TYPICAL[metric] * rng.uniform(0.3, 1.6)))
        new_figures.append(
            {"id": f"synth-fig-{i}", "subject": subject, "metric": metric, "low": low,
             "high": low + rng.choice((0, 0, 0, low // 5)), "qualifier": rng.choice(QUALIFIERS),
             "refers_to": (published[s] - dt.timedelta(days=rng.randrange(10))).isoformat(),
             "source": f"synth-src-{s}", "quote": f"synthetic quote {i}",
             "hedge": "highly likely" if i % 7 == 0 else ""}
        )  # fmt: skip
    _append(folder / "figures.csv", figure_header, new_figures)
    if claims:
        add_claims(folder, claims)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=5000)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument(
        "--claims", type=int, default=0, help="claims in the base (0: the real ones)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the base to this new folder and stop")
    args = parser.parse_args()
    if args.out:
        write_synthetic_base(args.out, args.figures, args.sources, args.seed, claims=args.claims)
        print(f"wrote {args.out}")
        return
    sys.path.insert(0, str(ROOT / "src"))
    from factcheck.evidence import load_evidence
    from factcheck.verdict import assess

    with tempfile.TemporaryDirectory() as tmp:
        folder = write_synthetic_base(Path(tmp) / "data", args.figures, args.sources, args.seed)
        start = time.perf_counter()
        evidence = load_evidence(folder)
        loaded = time.perf_counter() - start
        claim = evidence.claims["dprk-kursk-casualties-6000"]
        start = time.perf_counter()
        verdict = assess(claim, evidence)
        assessed = time.perf_counter() - start
    print(
        f"synthetic base: {len(evidence.figures):,} figures, {len(evidence.sources):,} sources\n"
        f"  validate (load_evidence): {loaded:.3f} s  (target < 1 s: {'met' if loaded < 1 else 'NOT met'})\n"
        f"  verdict (assess, {claim.id}): {assessed:.3f} s -> {verdict.label}"
    )


if __name__ == "__main__":
    main()
