"""Render a claim: validate, execute the notebook with papermill, export HTML and PDF with
nbconvert, all in one process, and move every file into place atomically.

Outputs go to reports/<claim-id>/ only when the whole render succeeded; a failed run keeps the
last good report and leaves its partly executed notebook as failed.ipynb. Content hashes of the
inputs, recorded in .build.json, decide whether a report is up to date (never file times).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RenderError, UsageError
from .fingerprint import data_version
from .ids import ID_PATTERN
from .paths import DATA_DIR, PACKAGE_DIR, PROJECT_ROOT, REPORT_NOTEBOOK, REPORTS_DIR

FORMATS = ("html", "pdf")
KERNEL_NAME = "python3"
KERNEL_START_TIMEOUT = 20  # seconds; papermill's default of 60 hides a broken set-up for a minute
CELL_TIMEOUT = 300
BUILD_FILE = ".build.json"
LOCK_FILE = ".lock"
FIGURES_ENV = "FACTCHECK_FIGURES_DIR"


@dataclass
class RenderResult:
    claim_id: str
    out_dir: Path
    files: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- inputs and hashes


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint() -> str:
    """The package code, templates and styles, the notebook and the lock: what shapes a report."""
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


def data_fingerprint(data_dir: Path, claim_id: str) -> str:
    """The tables and this claim's own file: another claim's edits do not touch this report."""
    return data_version(Path(data_dir), claim_id)[0]


def inputs_fingerprint(
    claim_id: str, as_of: str, formats: tuple[str, ...], data_hash: str, code_hash: str
) -> str:
    key = json.dumps(
        {
            "claim": claim_id,
            "as_of": as_of,
            "formats": sorted(formats),
            "data": data_hash,
            "code": code_hash,
        },
        sort_keys=True,
    )
    return _sha256(key.encode())


def needs_render(
    claim_id: str,
    formats: tuple[str, ...],
    data_dir: Path,
    reports_dir: Path,
    code_hash: str,
    as_of: str = "",
) -> bool:
    """Cheap check, no imports of the heavy stack: has anything this report depends on changed?"""
    fingerprint = inputs_fingerprint(
        claim_id, as_of, formats, data_fingerprint(Path(data_dir), claim_id), code_hash
    )
    return not is_up_to_date(Path(reports_dir) / claim_id, fingerprint)


def is_up_to_date(out_dir: Path, fingerprint: str) -> bool:
    """The recorded inputs match and every recorded output is there, whole."""
    try:
        record = json.loads((out_dir / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if record.get("inputs") != fingerprint:
        return False
    for name, digest in record.get("files", {}).items():
        path = out_dir / name
        try:
            if _sha256(path.read_bytes()) != digest:
                return False
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------- safety


def safe_report_dir(reports_dir: Path, claim_id: str) -> Path:
    """reports/<claim-id>, refusing ids or links that would write anywhere else."""
    if not re.fullmatch(ID_PATTERN, claim_id) or len(claim_id) > 120:
        raise UsageError(
            f"invalid claim id {claim_id!r}: expected lowercase letters, digits and single hyphens "
            "(it names a folder under reports/)"
        )
    root = reports_dir.resolve()
    target = (reports_dir / claim_id).resolve()
    if target.parent != root:
        raise UsageError(
            f"reports/{claim_id} resolves outside {reports_dir} (a symbolic link?); refusing to write there"
        )
    return reports_dir / claim_id


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock: two renders of one claim take turns instead of mixing files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def check_kernel_can_start() -> None:
    """Fail in milliseconds, with advice, where papermill would wait for a kernel that cannot start."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel as err:
        raise RenderError(
            f"no Jupyter kernel named {KERNEL_NAME!r} is installed; run 'make setup' (it installs "
            "ipykernel into .venv) or 'python -m ipykernel install --sys-prefix'."
        ) from err


@contextlib.contextmanager
def kernel_manager() -> Iterator:
    """A kernel that talks over Unix sockets, not TCP: no loopback network needed, nothing exposed."""
    from jupyter_client.manager import KernelManager

    # A short folder: Unix socket paths are limited to 107 bytes.
    folder = tempfile.mkdtemp(prefix="factcheck-kernel-")
    km = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(folder, "k"))
    try:
        yield km
    finally:
        if km.has_kernel:  # nbclient leaves running a kernel it did not create: we stop it
            km.shutdown_kernel(now=True)
        shutil.rmtree(folder, ignore_errors=True)


def execute(notebook: Path, output: Path, parameters: dict, progress: bool = False) -> None:
    """Papermill with our settings: IPC kernel, project root as cwd, no timing metadata."""
    import papermill

    with kernel_manager() as km:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            km=km,
            kernel_name=KERNEL_NAME,
            cwd=str(PROJECT_ROOT),
            progress_bar=progress,
            request_save_on_cell_execute=False,
            start_timeout=KERNEL_START_TIMEOUT,
            execution_timeout=CELL_TIMEOUT,
            record_timing=False,
        )


# --------------------------------------------------------------------------- notebook clean-up


def normalise_notebook(nb, title: str, meta: dict) -> None:
    """Remove what changes from run to run (timings, random ids, absolute paths)."""
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        cell.get("metadata", {}).pop("execution", None)
        pm = cell.get("metadata", {}).get("papermill")
        if pm is not None:
            for key in ("start_time", "end_time", "duration"):
                pm.pop(key, None)
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "output_path", "environment_variables"):
        pm.pop(key, None)
    if "input_path" in pm:
        pm["input_path"] = _relative(Path(pm["input_path"]))
    nb.metadata["title"] = title
    nb.metadata["factcheck"] = meta


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.name


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in (source or "").splitlines() if ln.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def _parameter_path(path: Path) -> str:
    """The data folder as the notebook sees it: relative to the project root when it lies inside."""
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path.resolve())


TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list, "dict": dict}


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Papermill only warns about unknown parameters and never checks types: we refuse both."""
    import papermill

    try:
        declared = papermill.inspect_notebook(str(notebook))
    except Exception as err:  # noqa: BLE001 - an unreadable notebook is a user-facing error
        raise RenderError(f"{notebook}: cannot read its parameters cell: {err}") from None
    if not declared:
        raise RenderError(
            f"{notebook}: no cell tagged 'parameters'; papermill cannot inject anything"
        )
    for name, value in parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise UsageError(
                f"unknown parameter {name!r} for {notebook.name}.{hint} It declares: {', '.join(declared)}"
            )
        expected = TYPES.get(declared[name]["inferred_type_name"])
        if expected is not None and not isinstance(value, expected):
            raise UsageError(
                f"parameter {name!r} of {notebook.name} expects {declared[name]['inferred_type_name']}, "
                f"found {type(value).__name__} {value!r}"
            )


def tidy_if_idle(out_dir: Path) -> None:
    """Clear a killed run's leftovers, unless another render holds the folder right now."""
    with open(out_dir / LOCK_FILE, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        try:
            clear_leftovers(out_dir)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clear_leftovers(out_dir: Path) -> None:
    """Staging folders and temporary files a killed run left behind (we hold the lock)."""
    for path in out_dir.glob(".staging-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in out_dir.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def suggest(claim_id: str, known: list[str]) -> str:
    close = difflib.get_close_matches(claim_id, known, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"unknown claim {claim_id!r}.{hint} Known claims: {', '.join(sorted(known)) or 'none'}."


def parse_as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"invalid --as-of {value!r}: expected a real date as YYYY-MM-DD") from None


# --------------------------------------------------------------------------- the render


def render(
    claim_id: str,
    formats: tuple[str, ...] = FORMATS,
    as_of: str | None = None,
    data_dir: Path = DATA_DIR,
    reports_dir: Path = REPORTS_DIR,
    force: bool = False,
    progress: bool = False,
    code_hash: str | None = None,
    notebook: Path = REPORT_NOTEBOOK,
) -> RenderResult:
    """Render one claim into reports_dir/<claim-id>/; skip it when nothing it depends on changed."""
    started = time.perf_counter()
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format(s) {', '.join(unknown) or '(none)'}: expected html, pdf or html,pdf"
        )
    as_of_date = parse_as_of(as_of)
    data_dir = Path(data_dir)
    out_dir = safe_report_dir(Path(reports_dir), claim_id)
    if not (data_dir / "claims" / f"{claim_id}.yaml").is_file():
        known = (
            [p.stem for p in (data_dir / "claims").glob("*.yaml")]
            if (data_dir / "claims").is_dir()
            else []
        )
        raise UsageError(suggest(claim_id, known))
    code_hash = code_hash or code_fingerprint()
    if Path(notebook).resolve() != REPORT_NOTEBOOK.resolve():
        if not Path(notebook).is_file():
            raise UsageError(f"notebook not found: {notebook}")
        code_hash += _sha256(Path(notebook).read_bytes())
    fingerprint = inputs_fingerprint(
        claim_id, as_of or "", formats, data_fingerprint(data_dir, claim_id), code_hash
    )
    if not force and is_up_to_date(out_dir, fingerprint):
        if any(out_dir.glob(".staging-*")):
            tidy_if_idle(out_dir)
        return RenderResult(
            claim_id, out_dir, up_to_date=True, seconds=time.perf_counter() - started
        )

    from .evidence import for_claim, load_evidence

    evidence = for_claim(
        load_evidence(data_dir), claim_id
    )  # raises EvidenceError listing every problem
    claim = evidence.claims[claim_id]
    if as_of_date is not None and as_of_date < claim.claim_date:
        raise UsageError(
            f"--as-of {as_of_date} is before the claim was made ({claim.claim_date}); expected a later date"
        )

    with locked(out_dir / LOCK_FILE):
        if not force and is_up_to_date(out_dir, fingerprint):  # another process just built it
            return RenderResult(
                claim_id, out_dir, up_to_date=True, seconds=time.perf_counter() - started
            )
        clear_leftovers(out_dir)
        staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=".staging-"))
        try:
            result = _render_into(
                staging,
                out_dir,
                claim,
                evidence,
                formats,
                as_of_date,
                data_dir,
                progress,
                Path(notebook),
            )
            record = {
                "inputs": fingerprint,
                "files": {
                    name: _sha256((out_dir / name).read_bytes()) for name in sorted(result.files)
                },
            }
            write_atomic(
                out_dir / BUILD_FILE, (json.dumps(record, indent=2, sort_keys=True) + "\n").encode()
            )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _render_into(
    staging, out_dir, claim, evidence, formats, as_of_date, data_dir, progress, notebook
) -> RenderResult:
    import nbformat
    from papermill.exceptions import PapermillExecutionError

    from .claimreview import claim_review, to_script_json
    from .verdict import assess

    verdict = assess(claim, evidence, as_of_date)
    review = claim_review(claim, evidence, verdict)
    executed = staging / f"{claim.id}.ipynb"
    figures_dir = staging / "figures"
    parameters = {
        "claim_id": claim.id,
        "as_of": as_of_date.isoformat() if as_of_date else "",
        "data_dir": _parameter_path(data_dir),
    }
    check_parameters(notebook, parameters)
    check_kernel_can_start()
    previous = os.environ.get(FIGURES_ENV)
    os.environ[FIGURES_ENV] = str(figures_dir)
    try:
        execute(notebook, executed, parameters, progress)
    except PapermillExecutionError as err:
        failed = out_dir / "failed.ipynb"
        if executed.exists():
            write_atomic(failed, executed.read_bytes())
        raise RenderError(
            f"{_relative(notebook)}: cell In [{err.exec_count}] ({_first_line(err.source)}) raised {err.ename}: {err.evalue}\n"
            f"The partly executed notebook is {failed}; the previous report is unchanged."
        ) from None
    except RuntimeError as err:  # kernel died or did not start
        raise RenderError(
            f"the Jupyter kernel failed: {err}. The previous report is unchanged."
        ) from None
    finally:
        if previous is None:
            os.environ.pop(FIGURES_ENV, None)
        else:
            os.environ[FIGURES_ENV] = previous

    nb = nbformat.read(executed, as_version=4)
    meta = {
        "claim_id": claim.id,
        "title": claim.claim,
        "author": "factcheck",
        "description": f"Fact check: {verdict.label_name}. {verdict.summary}",
        "data_version": evidence.version,
        "as_of": verdict.as_of.isoformat(),
        "label": verdict.label,
        "jsonld": to_script_json(review),
    }
    normalise_notebook(nb, claim.claim, meta)
    outputs: dict[str, bytes] = {
        f"{claim.id}.ipynb": (nbformat.writes(nb) + "\n").encode(),
        "verdict.json": (
            json.dumps(verdict.to_json(), indent=2, ensure_ascii=False) + "\n"
        ).encode(),
        "claimreview.jsonld": (
            json.dumps(review, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        ).encode(),
    }
    for path in sorted(figures_dir.glob("*")) if figures_dir.is_dir() else []:
        outputs[f"figures/{path.name}"] = path.read_bytes()

    from .html import ReaderHTMLExporter

    html, _ = ReaderHTMLExporter().from_notebook_node(nb)
    if "html" in formats or "pdf" in formats:
        outputs[f"{claim.id}.html"] = html.encode()
    result = RenderResult(claim.id, out_dir)
    if "pdf" in formats:
        from .pdf import PDFEngineError, html_to_pdf

        try:
            outputs[f"{claim.id}.pdf"] = html_to_pdf(html, claim.id)
        except PDFEngineError as err:
            result.warnings.append(
                f"{err}; the HTML and the other outputs were written, the old PDF (if any) is unchanged"
            )
    for name, data in outputs.items():
        write_atomic(out_dir / name, data)
    with contextlib.suppress(FileNotFoundError):
        (out_dir / "failed.ipynb").unlink()
    result.files = sorted(outputs)
    if result.warnings:
        raise RenderError("; ".join(result.warnings), partial=result)
    return result
