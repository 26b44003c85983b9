"""One claim's problems apart from the others': a half-written claim never blocks the rest.

A small adapter over `factcheck.evidence`: problems in `claims/<id>.yaml` belong to that claim
alone; problems anywhere else (the shared tables) stop everything. When the evidence module
offers `check_one_claim` (the data branch), it is used instead of the snapshot trick here.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from .. import evidence as evidence_module
from ..errors import UsageError
from .fingerprint import Snapshot


def check_data_dir(data_dir: Path) -> Path:
    """The evidence folder must exist before anything is read or started."""
    if not Path(data_dir).is_dir():
        raise UsageError(
            f"--data {data_dir}: folder not found; expected the evidence folder (with claims/ "
            "and the CSV tables)"
        )
    return Path(data_dir)


def claim_ids(data_dir: Path) -> list[str]:
    """Every claim file's id, valid or not (ids come from file names)."""
    return sorted(p.stem for p in (Path(data_dir) / "claims").glob("*.yaml"))


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
    """The evidence one claim sees (tables and its file), or EvidenceError with its problems."""
    own = getattr(evidence_module, "check_one_claim", None)
    if own is not None:
        return own(data_dir, claim_id)
    if claim_id not in claim_ids(data_dir):
        raise UsageError(suggest(claim_id, claim_ids(data_dir)))
    with tempfile.TemporaryDirectory(prefix="factcheck-check-") as tmp:
        folder = Snapshot.read(Path(data_dir), claim_id).write(Path(tmp) / "data")
        loaded, problems = load_from_snapshot(folder, claim_id, claim_ids(data_dir))
        if problems:
            raise evidence_module.EvidenceError(problems)
        loaded = evidence_module.for_claim(loaded, claim_id)  # while the snapshot exists
    return replace(loaded, data_dir=Path(data_dir))


def partition(data_dir: Path) -> tuple[object | None, dict[str, list], list]:
    """(evidence of the valid claims or None, problems per invalid claim, shared problems)."""
    try:
        return evidence_module.load_evidence(Path(data_dir)), {}, []
    except evidence_module.EvidenceError as err:
        problems = err.problems
    shared = [p for p in problems if not _is_claim_file(p)]
    per_claim: dict[str, list] = {}
    for p in problems:
        if _is_claim_file(p):
            per_claim.setdefault(Path(p.file).stem, []).append(p)
    return None, per_claim, shared


def suggest(claim_id: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(claim_id, known, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"unknown claim {claim_id!r}.{hint} Known claims: {', '.join(sorted(known)) or 'none'}."
