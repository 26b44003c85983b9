"""Content hashes: what decides a report's data version and whether it must be rebuilt.

Kept free of heavy imports, so checking that nothing changed costs milliseconds.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def data_version(data_dir: Path, claim_id: str | None = None) -> tuple[str, tuple[str, ...]]:
    """A content hash of the data files, independent of file times and of where data/ lives.

    With a claim id: the tables and that claim's own file only, so editing one claim changes the
    version (and forces a rebuild) of that claim's report alone.
    """
    digest = hashlib.sha256()
    names = []
    for path in sorted(
        p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".csv", ".yaml", ".yml")
    ):
        name = path.relative_to(data_dir).as_posix()
        if (
            claim_id is not None
            and name.startswith("claims/")
            and name != f"claims/{claim_id}.yaml"
        ):
            continue
        names.append(name)
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12], tuple(names)
