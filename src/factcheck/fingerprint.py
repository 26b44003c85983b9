"""Content hashes: a report's data version, its build fingerprint, and whether it is up to date.

The one fingerprint module (the evidence model's data version and the renderer's build records
both come from here). Standard library only, so that deciding that nothing changed costs
milliseconds: `factcheck render --all` with nothing to do never imports the evidence model.

A data version is a hash over each file's name and the hash of its bytes, so one claim's
version (the tables and its own file) reuses the tables' hashes: a thousand claims over one
large table hash that table once, not a thousand times. File times are never used for inputs
(a fresh clone sets every time to now).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .paths import PACKAGE_DIR, PROJECT_ROOT, REPORT_NOTEBOOK

# The files a report reads: the tables, the claim files, and a claim's own notes (claims/<id>.md).
DATA_SUFFIXES = (".csv", ".yaml", ".yml", ".md")
BUILD_FILE = ".build.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """`sha256` of a file's bytes, read in chunks: a report's verdict.json can be tens of MB."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def own_claim_files(claim_id: str) -> tuple[str, str]:
    """The names (relative to data/) a claim's own files may have: its claim and its notes."""
    return f"claims/{claim_id}.yaml", f"claims/{claim_id}.md"


def is_other_claims(name: str, claim_id: str | None) -> bool:
    """Whether `name` (relative to data/) belongs to a claim other than `claim_id`."""
    return (
        claim_id is not None
        and name.startswith("claims/")
        and name not in own_claim_files(claim_id)
    )


def data_files(data_dir: Path, claim_id: str | None = None) -> list[tuple[str, Path]]:
    """(name relative to data/, path) of every data file a report reads, sorted by name; with a
    claim id, other claims' files are left out."""
    data_dir = Path(data_dir)
    root = os.fspath(data_dir)
    found = []
    for folder, subfolders, names in os.walk(root, followlinks=True):  # as rglob: links followed
        subfolders.sort()
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for file_name in names:
            if os.path.splitext(file_name)[1] not in DATA_SUFFIXES:
                continue
            name = prefix + file_name
            path = os.path.join(folder, file_name)
            if not is_other_claims(name, claim_id) and os.path.isfile(path):
                found.append((name, Path(path)))
    return sorted(found)


def version_of(hashed: Iterable[tuple[str, bytes]]) -> str:
    """The data version of (name, sha256 digest of the file's bytes) pairs, sorted by name."""
    digest = hashlib.sha256()
    for name, file_digest in hashed:
        digest.update(name.encode() + b"\0" + file_digest + b"\0")
    return digest.hexdigest()[:12]


def data_version(data_dir: Path, claim_id: str | None = None) -> tuple[str, tuple[str, ...]]:
    """A content hash of the data files, independent of file times and of where data/ lives.

    With a claim id: the tables and that claim's own file only, so editing one claim changes the
    version (and forces a rebuild) of that claim's report alone.
    """
    files = data_files(Path(data_dir), claim_id)
    hashed = [(name, hashlib.sha256(path.read_bytes()).digest()) for name, path in files]
    return version_of(hashed), tuple(name for name, _ in files)


@dataclass(frozen=True)
class Snapshot:
    """The bytes of the data files one claim's report depends on: the tables and its own file.

    A render reads its inputs once, into a snapshot; the kernel, the verdict and the recorded
    fingerprint all come from those bytes, so data edited mid-render cannot make a report that
    disagrees with itself or is wrongly called up to date.
    """

    files: tuple[tuple[str, bytes], ...]  # (path relative to data/, bytes), sorted by path

    @classmethod
    def read(cls, data_dir: Path, claim_id: str | None = None) -> Snapshot:
        """Read each file once; with a claim id, other claims' files are left out."""
        return cls(
            tuple((name, path.read_bytes()) for name, path in data_files(data_dir, claim_id))
        )

    @property
    def digest(self) -> str:
        """The same hash as `data_version` over the same files."""
        return version_of((name, hashlib.sha256(data).digest()) for name, data in self.files)


class FileHashes:
    """Each data file hashed at most once, and the data folder listed once, while many claims'
    versions are computed: listing it for each claim of a thousand read a million names."""

    def __init__(self) -> None:
        self._seen: dict[Path, bytes] = {}
        self._listed: dict[Path, tuple[list[tuple[str, Path]], dict[str, Path]]] = {}

    def of(self, path: Path) -> bytes:
        if path not in self._seen:
            self._seen[path] = hashlib.sha256(path.read_bytes()).digest()
        return self._seen[path]

    def files(self, data_dir: Path, claim_id: str | None = None) -> list[tuple[str, Path]]:
        """data_files(data_dir, claim_id), from one listing of the folder."""
        key = Path(data_dir)
        if key not in self._listed:
            shared, claims = [], {}
            for name, path in data_files(key):
                if name.startswith("claims/"):
                    claims[name] = path
                else:
                    shared.append((name, path))
            self._listed[key] = (shared, claims)
        shared, claims = self._listed[key]
        if claim_id is None:
            return sorted([*shared, *claims.items()])
        own = [(name, claims[name]) for name in own_claim_files(claim_id) if name in claims]
        return sorted([*shared, *own])

    def version(self, data_dir: Path, claim_id: str | None = None) -> str:
        return version_of((n, self.of(p)) for n, p in self.files(data_dir, claim_id))


def data_fingerprint(data_dir: Path, claim_id: str) -> str:
    """The tables and this claim's own file: another claim's edits do not touch this report."""
    return data_version(Path(data_dir), claim_id)[0]


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


def read_build_record(out_dir: Path) -> dict | None:
    """A report folder's build record, or None when it is missing or unreadable."""
    try:
        record = json.loads((out_dir / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def is_up_to_date(out_dir: Path, fingerprint: str, files_checked: bool = False) -> bool:
    """The recorded inputs match and every recorded output is there, whole.

    `files_checked`: the folder's files are, by size, time and inode, as they were when last
    hashed whole (uptodate.as_last_batch_left), so they are not read again."""
    record = read_build_record(out_dir)
    if record is None or record.get("inputs") != fingerprint:
        return False
    if files_checked:
        return True
    for name, digest in record.get("files", {}).items():
        try:
            if file_sha256(out_dir / name) != digest:
                return False
        except OSError:
            return False
    return True


def stat_signature(folder: Path | str, names: Iterable[str]) -> str | None:
    """Size, modification time, inode and mode of each named file in `folder`: None when one is
    missing. Used only to skip re-hashing outputs that were hashed before and not touched since
    (as git's index does), never to decide that an input changed."""
    parts = []
    folder = os.fspath(folder)
    for name in names:
        try:
            st = os.stat(f"{folder}/{name}", follow_symlinks=False)
        except OSError:
            return None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{st.st_mode}")
    return sha256("\n".join(parts).encode())


def report_files(out_dir: Path) -> list[str] | None:
    """The build record and every output it lists, by name; None without a readable record."""
    record = read_build_record(out_dir)
    if record is None or not isinstance(record.get("files", {}), dict):
        return None
    return [BUILD_FILE, *sorted(record.get("files", {}))]


def build_record(fingerprint: str, outputs: dict[str, bytes], index: dict | None = None) -> bytes:
    """What a report was built from and the hash of each file it wrote; `index`: the fields of
    its verdict the reports' index shows (rendering/index.py), so the index need not parse it."""
    record = {"inputs": fingerprint, "files": {n: sha256(d) for n, d in sorted(outputs.items())}}
    if index is not None:
        record["index"] = index
    return (json.dumps(record, indent=2, sort_keys=True) + "\n").encode()
