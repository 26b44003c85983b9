"""Content hashes: what decides a report's data version and whether it must be rebuilt.

Kept free of heavy imports, so checking that nothing changed costs milliseconds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# The files a report reads: the tables, the claim files, and a claim's own notes (claims/<id>.md).
DATA_SUFFIXES = (".csv", ".yaml", ".yml", ".md")


def is_other_claims(name: str, claim_id: str | None) -> bool:
    """Whether `name` (relative to data/) belongs to a claim other than `claim_id`."""
    own = (f"claims/{claim_id}.yaml", f"claims/{claim_id}.md")
    return claim_id is not None and name.startswith("claims/") and name not in own


def data_version(data_dir: Path, claim_id: str | None = None) -> tuple[str, tuple[str, ...]]:
    """A content hash of the data files, independent of file times and of where data/ lives.

    With a claim id: the tables and that claim's own file only, so editing one claim changes the
    version (and forces a rebuild) of that claim's report alone.
    """
    digest = hashlib.sha256()
    names = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES):
        name = path.relative_to(data_dir).as_posix()
        if is_other_claims(name, claim_id):
            continue
        names.append(name)
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12], tuple(names)
