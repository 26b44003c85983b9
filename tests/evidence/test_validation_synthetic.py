"""The synthetic base for scale tests (scripts/synthetic_base.py) is valid and reproducible.

No timing here: `scripts/synthetic_base.py` prints validate's time on the full 5,000-figure
base; these tests keep the generator honest at a small size.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from factcheck.evidence import load_evidence
from factcheck.verdict import assess

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "synthetic_base.py"
spec = importlib.util.spec_from_file_location("synthetic_base", SCRIPT)
synthetic_base = importlib.util.module_from_spec(spec)
spec.loader.exec_module(synthetic_base)


def test_the_synthetic_base_validates_and_keeps_every_real_claim(tmp_path):
    real = load_evidence(synthetic_base.DATA)
    folder = synthetic_base.write_synthetic_base(tmp_path / "data", figures=300, sources=120)
    evidence = load_evidence(folder)
    assert len(evidence.figures) == len(real.figures) + 300
    assert len(evidence.sources) == len(real.sources) + 120
    assert sorted(evidence.claims) == sorted(real.claims)
    for claim in evidence.claims.values():
        assess(claim, evidence)


def test_most_generated_sources_echo_a_few_roots(tmp_path):
    evidence = load_evidence(
        synthetic_base.write_synthetic_base(tmp_path / "data", figures=10, sources=200)
    )
    generated = [s for s in evidence.sources.values() if s.id.startswith("synth-src-")]
    roots = [s for s in generated if not s.derived_from]
    assert 0 < len(roots) <= 20 < len(generated) - len(roots)


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    def written(name: str, seed: int) -> bytes:
        folder = synthetic_base.write_synthetic_base(
            tmp_path / name, figures=50, sources=30, seed=seed
        )
        return (folder / "figures.csv").read_bytes() + (folder / "sources.csv").read_bytes()

    assert written("a", 0) == written("b", 0)
    assert written("c", 1) != written("d", 0)
