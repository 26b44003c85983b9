"""Build fingerprints: content hashes of the bytes a render actually reads, never file times.

A render reads its inputs once, into a `Snapshot`; the kernel, the verdict and the recorded
fingerprint all come from those bytes, so data edited mid-render cannot make a report that
disagrees with itself or is wrongly called up to date.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..fingerprint import DATA_SUFFIXES, is_other_claims
from ..paths import PACKAGE_DIR, PROJECT_ROOT, REPORT_NOTEBOOK
from .files import write_tree

BUILD_FILE = ".build.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """The bytes of the data files one claim's report depends on: the tables and its own file."""

    files: tuple[tuple[str, bytes], ...]  # (path relative to data/, bytes), sorted by path

    @classmethod
    def read(cls, data_dir: Path, claim_id: str | None = None) -> Snapshot:
        """Read each file once; with a claim id, other claims' files are left out."""
        files = []
        for path in sorted(
            p for p in Path(data_dir).rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES
        ):
            name = path.relative_to(data_dir).as_posix()
            if is_other_claims(name, claim_id):
                continue
            files.append((name, path.read_bytes()))
        return cls(tuple(files))

    @property
    def digest(self) -> str:
        """The same hash as `factcheck.fingerprint.data_version` over the same files."""
        digest = hashlib.sha256()
        for name, data in self.files:
            digest.update(name.encode() + b"\0" + data + b"\0")
        return digest.hexdigest()[:12]

    def write(self, folder: Path) -> Path:
        """Write the snapshot as a data folder (named `data`, so messages read data/...)."""
        write_tree(folder, dict(self.files))
        return folder


def data_fingerprint(data_dir: Path, claim_id: str) -> str:
    """The tables and this claim's own file: another claim's edits do not touch this report."""
    return Snapshot.read(Path(data_dir), claim_id).digest


def code_fingerprint() -> str:
    """The package code, templates and styles, the template notebook and the lock."""
    digest = hashlib.sha256()
    files = sorted(
        p
        for p in PACKAGE_DIR.rglob("*")
        if p.is_file() and p.suffix in (".py", ".j2", ".css", ".json")
    )
    files += [REPORT_NOTEBOOK, PROJECT_ROOT / "requirements" / "runtime.txt"]
    for path in files:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def notebook_fingerprint(notebook: Path) -> str:
    """Whichever notebook renders the claim is part of its build (a claim notebook included)."""
    return sha256(Path(notebook).read_bytes())


def inputs_fingerprint(
    claim_id: str,
    as_of: str,
    formats: tuple[str, ...],
    data_hash: str,
    code_hash: str,
    notebook_hash: str = "",
    settings_hash: str = "",
) -> str:
    key = json.dumps(
        {
            "settings": settings_hash,
            "claim": claim_id,
            "as_of": as_of,
            "formats": sorted(formats),
            "data": data_hash,
            "code": code_hash,
            "notebook": notebook_hash,
        },
        sort_keys=True,
    )
    return sha256(key.encode())


def is_up_to_date(out_dir: Path, fingerprint: str) -> bool:
    """The recorded inputs match and every recorded output is there, whole."""
    try:
        record = json.loads((out_dir / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("inputs") != fingerprint:
        return False
    for name, digest in record.get("files", {}).items():
        try:
            if sha256((out_dir / name).read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


def build_record(fingerprint: str, outputs: dict[str, bytes]) -> bytes:
    record = {"inputs": fingerprint, "files": {n: sha256(d) for n, d in sorted(outputs.items())}}
    return (json.dumps(record, indent=2, sort_keys=True) + "\n").encode()
