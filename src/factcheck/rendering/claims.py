"""One claim's problems apart from the others': a half-written claim never blocks the rest.

A small adapter over `factcheck.evidence`: problems in `claims/<id>.yaml` belong to that claim
alone; problems anywhere else (the shared tables) stop everything. The evidence loader sets
invalid claim files aside (`load_evidence(strict=False)`); this module says what that means for
the command line and the batch.
"""

from __future__ import annotations

from pathlib import Path

from .. import evidence as evidence_module
from ..errors import UsageError
from .uptodate import check_data_dir, claim_ids

__all__ = [
    "check_data_dir",
    "check_one_claim",
    "claim_ids",
    "load_from_snapshot",
    "partition",
    "suggest",
]


def _is_claim_file(problem, claim_id: str | None = None) -> bool:
    name = Path(problem.file).as_posix()
    if claim_id is None:
        return "/claims/" in f"/{name}" and name.endswith((".yaml", ".yml"))
    return name.endswith(f"claims/{claim_id}.yaml")


def load_from_snapshot(folder: Path, claim_id: str, known: list[str]):
    """Load the base a snapshot holds; corrections naming other (absent) claims are not errors."""
    try:
        return evidence_module.load_evidence(folder), []
    except evidence_module.EvidenceError as err:
        problems = [
            p
            for p in err.problems
            if not (
                p.field == "claim"
                and p.file.endswith("corrections.csv")
                and any(f"unknown claim {other!r}" in p.message for other in known)
            )
        ]
        if problems:
            return None, problems
        raise  # only corrections for other claims: the loader cannot give us the base


def check_one_claim(data_dir: Path, claim_id: str):
    """The evidence with this claim loaded, or EvidenceError with the problems that stop it."""
    if claim_id not in claim_ids(data_dir):
        raise UsageError(suggest(claim_id, claim_ids(data_dir)))
    evidence = evidence_module.load_evidence(Path(data_dir), strict=False)
    if claim_id in evidence.claim_problems:
        raise evidence_module.EvidenceError(evidence.claim_problems[claim_id])
    return evidence


def partition(data_dir: Path) -> tuple[object | None, dict[str, list], list]:
    """(evidence of the valid claims or None, problems per invalid claim, shared problems)."""
    try:
        evidence = evidence_module.load_evidence(Path(data_dir), strict=False)
    except evidence_module.EvidenceError as err:
        return None, {}, list(err.problems)
    return evidence, {k: list(v) for k, v in evidence.claim_problems.items()}, []


def suggest(claim_id: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(claim_id, known, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"unknown claim {claim_id!r}.{hint} Known claims: {', '.join(sorted(known)) or 'none'}."
