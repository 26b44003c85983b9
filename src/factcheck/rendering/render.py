"""Render one claim: read its inputs once, judge once, execute its notebook, swap the folder in.

A render reads the data files it depends on once, into a snapshot inside a hidden staging
folder beside reports/<claim-id>/. The verdict is computed once, here, from that snapshot and
written as verdict.json; the kernel runs in the snapshot folder with `data_dir="data"` and
`verdict_json="verdict.json"` (when the notebook declares it), so the page, verdict.json and
the ClaimReview all come from one object and no absolute path reaches the notebook. The
finished folder replaces reports/<claim-id>/ in one rename; a failed run keeps the last good
report and leaves its partly executed notebook as failed.ipynb.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RenderError, UsageError
from ..fingerprint import (
    BUILD_FILE,
    Snapshot,
    build_record,
    code_fingerprint,
    is_up_to_date,
    sha256,
)
from ..ids import ID_PATTERN, MAX_ID_LENGTH
from ..paths import DATA_DIR, REPORTS_DIR
from ..publisher import PUBLISHER_ENV
from ..publisher import from_env as publisher_settings
from . import execute as execution
from .dates import check_in_range, parse_as_of
from .files import (
    clear_leftovers,
    ensure_folder,
    lock_path,
    locked,
    publish,
    refuse_links_inside,
    remove_staging,
    staging_folder,
    tidy_if_idle,
    write_tree,
)
from .uptodate import (  # kept importable from here: the light module holds them
    FORMATS,
    check_data_dir,
    check_formats,
    claim_ids,
    claim_notebooks_dir,
    fingerprint_of,
    needs_render,
    notebook_for,
    stray_notebooks,
    template_for,
)

__all__ = [  # re-exported from uptodate.py for callers and tests that import them from here
    "FORMATS",
    "check_formats",
    "claim_notebooks_dir",
    "fingerprint_of",
    "needs_render",
    "notebook_for",
    "stray_notebooks",
    "template_for",
    "render",
]
CHARTS_ENV = "FACTCHECK_CHARTS_DIR"
CHARTS_FOLDER = "charts"
INPUT_FOLDER = ".input"  # inside staging: the snapshot the kernel runs in; never published
NOTEBOOK_FOLDER = ".notebook"  # inside staging: the notebook's bytes as read once; never published
EVIDENCE_HANDOFF = (
    "evidence.pickle"  # in the kernel's folder: the evidence this render loaded; never published
)
RATING = re.compile(r'class="verdict verdict--([a-z0-9-]*)"')
LABEL = re.compile(r'<p class="verdict__label">(.*?)</p>', re.S)


MAX_PAGE_TEXT = 1_500_000  # characters of text and HTML the notebook's outputs may put on the page
# (the seed claim's page has about 360,000; 2 MB of HTML made a 763-page PDF in 45 s)
MAX_PAGE_IMAGES = 25_000_000  # characters of images inline in HTML (base64): one box each to lay
# out, so they count apart; a chart is bounded in pixels by the chart code, not in bytes
INLINE_IMAGE = re.compile(r"data:image/[-+.a-z]+;base64,[A-Za-z0-9+/=]+")


def check_output_size(nb, shown_as: str) -> None:
    """Bound what a notebook puts on the page, before nbconvert and WeasyPrint lay it out."""
    total, images, biggest = 0, 0, (0, None)
    for index, cell in enumerate(nb.cells):
        size = 0
        for output in cell.get("outputs", []):
            size += len("".join(output.get("text", "")))
            for kind, value in (output.get("data") or {}).items():
                if kind.startswith("image/"):  # charts are bounded by the chart code
                    continue
                text = value if isinstance(value, str) else json.dumps(value)
                inline = sum(len(m) for m in INLINE_IMAGE.findall(text))  # a chart's <img>
                images += inline
                size += len(text) - inline
        total += size
        biggest = max(biggest, (size, cell.get("execution_count") or index), key=lambda x: x[0])
    if images > MAX_PAGE_IMAGES:
        raise RenderError(
            f"{shown_as}: the notebook's outputs hold {images:,} characters of inline images, "
            f"more than the {MAX_PAGE_IMAGES:,} a report page may show; show fewer or smaller "
            "images. The previous report is unchanged."
        )
    if total > MAX_PAGE_TEXT:
        raise RenderError(
            f"{shown_as}: the notebook's outputs hold {total:,} characters of text and HTML, "
            f"more than the {MAX_PAGE_TEXT:,} a report page may show (the largest, "
            f"{biggest[0]:,}, from cell In [{biggest[1]}]); display a summary instead. "
            "The previous report is unchanged."
        )


def check_page_matches(html: str, verdict, claim_id: str) -> None:
    """The rating, label and counts the page shows must be verdict.json's: a notebook cannot
    publish another. The page's verdict box carries them (class verdict--<rating>, its label
    paragraph, data-lines/-supporting/-contradicting/-inconclusive)."""
    from html import unescape

    shown = {m for m in RATING.findall(html)}
    if shown - {verdict.label}:
        other = sorted(shown - {verdict.label})[0]
        raise RenderError(
            f"{claim_id}: the page shows the rating {other!r} but verdict.json says "
            f"{verdict.label!r}; nothing was published and the previous report is unchanged."
        )
    expected = {
        "lines": len(verdict.lines),
        **{
            stance: sum(1 for line in verdict.lines if line.stance == key)
            for stance, key in (
                ("supporting", "supports"),
                ("contradicting", "contradicts"),
                ("inconclusive", "inconclusive"),
            )
        },
    }
    for name, value in expected.items():
        for found in re.findall(rf'data-{name}="(\d+)"', html):
            if int(found) != value:
                raise RenderError(
                    f"{claim_id}: the page counts {found} {name} source lines but verdict.json "
                    f"has {value}; nothing was published and the previous report is unchanged."
                )
    names = {unescape(m).strip() for m in LABEL.findall(html)}
    if names - {verdict.label_name}:
        other = sorted(names - {verdict.label_name})[0]
        raise RenderError(
            f"{claim_id}: the page's rating reads {other!r} but verdict.json's label is "
            f"{verdict.label_name!r}; nothing was published and the previous report is unchanged."
        )


@dataclass
class RenderResult:
    claim_id: str
    out_dir: Path
    files: list[str] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def safe_report_dir(reports_dir: Path, claim_id: str) -> Path:
    """reports/<claim-id>, refusing ids or links that would write anywhere else."""
    if not re.fullmatch(ID_PATTERN, claim_id) or len(claim_id) > MAX_ID_LENGTH:
        raise UsageError(
            f"invalid claim id {claim_id!r}: expected lowercase letters, digits and single hyphens, "
            f"at most {MAX_ID_LENGTH} characters (it names a folder under reports/)"
        )
    target = Path(reports_dir) / claim_id
    refuse_links_inside(target)
    return target


class _WarmUp:
    """The HTML exporter, its templates compiled, and WeasyPrint warmed up, in a thread while
    the kernel runs the notebook, on the core this process leaves idle; `exporter()` joins it."""

    def __init__(self, formats: tuple[str, ...]) -> None:
        import threading

        self._exporters: list = []
        self._thread = threading.Thread(
            target=self._warm, args=(formats,), name="factcheck-warm-up", daemon=True
        )
        self._thread.start()

    def _warm(self, formats: tuple[str, ...]) -> None:
        from ..html import warmed_exporter

        self._exporters.append(warmed_exporter())
        if "pdf" in formats:
            from ..pdf import warm_up

            warm_up()

    def exporter(self):
        from ..html import ReaderHTMLExporter

        self._thread.join()
        return self._exporters[0] if self._exporters else ReaderHTMLExporter()


def verdict_bytes(verdict) -> bytes:
    """The Verdict's own JSON: `Verdict.model_validate_json` reads it back equal."""
    return (verdict.model_dump_json(indent=2) + "\n").encode()


def render(
    claim_id: str,
    formats: tuple[str, ...] = FORMATS,
    as_of: str | None = None,
    data_dir: Path = DATA_DIR,
    reports_dir: Path = REPORTS_DIR,
    force: bool = False,
    progress: bool = False,
    code_hash: str | None = None,
    notebook: Path | None = None,
    kernels=None,
    cell_timeout: int = execution.CELL_TIMEOUT,
) -> RenderResult:
    """Render one claim into reports_dir/<claim-id>/; skip it when nothing it depends on changed."""
    started = time.perf_counter()
    formats = check_formats(tuple(formats))
    as_of_date = parse_as_of(as_of)
    data_dir = Path(data_dir).resolve()
    reports_dir = Path(reports_dir).absolute()
    out_dir = safe_report_dir(reports_dir, claim_id)
    check_data_dir(data_dir)
    if not (data_dir / "claims" / f"{claim_id}.yaml").is_file():
        from .claims import suggest

        raise UsageError(suggest(claim_id, claim_ids(data_dir)))
    notebook = Path(notebook).resolve() if notebook else notebook_for(claim_id, data_dir)
    if not notebook.is_file():
        raise UsageError(f"notebook not found: {notebook}")
    ensure_folder(reports_dir)

    settings = publisher_settings()  # read once: a bad setting is one sentence, before any work
    snapshot = Snapshot.read(data_dir, claim_id)  # the one read of the data this render uses
    notebook_bytes = notebook.read_bytes()  # and of the notebook: an edit later is a new input
    fingerprint = fingerprint_of(
        claim_id,
        as_of_date.isoformat() if as_of_date else "",
        formats,
        snapshot.digest,
        code_hash or code_fingerprint(),
        sha256(notebook_bytes),
        settings.digest,
    )
    if not force and is_up_to_date(out_dir, fingerprint):
        if any(reports_dir.glob(f".{claim_id}.staging-*")):
            tidy_if_idle(out_dir)
        return RenderResult(
            claim_id, out_dir, up_to_date=True, seconds=time.perf_counter() - started
        )

    try:
        return _render_locked(
            claim_id,
            out_dir,
            fingerprint,
            force,
            started,
            (snapshot, formats, as_of_date, progress, (notebook, notebook_bytes), settings),
            kernels,
            cell_timeout,
        )
    except OSError as err:
        name = str(err.filename or "")
        if not name or ".staging-" in name or name.endswith(".tmp") or name.endswith(".lock"):
            # a temporary name means nothing to the user: name the report folder they asked for
            raise OSError(err.errno, err.strerror, str(out_dir)) from None
        raise


def _render_locked(claim_id, out_dir, fingerprint, force, started, inputs, kernels, cell_timeout):
    """Under the folder's lock: build in a staging folder, swap it in whole, or leave the old."""
    snapshot, formats, as_of_date, progress, notebook_read, settings = inputs
    with locked(lock_path(out_dir)):
        clear_leftovers(out_dir)
        if not force and is_up_to_date(out_dir, fingerprint):  # another process just built it
            return RenderResult(
                claim_id, out_dir, up_to_date=True, seconds=time.perf_counter() - started
            )
        staging = staging_folder(out_dir)
        try:
            outputs, warnings, index = _render_into(
                staging,
                out_dir,
                claim_id,
                snapshot,
                formats,
                as_of_date,
                progress,
                notebook_read,
                kernels,
                cell_timeout,
                settings,
            )
            outputs[BUILD_FILE] = build_record(fingerprint, outputs, index)
            write_tree(staging, outputs)
            publish(staging, out_dir)
        finally:
            remove_staging(staging)
    files = sorted(name for name in outputs if name != BUILD_FILE)
    return RenderResult(
        claim_id, out_dir, files, seconds=time.perf_counter() - started, warnings=warnings
    )


def _render_into(
    staging: Path,
    out_dir: Path,
    claim_id: str,
    snapshot: Snapshot,
    formats: tuple[str, ...],
    as_of_date,
    progress: bool,
    notebook_read: tuple[Path, bytes],
    kernels,
    cell_timeout: int,
    settings,
) -> tuple[dict[str, bytes], list[str], dict]:
    """Everything the new folder holds, as name -> bytes, its warnings and the verdict's fields
    the reports' index shows (for the build record); nothing is published here."""

    work = staging / INPUT_FOLDER
    data = work / "data"
    write_tree(data, dict(snapshot.files))
    source, notebook_bytes = notebook_read
    notebook = staging / NOTEBOOK_FOLDER / source.name  # the bytes the fingerprint records
    write_tree(notebook.parent, {source.name: notebook_bytes})
    charts = work / CHARTS_FOLDER
    # charts.show saves there (the charts module reads it); the page names the publisher
    kernel_env = {CHARTS_ENV: str(charts), PUBLISHER_ENV: settings.name}
    early: list = []  # a single render's kernel, started before anything else (see below)
    if kernels is None:
        # First: the kernel's start-up and imports (as long as the floor's whole run) overlap this
        # process's imports, validation and verdict on the other core. Bad inputs close it
        # unused (the finally below) before any notebook runs.
        kernels = execution.EarlyKernel.start(work, kernel_env)
        if kernels is not None:
            early.append(kernels)
    try:
        return _judge_and_execute(
            staging, out_dir, claim_id, data, formats, as_of_date, progress, notebook_read,
            notebook, kernels, cell_timeout, settings, work, charts, kernel_env,
        )  # fmt: skip
    finally:
        for kernel in early:
            kernel.close()


def _judge_and_execute(
    staging, out_dir, claim_id, data, formats, as_of_date, progress, notebook_read, notebook,
    kernels, cell_timeout, settings, work, charts, kernel_env,
):  # fmt: skip
    """The verdict, the notebook run in the kernel, the exported page and PDF."""
    import nbformat

    from ..claimreview import claim_review, is_publishable, to_script_json
    from ..evidence import EvidenceError, for_claim, write_handoff
    from ..independence import root_map
    from ..verdict import assess
    from ..wording import NO_PUBLISHER_BRAND
    from .claims import load_from_snapshot

    source, _ = notebook_read
    evidence, problems = load_from_snapshot(data, claim_id, [claim_id])
    if problems:
        raise EvidenceError(problems)
    evidence = for_claim(evidence, claim_id)
    claim = evidence.claims[claim_id]
    check_in_range(claim.claim_date, evidence, what=f"claims/{claim_id}.yaml: claim_date")
    if as_of_date is not None:
        check_in_range(as_of_date, evidence)
    elif getattr(claim, "as_of", None):
        check_in_range(claim.as_of, evidence, what=f"claims/{claim_id}.yaml: as_of")
    try:
        verdict = assess(claim, evidence, as_of_date)  # the one verdict of this render
    except Exception as err:  # noqa: BLE001 - a bug in the engine is still one sentence
        raise RenderError(
            f"the verdict engine failed ({type(err).__name__}: {err}); the data validates, so "
            "this is a bug in factcheck: please report it. The previous report is unchanged."
        ) from None
    verdict_json = verdict_bytes(verdict)
    review = claim_review(claim, evidence, verdict, publisher=settings)
    (work / "verdict.json").write_bytes(verdict_json)

    parameters = {
        "claim_id": claim.id,
        "as_of": as_of_date.isoformat() if as_of_date else "",
        "data_dir": "data",
    }
    declared = execution.declared_parameters(notebook, str(source))
    if "verdict_json" in declared:
        parameters["verdict_json"] = "verdict.json"
    if "evidence_file" in declared:  # the kernel reads this evidence, not the data again
        root_map(evidence)  # worked out here (the verdict did), so the kernel is handed it
        write_handoff(evidence, work / EVIDENCE_HANDOFF)
        parameters["evidence_file"] = EVIDENCE_HANDOFF
    executed = work / "executed.ipynb"
    warming = _WarmUp(formats)
    execution.execute(
        notebook,
        executed,
        parameters,
        cwd=work,
        progress=progress,
        failed=out_dir / "failed.ipynb",
        kernels=kernels,
        env=kernel_env,
        cell_timeout=cell_timeout,
        shown_as=execution.relative_name(source),
    )

    nb = nbformat.read(executed, as_version=4)
    check_output_size(nb, execution.relative_name(source))
    meta = {
        "claim_id": claim.id,
        "title": claim.claim,
        "author": settings.name,  # the PDF's author: none rather than a made-up one
        "brand": settings.name or NO_PUBLISHER_BRAND,  # the masthead's link to all fact checks
        "description": f"Fact check: {verdict.label_name}. {verdict.summary}",
        "data_version": evidence.version,
        "as_of": verdict.as_of.isoformat(),
        "label": verdict.label,
        # embedded only with every property Google requires (url needs FACTCHECK_BASE_URL)
        "jsonld": to_script_json(review) if is_publishable(review) else "",
    }
    execution.normalise_notebook(nb, claim.claim, meta, execution.relative_name(source))
    outputs: dict[str, bytes] = {
        f"{claim.id}.ipynb": (nbformat.writes(nb) + "\n").encode(),
        "verdict.json": verdict_json,
        "claimreview.jsonld": (
            json.dumps(review, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        ).encode(),
    }
    for path in sorted(charts.glob("*")) if charts.is_dir() else []:
        outputs[f"{CHARTS_FOLDER}/{path.name}"] = path.read_bytes()

    html, _ = warming.exporter().from_notebook_node(nb)
    check_page_matches(html, verdict, claim.id)
    from .index import INDEXED, index_fields  # not at the top: it imports the wording (pydantic)

    index = index_fields(verdict.model_dump(mode="json", include=INDEXED))
    # Not held while WeasyPrint lays the PDF out, the render's peak: over 3,400 estimates the
    # verdict is 67 MB of objects.
    del verdict, nb
    if "html" in formats:
        outputs[f"{claim.id}.html"] = html.encode()
    if "pdf" in formats:
        from ..pdf import PDFEngineError, html_to_pdf, vector_charts

        try:
            charts_saved = {  # the PDF draws each chart from its SVG (vector, selectable text)
                name.removeprefix(f"{CHARTS_FOLDER}/"): data
                for name, data in outputs.items()
                if name.startswith(f"{CHARTS_FOLDER}/")
            }
            outputs[f"{claim.id}.pdf"] = html_to_pdf(vector_charts(html, charts_saved), claim.id)
        except PDFEngineError as err:
            raise RenderError(
                f"{err}; the previous report is unchanged (use --format html to publish without a PDF)"
            ) from None
    shutil.rmtree(work)
    shutil.rmtree(notebook.parent)
    return outputs, [], index
