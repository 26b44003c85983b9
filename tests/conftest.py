"""Shared fixtures and small builders for the verdict-engine tests.

The builders make model objects with sensible defaults and put them together into an
`Evidence` directly (no files), so a test states only what matters to it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from factcheck import vocabulary
from factcheck.evidence import Evidence, load_evidence
from factcheck.schema import Claim, Event, Figure, Originator, Source, Subject

# CI replays the same generated examples on every run, so a red build means a change broke
# something; locally each run explores new examples (and hypothesis keeps any failure it finds).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

SUBJECT = "troops"
DAY = dt.date(2025, 6, 15)  # the default claim date and figure date
ACCESSED = dt.date(2026, 1, 1)


# The longest modules (each about a tenth of the suite's time, measured with --durations=0),
# longest first: handed out first, they cannot be the one module a worker is still running
# when the other has finished. Not a rule of the tests: only the order the workers take them in.
LONGEST_FIRST = (
    "test_render_folders.py",
    "test_isolation.py",
    "test_browser.py",
    "test_robustness.py",
)


def pytest_collection_modifyitems(items):
    """Modules that execute notebooks run first, the longest of them before the rest. `make
    test` hands whole modules to its two workers in collection order; with the long ones first,
    the last modules handed out are the short ones, so both workers finish at about the same
    time."""
    slow = {getattr(item, "module", None) for item in items if item.get_closest_marker("slow")}

    def order(item):
        module = getattr(item, "module", None)
        name = Path(str(getattr(module, "__file__", ""))).name
        longest = LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        return (module not in slow, longest)

    items.sort(key=order)


@pytest.fixture(autouse=True)
def _no_vocabulary_from_an_earlier_test():
    """Each test starts with the project's vocabulary in force, not the one an earlier test in
    this worker happened to load (load_evidence makes its vocabulary the default for charts)."""
    vocabulary._loaded.clear()


def originator(id: str, party: bool = False, **kw) -> Originator:
    return Originator(
        id=id,
        name=kw.pop("name", f"Originator {id}"),
        kind=kw.pop("kind", "intelligence-service"),
        party_to_conflict=party,
        **kw,
    )


def source(
    id: str,
    originator: str,
    published: dt.date | None = DAY,
    reliability: str = "B",
    derived_from: list[str] | tuple[str, ...] = (),
    **kw,
) -> Source:
    return Source(
        id=id,
        outlet=kw.pop("outlet", f"Outlet {id}"),
        title=kw.pop("title", f"Title {id}"),
        url=kw.pop("url", f"https://example.org/{id}"),
        published=published,
        accessed=ACCESSED,
        language="en",
        originator=originator,
        derived_from=list(derived_from),
        reliability=reliability,
        reliability_reason="test",
        status=kw.pop("status", "verified"),
        **kw,
    )


def figure(
    id: str,
    source: str,
    low: int,
    high: int | None = None,
    metric: str = "casualties",
    qualifier: str = "exact",
    refers_to: dt.date = DAY,
    **kw,
) -> Figure:
    return Figure(
        id=id,
        subject=kw.pop("subject", SUBJECT),
        metric=metric,
        low=low,
        high=low if high is None else high,
        qualifier=qualifier,
        refers_to=refers_to,
        source=source,
        quote=kw.pop("quote", "quote"),
        **kw,
    )


def claim(value: float = 6000, comparator: str = ">", metric: str = "casualties", **kw) -> Claim:
    fields = {
        "id": "test-claim",
        "claim": "A test claim.",
        "claimant": "Someone",
        "claim_date": DAY,
        "appeared_in": ["claim-source"],
        "subject": SUBJECT,
    }
    fields.update(kw)
    if fields.get("kind") in ("event", "statement"):
        return Claim(**fields)
    return Claim(metric=metric, comparator=comparator, value=value, **fields)


def event(id: str, source: str, date: dt.date, type: str = "confirms", **kw) -> Event:
    return Event(
        id=id,
        type=type,
        date=date,
        summary=kw.pop("summary", "summary"),
        source=source,
        quote=kw.pop("quote", "quote"),
        **kw,
    )


def _by_id(items) -> dict:
    return {item.id: item for item in items}


def make_evidence(originators=(), sources=(), figures=(), events=(), claims=()) -> Evidence:
    """An Evidence base from model objects (lists or id-keyed dicts), version 'test'.

    The claim source 'claim-source' (originator 'claimant') is added unless given.
    """
    originators = _by_id(originators.values() if isinstance(originators, dict) else originators)
    sources = _by_id(sources.values() if isinstance(sources, dict) else sources)
    originators.setdefault("claimant", originator("claimant", kind="news-outlet"))
    sources.setdefault("claim-source", source("claim-source", "claimant", reliability="D"))
    return Evidence(
        data_dir=Path("test"),
        originators=originators,
        subjects={SUBJECT: Subject(id=SUBJECT, name="Test troops")},
        sources=sources,
        figures=_by_id(figures.values() if isinstance(figures, dict) else figures),
        events=_by_id(events.values() if isinstance(events, dict) else events),
        corrections=(),
        claims=_by_id(claims.values() if isinstance(claims, dict) else claims),
        version="test",
    )


def one_line(org_id: str, low: int, high: int | None = None, reliability: str = "B", **figure_kw):
    """One originator with one document carrying one figure: (originator, source, figure)."""
    src = f"{org_id}-doc"
    return (
        originator(org_id),
        source(src, org_id, published=figure_kw.get("refers_to", DAY), reliability=reliability),
        figure(f"{org_id}-fig", src, low, high, **figure_kw),
    )


def evidence_from_lines(*lines, claims=()) -> Evidence:
    """make_evidence from several one_line() triples."""
    return make_evidence(
        originators=[o for o, _, _ in lines],
        sources=[s for _, s, _ in lines],
        figures=[f for _, _, f in lines],
        claims=claims,
    )


@functools.cache
def seed_evidence() -> Evidence:
    """data/ as the project ships it, read once per test process: several modules list its
    claims as they are collected, and every test only reads it."""
    return load_evidence(DATA)


@pytest.fixture(scope="session")
def data_evidence() -> Evidence:
    return seed_evidence()


@pytest.fixture(scope="session")
def mini_evidence() -> Evidence:
    return load_evidence(MINI)


@pytest.fixture
def own_kernel_root(monkeypatch):
    """A short temporary folder of this test's own for kernel sockets (short enough for them)."""
    root = Path(tempfile.mkdtemp(prefix="fc-", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(root))  # for the kernel factory's own processes
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    yield root
    shutil.rmtree(root, ignore_errors=True)
