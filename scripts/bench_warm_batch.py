"""Warm batch vs cold renders: N claims with `render --all --jobs J --force` vs N cold renders.

Copies data/ to a temporary folder and adds copies of the real claims under distinct ids until
there are N, then times both ways with the installed `factcheck` command (HTML and PDF, as a
newsroom would publish) and prints the ratio. A script, not a test: timings are not assertions.

    .venv/bin/python scripts/bench_warm_batch.py --claims 20 --jobs 2
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = str(Path(sys.executable).with_name("factcheck"))


def make_data(folder: Path, claims: int) -> list[str]:
    """data/ copied, its claims repeated under new ids (…-copy-N) until there are `claims`."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    originals = sorted((data / "claims").glob("*.yaml"))
    ids = [path.stem for path in originals]
    n = 0
    while len(ids) < claims:
        source = originals[n % len(originals)]
        claim = yaml.safe_load(source.read_text(encoding="utf-8"))
        claim["id"] = f"{source.stem}-copy-{n + 1}"
        (data / "claims" / f"{claim['id']}.yaml").write_text(
            yaml.safe_dump(claim, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        ids.append(claim["id"])
        n += 1
    return ids[:claims] if len(ids) == claims else ids


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="html,pdf")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder = Path(tmp)
        ids = make_data(folder, args.claims)
        data, out = str(folder / "data"), str(folder / "reports")
        common = ["--format", args.format, "--data", data, "--out", out, "--force", "--quiet"]
        warm = timed([FACTCHECK, "render", "--all", "--jobs", str(args.jobs), *common])
        cold = sum(timed([FACTCHECK, "render", claim_id, *common]) for claim_id in ids)
    print(f"{len(ids)} claims, format {args.format}")
    print(f"warm batch (render --all --jobs {args.jobs} --force): {warm:6.1f} s")
    print(f"cold, one after another (render ID --force):   {cold:6.1f} s")
    print(f"ratio cold / warm: {cold / warm:.2f} (target >= 3)")


if __name__ == "__main__":
    main()
