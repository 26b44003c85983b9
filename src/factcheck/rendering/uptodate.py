"""Which reports are up to date, decided from content hashes alone: no evidence model, no kernel.

Kept to the standard library and `factcheck.fingerprint`, so `factcheck render --all` with
nothing to do answers in a fraction of a second on a thousand claims: it imports neither the
evidence model (pydantic, networkx) nor pandas, and reads no output file it hashed before.

How "nothing changed" is decided without validating the evidence: a batch that ended with every
claim published records, in reports/.batch.json, the hash of the whole data folder, the code,
the publisher settings, the formats and each claim's notebook, as they were when the batch
started, and each report folder's stat signature (size, time and inode of its build record and
of every output the record lists), taken after the content of every output was checked against
its build record. The next batch is a no-op exactly when all of that is the same: identical
data was valid then, so it is valid now, and untouched outputs are still the ones hashed. Any
difference (one byte of data, a touched output, a claim added or removed, another setting)
sends the batch down the ordinary path, which validates and hashes everything as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import UsageError
from ..fingerprint import (
    FileHashes,
    inputs_fingerprint,
    notebook_fingerprint,
    report_files,
    sha256,
    stat_signature,
)
from ..paths import DATA_DIR, REPORT_NOTEBOOK

FORMATS = ("html", "pdf")
BATCH_FILE = ".batch.json"  # the last batch that published every claim: see the module's doc
INDEX_FILE = "index.html"


def check_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}: expected html, pdf or html,pdf"
        )
    return tuple(sorted(set(formats)))


def claim_ids(data_dir: Path) -> list[str]:
    """Every claim file's id, valid or not (ids come from file names)."""
    return sorted(p.stem for p in (Path(data_dir) / "claims").glob("*.yaml"))


def check_data_dir(data_dir: Path) -> Path:
    """The evidence folder must exist before anything is read or started."""
    if not Path(data_dir).is_dir():
        raise UsageError(
            f"--data {data_dir}: folder not found; expected the evidence folder (with claims/ "
            "and the CSV tables)"
        )
    return Path(data_dir)


def claim_notebooks_dir(data_dir: Path = DATA_DIR) -> Path:
    """notebooks/claims/ of the project that holds `data_dir` (data/ and notebooks/ are siblings)."""
    return Path(data_dir).resolve().parent / "notebooks" / "claims"


def template_for(data_dir: Path = DATA_DIR) -> Path:
    """notebooks/report.ipynb beside the data folder (a copied project renders its own), else
    the project's template."""
    template = claim_notebooks_dir(data_dir).parent / REPORT_NOTEBOOK.name
    return template if template.is_file() else REPORT_NOTEBOOK


def _kind(path: Path) -> str:
    import stat

    mode = path.lstat().st_mode
    if stat.S_ISLNK(mode):
        return "a symbolic link to something that is not a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"


def notebook_for(claim_id: str, data_dir: Path = DATA_DIR) -> Path:
    """notebooks/claims/<claim-id>.ipynb when an analyst made one, else the template.

    A claim notebook that exists but is not a regular file (a folder, a pipe, a dangling link)
    is refused: silently rendering the template instead would hide the analyst's mistake.
    """
    own = claim_notebooks_dir(data_dir) / f"{claim_id}.ipynb"
    if own.is_file():
        return own
    if os.path.lexists(own):
        raise UsageError(
            f"{own} is {_kind(own)}, not a notebook file; replace it with the claim's .ipynb "
            "or remove it to use the template"
        )
    return template_for(data_dir)


def stray_notebooks(data_dir: Path, ids: list[str]) -> list[str]:
    """A sentence for each entry of notebooks/claims/ that no claim will ever use."""
    folder = claim_notebooks_dir(data_dir)
    if not folder.is_dir():
        return []
    known = set(ids)
    found = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith("."):  # .ipynb_checkpoints and other hidden files are JupyterLab's
            continue
        stem, dot, suffix = name.partition(".")
        if name.endswith(".ipynb") and stem in known:
            continue  # notebook_for checks that it is a regular file
        if name.endswith(".ipynb"):
            why = f"no claim {name[: -len('.ipynb')]!r} under {data_dir.name}/claims/"
        elif stem in known:
            why = f"a claim notebook is named exactly {stem}.ipynb (this one ends in .{suffix})"
        else:
            why = "its name is not <claim-id>.ipynb"
        found.append(f"{path} is not used: {why}")
    return found


def settings_digest() -> str:
    from ..publisher import from_env

    return from_env().digest


def fingerprint_of(
    claim_id: str,
    as_of: str,
    formats,
    data_hash: str,
    code_hash: str,
    notebook_hash: str,
    settings_hash: str | None = None,
) -> str:
    """The build's inputs; the publisher settings are read here unless given."""
    if settings_hash is None:
        settings_hash = settings_digest()
    return inputs_fingerprint(
        claim_id, as_of, formats, data_hash, code_hash, notebook_hash, settings_hash
    )


class Inputs:
    """One batch's view of its inputs, each file hashed once: every claim's expected build
    fingerprint, and the key a no-op batch must match (see the module's doc)."""

    def __init__(self, data_dir: Path, formats: tuple[str, ...], code_hash: str) -> None:
        self.data_dir, self.formats, self.code_hash = Path(data_dir), tuple(formats), code_hash
        self._settings: str | None = None
        self.hashes = FileHashes()
        self._notebooks: dict[Path, str] = {}
        folder = claim_notebooks_dir(self.data_dir)
        self._own = set(os.listdir(folder)) if folder.is_dir() else set()
        self._template: Path | None = None

    def notebook(self, claim_id: str) -> Path:
        """notebook_for, with the folder listed once for every claim (a thousand claims)."""
        if f"{claim_id}.ipynb" in self._own:
            return notebook_for(claim_id, self.data_dir)
        if self._template is None:
            self._template = template_for(self.data_dir)
        return self._template

    @property
    def settings(self) -> str:
        """Read on first use: a bad setting fails each claim with its sentence, as before."""
        if self._settings is None:
            self._settings = settings_digest()
        return self._settings

    def notebook_hash(self, claim_id: str) -> str:
        path = self.notebook(claim_id)
        if path not in self._notebooks:
            self._notebooks[path] = notebook_fingerprint(path)
        return self._notebooks[path]

    def fingerprint(self, claim_id: str) -> str:
        return fingerprint_of(
            claim_id,
            "",
            self.formats,
            self.hashes.version(self.data_dir, claim_id),
            self.code_hash,
            self.notebook_hash(claim_id),
            self.settings,
        )

    def batch_key(self, ids: list[str]) -> str:
        key = {
            "data": self.hashes.version(self.data_dir),
            "code": self.code_hash,
            "settings": self.settings,
            "formats": sorted(self.formats),
            "claims": {c: self.notebook_hash(c) for c in ids},
        }
        return sha256(json.dumps(key, sort_keys=True).encode())


def needs_render(
    claim_id: str,
    formats: tuple[str, ...],
    data_dir: Path,
    reports_dir: Path,
    code_hash: str,
    as_of: str = "",
) -> bool:
    """Cheap check, no imports of the heavy stack: has anything this report depends on changed?"""
    from ..fingerprint import data_fingerprint, is_up_to_date

    fingerprint = fingerprint_of(
        claim_id,
        as_of,
        formats,
        data_fingerprint(Path(data_dir), claim_id),
        code_hash,
        notebook_fingerprint(notebook_for(claim_id, data_dir)),
    )
    return not is_up_to_date(Path(reports_dir) / claim_id, fingerprint)


def _read_batch(reports_dir: Path) -> dict:
    try:
        record = json.loads((Path(reports_dir) / BATCH_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def nothing_to_do(
    data_dir: Path, reports_dir: Path, formats: tuple[str, ...], code_hash: str
) -> list[str] | None:
    """Every claim's id when the last complete batch saw exactly these inputs and no report or
    the index was touched since; None when anything may have changed (then the ordinary path
    decides, with validation)."""
    record = _read_batch(reports_dir)
    ids = claim_ids(data_dir)
    if not record or not ids or sorted(record.get("reports", {})) != ids:
        return None
    try:
        inputs = Inputs(data_dir, formats, code_hash)
        if record.get("key") != inputs.batch_key(ids):
            return None
    except (UsageError, OSError):  # a bad setting or an odd notebook: the ordinary path says so
        return None
    if record.get("index") != stat_signature(reports_dir, [INDEX_FILE]):
        return None
    if any(
        not _as_recorded(reports_dir, claim_id, record["reports"][claim_id]) for claim_id in ids
    ):
        return None
    return ids


def _as_recorded(reports_dir: Path, claim_id: str, seen: object) -> bool:
    """Whether a report folder's files are, by size, time and inode, as a batch record saw them."""
    if (
        not isinstance(seen, dict)
        or not isinstance(seen.get("files"), list)
        or not seen.get("stat")
    ):
        return False
    return seen["stat"] == stat_signature(os.path.join(reports_dir, claim_id), seen["files"])


def as_last_batch_left(reports_dir: Path) -> set[str]:
    """The claims whose report folders the last complete batch checked whole and nothing has
    touched since (size, time and inode of each file, as git's index does): their outputs need
    not be hashed again to know they are whole. A stat of each file, not a read."""
    reports = _read_batch(reports_dir).get("reports")
    if not isinstance(reports, dict):
        return set()
    return {
        claim_id for claim_id, seen in reports.items() if _as_recorded(reports_dir, claim_id, seen)
    }


def record_batch(reports_dir: Path, key: str, expected: dict[str, str]) -> None:
    """After a batch that published every claim: what the next no-op batch must find unchanged.

    `expected` is each claim's build fingerprint from the inputs as read when the batch
    started; a report built from data edited since (its build record says otherwise) means no
    record, so the next batch takes the ordinary path."""
    from .files import write_atomic

    reports_dir = Path(reports_dir)
    signatures = {}
    for claim_id, fingerprint in expected.items():
        out_dir = reports_dir / claim_id
        try:
            recorded = json.loads((out_dir / ".build.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = None
        files = report_files(out_dir)
        signature = stat_signature(out_dir, files) if files else None
        if not isinstance(recorded, dict) or recorded.get("inputs") != fingerprint or not signature:
            forget_batch(reports_dir)
            return
        signatures[claim_id] = {"files": files, "stat": signature}
    record = {
        "key": key,
        "index": stat_signature(reports_dir, [INDEX_FILE]),
        "reports": signatures,
    }
    write_atomic(reports_dir / BATCH_FILE, (json.dumps(record, sort_keys=True) + "\n").encode())


def forget_batch(reports_dir: Path) -> None:
    (Path(reports_dir) / BATCH_FILE).unlink(missing_ok=True)
