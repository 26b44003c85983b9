"""The `factcheck` command: render, validate, verdict, list, new-claim, review.

User mistakes end in one clear message and exit status 2 (usage, bad input) or 1 (a failed
render, invalid evidence, an operating-system error); never a traceback. Heavy imports wait
until a command needs them, so `factcheck render --all` with nothing to do returns at once.
Text from data is printed with control characters escaped: a claim cannot drive the terminal.
"""

from __future__ import annotations

import signal
import sys
import threading
import unicodedata
from pathlib import Path
from typing import NoReturn

import click

from .errors import FactcheckError, UsageError
from .paths import DATA_DIR, REPORTS_DIR

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DATA_DIR,
    show_default="data/",
    help="The evidence folder.",
)
OUT_OPTION = click.option(
    "--out",
    "reports_dir",
    type=click.Path(path_type=Path),
    default=REPORTS_DIR,
    show_default="reports/",
    help="Where the reports/<claim-id>/ folders (and _review/) go.",
)
AS_OF_OPTION = click.option(
    "--as-of",
    default=None,
    metavar="YYYY-MM-DD",
    help="Judge with evidence published up to this date (it may precede the claim).",
)
_UNSAFE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


def shown(text: object) -> str:
    """Text from data as the terminal should print it: control characters escaped, never obeyed."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in _UNSAFE:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def json_shown(text: str) -> str:
    """JSON for the terminal: unsafe characters (only ever inside strings) as \\u escapes."""
    out = []
    for char in text:
        code = ord(char)
        if char not in "\n" and unicodedata.category(char) in _UNSAFE:
            if code > 0xFFFF:  # a surrogate pair, as JSON spells characters past the BMP
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def engine_failure(err: Exception) -> str:
    return (
        f"the verdict engine failed ({type(err).__name__}: {err}); the data validates, so this is "
        "a bug in factcheck: please report it with the claim file"
    )


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(sorted({part.strip().lower() for part in value.split(",") if part.strip()}))
    bad = [f for f in formats if f not in ("html", "pdf")]
    if bad or not formats:
        raise UsageError(f"invalid --format {value!r}: expected html, pdf or html,pdf")
    return formats


def _load(data_dir: Path):
    from .evidence import load_evidence

    return load_evidence(data_dir)


def _check_as_of(as_of: str | None, evidence):
    from .rendering.dates import check_in_range, parse_as_of

    day = parse_as_of(as_of)
    if day is not None:
        check_in_range(day, evidence)
    return day


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Reproducible fact-check reports: sourced evidence in, a derived verdict out."""


@cli.command()
@click.argument("claim_id", required=False)
@click.option(
    "--all",
    "render_every",
    is_flag=True,
    help="Render every claim under DATA/claims, then the index.",
)
@click.option(
    "--format",
    "formats",
    default="html,pdf",
    show_default=True,
    help="html, pdf or html,pdf; only the formats named are written.",
)
@AS_OF_OPTION
@DATA_OPTION
@OUT_OPTION
@click.option(
    "--jobs",
    "-j",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Claims rendered at once (--all), each worker with a warm kernel; capped at the number of cores.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Render --all on a Dask cluster (tcp://host:8786), or 'local' for a LocalCluster; "
    "needs the cluster extra.",
)
@click.option("--force", is_flag=True, help="Render even if nothing changed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option(
    "--cell-timeout",
    default=300,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="SECONDS",
    help="How long one notebook cell may run before its claim fails.",
)
@click.option(
    "--notebook",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Another report notebook with the same parameters (default: notebooks/claims/<id>.ipynb "
    "if it exists, else notebooks/report.ipynb).",
)
def render(
    claim_id,
    render_every,
    formats,
    as_of,
    data_dir,
    reports_dir,
    jobs,
    scheduler,
    force,
    quiet,
    cell_timeout,
    notebook,
):
    """Render CLAIM_ID (or --all) to HTML and PDF under reports/<claim-id>/."""
    formats = _formats(formats)
    if render_every == bool(claim_id):
        raise UsageError("give either a CLAIM_ID or --all (see factcheck render --help)")
    if scheduler is not None and not render_every:
        raise UsageError("--scheduler applies to --all; a single claim renders here")
    # Every path is resolved here, before any kernel starts in another folder.
    data_dir, reports_dir = Path(data_dir).resolve(), Path(reports_dir).absolute()
    if render_every:
        if as_of or notebook:
            raise UsageError(
                "--as-of and --notebook apply to one claim; --all uses each claim's own settings"
            )
        from .rendering.batch import render_all

        say = (lambda _id, line: None) if quiet else (lambda _id, line: click.echo(shown(line)))
        result = render_all(
            data_dir,
            reports_dir,
            formats,
            jobs=jobs,
            force=force,
            on_done=say,
            scheduler=scheduler,
            cell_timeout=cell_timeout,
        )
        for warning in result.warnings:
            click.echo(f"warning: {shown(warning)}", err=True)
        if not quiet:
            if not result.rendered and not result.failed:
                click.echo(f"Everything is up to date ({len(result.up_to_date)} claims).")
            click.echo(
                f"{len(result.rendered)} rendered, {len(result.up_to_date)} up to date, "
                f"{len(result.failed)} failed in {result.seconds:.1f} s; index "
                f"{'written' if result.index_written else 'unchanged'}: {reports_dir / 'index.html'}"
            )
        for claim, error in sorted(result.failed.items()):
            click.echo(f"error: {claim}: {shown(error)}", err=True)
        sys.exit(1 if result.failed else 0)

    from .rendering.render import render as render_claim

    result = render_claim(
        claim_id=claim_id,
        notebook=notebook,
        formats=formats,
        as_of=as_of,
        data_dir=data_dir,
        reports_dir=reports_dir,
        force=force,
        progress=not quiet and sys.stderr.isatty(),
        cell_timeout=cell_timeout,
    )
    if not quiet:
        if result.up_to_date:
            click.echo(f"{claim_id}: up to date in {result.out_dir}/")
        else:
            click.echo(
                f"{claim_id}: rendered {','.join(formats)} to {result.out_dir}/ in {result.seconds:.1f} s"
            )
    from .rendering.claims import claim_ids
    from .rendering.index import write_index
    from .rendering.uptodate import as_last_batch_left

    if reports_dir.resolve() == REPORTS_DIR.resolve() or (reports_dir / "index.html").exists():
        write_index(reports_dir, claim_ids(data_dir), as_last_batch_left(reports_dir))


@cli.command()
@click.argument("claim", required=False)
@DATA_OPTION
def validate(claim, data_dir):
    """Check every file under DATA (or the tables and one CLAIM) and list all problems at once."""
    if claim:
        from .rendering.claims import check_one_claim

        evidence = check_one_claim(data_dir, claim)
        click.echo(
            f"OK: {shown(claim)} and the tables it uses are valid (data version {evidence.version})"
        )
        return
    from .evidence import summary

    click.echo(summary(_load(data_dir)))


def _tables(data_dir: Path):
    """The shared tables, even when some claim file is unfinished (that claim is left out)."""
    from .evidence import EvidenceError
    from .rendering.claims import check_one_claim, claim_ids, partition

    evidence, invalid, shared = partition(data_dir)
    if evidence is not None:
        return evidence
    if shared:
        raise EvidenceError(shared)
    valid = [c for c in claim_ids(data_dir) if c not in invalid]
    if not valid:
        raise EvidenceError([p for problems in invalid.values() for p in problems])
    return check_one_claim(data_dir, valid[0])


def _resolve_claim(claim: str, data_dir: Path):
    """CLAIM is an id under DATA/claims or a path to a claim YAML file anywhere."""
    path = Path(claim)
    if claim.endswith((".yaml", ".yml")) or path.is_file():
        from .evidence import EvidenceError, check_claim, metrics_base, read_claim

        if not path.is_file():
            raise UsageError(f"claim file not found: {claim}")
        evidence = _tables(data_dir)
        parsed, problems, lines = read_claim(path)
        if parsed is not None:
            types = {e.type for e in evidence.events.values()}
            problems += check_claim(
                parsed,
                str(path),
                lines,
                {
                    "sources": evidence.sources,
                    "subjects": evidence.subjects,
                    "metrics": metrics_base(evidence),
                },
                types,
            )
        if problems:
            raise EvidenceError(problems)
        return parsed, evidence
    from .evidence import for_claim
    from .rendering.claims import check_one_claim

    evidence = check_one_claim(data_dir, claim)
    return evidence.claims[claim], for_claim(evidence, claim)


@cli.command()
@click.argument("claim")
@AS_OF_OPTION
@DATA_OPTION
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object on stdout (the public contract)."
)
def verdict(claim, as_of, data_dir, as_json):
    """Derive the verdict on CLAIM (an id, or a path to a claim YAML file)."""
    from .evidence import EvidenceError
    from .verdict import assess

    try:
        parsed, evidence = _resolve_claim(claim, data_dir)
    except EvidenceError as err:  # a bad claim file is an input error: exit status 2
        raise UsageError(str(err)) from None
    day = _check_as_of(as_of, evidence)
    try:
        result = assess(parsed, evidence, day)
    except Exception as err:  # noqa: BLE001 - a bug in the engine is still one sentence here
        raise FactcheckError(f"{parsed.id}: {engine_failure(err)}") from None
    if as_json:
        from .rendering.render import verdict_bytes

        click.echo(json_shown(verdict_bytes(result).decode().rstrip("\n")))
        return
    click.echo(f"{parsed.id}: {result.label_name.upper()} (as of {result.as_of})")
    click.echo(f"  {shown(parsed.claim)}")
    probability = result.probability or "not assessed"
    click.echo(f"  probability: {probability}; credibility: {result.credibility}")
    click.echo(f"  why: {shown(result.summary)}")
    click.echo("  reasoning:")
    for i, sentence in enumerate(result.reasoning, 1):
        click.echo(f"    {i}. {shown(sentence)}")
    for flag in result.flags:
        click.echo(f"  flag {flag.code}: {shown(flag.text)}")


@cli.command(name="list")
@DATA_OPTION
def list_claims(data_dir):
    """Show every claim with its current label; an unfinished claim is marked invalid."""
    from .evidence import EvidenceError, for_claim
    from .rendering.claims import check_one_claim, claim_ids, partition
    from .verdict import assess

    evidence, invalid, shared = partition(data_dir)
    if shared:
        raise EvidenceError(shared)
    ids = claim_ids(data_dir)
    width = max((len(shown(c)) for c in ids), default=10)
    for claim_id in ids:
        if claim_id in invalid:
            click.echo(
                f"{shown(claim_id):<{width}}  {'INVALID':<12}  {shown(invalid[claim_id][0])}"
            )
            continue
        base = evidence if evidence is not None else check_one_claim(data_dir, claim_id)
        claim = base.claims[claim_id]
        try:
            v = assess(claim, for_claim(base, claim_id) if evidence is None else base)
        except Exception as err:  # noqa: BLE001 - one claim's engine failure must not hide the rest
            click.echo(f"{shown(claim_id):<{width}}  {'ERROR':<12}  {shown(engine_failure(err))}")
            continue
        click.echo(
            f"{shown(claim_id):<{width}}  {v.label:<12}  as of {v.as_of}  {shown(claim.claim)}"
        )


@cli.command(name="new-claim")
@click.argument("claim_id")
@DATA_OPTION
@click.option(
    "--notebook",
    "with_notebook",
    is_flag=True,
    help="Also copy the report notebook to notebooks/claims/CLAIM_ID.ipynb for this claim alone.",
)
def new_claim(claim_id, data_dir, with_notebook):
    """Write DATA/claims/CLAIM_ID.yaml with every key commented (never overwrites).

    With --notebook for a claim that already exists, only its own notebook is written.
    """
    from .scaffold import write_claim_notebook, write_claim_template

    exists = (Path(data_dir) / "claims" / f"{claim_id}.yaml").is_file()
    if not (exists and with_notebook):
        path = write_claim_template(claim_id, data_dir)
        click.echo(f"Wrote {path}.")
    if with_notebook:
        from .rendering.render import claim_notebooks_dir, template_for

        notebook = write_claim_notebook(  # the template `render` uses for this data folder
            claim_id, claim_notebooks_dir(data_dir), template=template_for(data_dir)
        )
        click.echo(
            f"Wrote {notebook}: edit it in JupyterLab; factcheck render uses it for this claim."
        )
    if not exists:
        click.echo(
            f"Fill in every key, then: factcheck validate {claim_id} && factcheck verdict {claim_id}"
        )


@cli.command()
@click.option("--subject", default="", help="Subject id (default: every subject).")
@AS_OF_OPTION
@DATA_OPTION
@OUT_OPTION
def review(subject, as_of, data_dir, reports_dir):
    """Render the analysts' evidence review notebook to reports/_review/."""
    from .rendering.dates import parse_as_of
    from .rendering.review import render_review

    parse_as_of(as_of)
    path = render_review(
        subject=subject,
        as_of=as_of or "",
        data_dir=Path(data_dir).resolve(),
        reports_dir=Path(reports_dir).absolute(),
    )
    click.echo(f"Evidence review written to {path}")


INTERRUPTED = "Interrupted; reports already written are whole, the rest were left as they were."


def _note_interrupts(interrupts: list[int]):
    """Ctrl-C as Python's default handler, remembered: an interrupt that lands inside the
    kernel client's event loop can surface as another error as the kernel is shut down."""

    def on_interrupt(signum, frame):
        interrupts.append(signum)
        raise KeyboardInterrupt

    return on_interrupt


def main() -> None:
    """Entry point: turn every user-facing error into a message and an exit status."""
    interrupts: list[int] = []
    if threading.current_thread() is not threading.main_thread():  # signals go to the main one
        _main(interrupts)
        return
    previous = signal.signal(signal.SIGINT, _note_interrupts(interrupts))
    try:
        _main(interrupts)
    finally:
        signal.signal(signal.SIGINT, previous)


def _interrupted() -> NoReturn:
    """Say so and exit. The kernel client's tasks that the interrupt abandoned (nbclient's
    watch on the kernel it killed: "Kernel died") would otherwise print their tracebacks as
    the process ends, after this sentence."""
    import logging

    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    click.echo(INTERRUPTED, err=True)
    sys.exit(130)


def _main(interrupts: list[int]) -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _interrupted()
    except click.ClickException as err:
        err.show()
        sys.exit(2)
    except FactcheckError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        _interrupted()
    except BrokenPipeError:
        sys.exit(0)
    except OSError as err:  # a full disk, a read-only folder, a missing program: one sentence
        from .rendering.batch import os_error_sentence

        click.echo(f"error: {os_error_sentence(err)}", err=True)
        sys.exit(1)
    except Exception:
        if interrupts:  # whatever the interrupt broke on its way out, it was an interrupt
            _interrupted()
        raise


if __name__ == "__main__":
    main()
