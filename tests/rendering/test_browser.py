"""A real Chromium opens every rendered report: no errors, images decode, no sideways scrolling.

Also: text from the evidence base that looks like HTML stays text (no script runs, no markup).
Pages are opened from file:// with every non-file request aborted, so nothing reaches the
network. Screenshots (JPEG) of what a reader sees first, at phone and desktop widths, are written
for a person to look at; the folder is printed at the end of the module. FACTCHECK_FULL_PAGE=1
makes them whole pages (about 0.7 s more a page: chromium paints a 20,000-30,000 px page).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import seed_evidence
from invoke import factcheck
from rendering import PUBLISHED_ENV, render_all_into

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("render")]

REQUIRE_BROWSER = os.environ.get("FACTCHECK_REQUIRE_BROWSER") == "1"
FULL_PAGE = os.environ.get("FACTCHECK_FULL_PAGE") == "1"
CHROMIUM = next(
    (
        path
        for path in ("/usr/bin/chromium", shutil.which("chromium"))
        if path and Path(path).exists()
    ),
    None,
)
if CHROMIUM is None and not REQUIRE_BROWSER:
    pytest.skip("chromium is not installed (make system-deps)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CLAIMS = sorted(seed_evidence().claims)
PAGES = [*CLAIMS, "index"]
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOSTILE_TITLE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_QUOTE = "</script><b>bold</b>"


@dataclass
class Opened:
    page: Page
    problems: list[str] = field(
        default_factory=list
    )  # console errors, page errors, failed requests
    dialogs: list[str] = field(default_factory=list)


class Tab:
    """One browser tab at one viewport, every non-file request aborted, every problem and
    dialog recorded per visit. The seed pages are opened one after another in one tab per
    viewport, as a reader clicks from page to page; a new context for each page cost chromium a
    renderer process each time (about 0.3 s of CPU a page, more than the visit itself)."""

    def __init__(self, browser: Browser, viewport: tuple[int, int] = VIEWPORTS["desktop"]):
        width, height = viewport
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.route("**/*", self._local_only)
        self.page = self.context.new_page()
        self.visit = Opened(self.page)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.visit.problems.append(f"page error: {error}"))
        self.page.on(
            "requestfailed",
            lambda request: self.visit.problems.append(
                f"request failed: {request.url}: {request.failure}"
            ),
        )
        self.page.on("dialog", self._on_dialog)

    def _local_only(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            self.visit.problems.append(f"request to the network: {url}")
            route.abort()

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.visit.problems.append(f"console error: {message.text} ({message.location})")

    def _on_dialog(self, dialog) -> None:
        self.visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, path: Path) -> Opened:
        """`path` loaded; what it records from now on is this visit's alone."""
        assert path.is_file(), f"{path} was not rendered"
        self.visit = Opened(self.page)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.visit

    def close(self) -> None:
        self.context.close()


@contextmanager
def opened(browser: Browser, path: Path, viewport: tuple[int, int] = VIEWPORTS["desktop"]):
    """`path` loaded in a tab of its own at `viewport`."""
    tab = Tab(browser, viewport)
    try:
        yield tab.open(path)
    finally:
        tab.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.fail(
            "FACTCHECK_REQUIRE_BROWSER=1 but chromium is missing: "
            "CI must install chromium: make system-deps",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    return render_all_into(tmp_path_factory)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory, request) -> Iterator[Path]:
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # one folder for every worker, as in rendering.py
    folder = root / "screenshots"
    folder.mkdir(exist_ok=True)
    yield folder
    message = f"\nscreenshots for a person to look at: {folder}"
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if capture is None:
        print(message)
        return
    with capture.global_and_fixture_disabled():
        print(message)


def page_path(reports: Path, name: str) -> Path:
    return reports / "index.html" if name == "index" else reports / name / f"{name}.html"


BROKEN_IMAGES = """() => [...document.images]
    .filter((img) => !(img.complete && img.naturalWidth > 0))
    .map((img) => img.alt || img.src.slice(0, 80))"""

OVERFLOW = """() => {
    const limit = window.innerWidth + 1;
    const wide = [...document.body.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > limit)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= limit)
        .slice(0, 8)
        .map((el) => {
            const cls = el.getAttribute("class");
            const name = el.tagName.toLowerCase() + (cls ? "." + cls.split(" ").join(".") : "");
            return `${name} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`;
        });
    return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide};
}"""


READER_LAYOUT = """() => {
    const main = document.querySelector("main").getBoundingClientRect().width;
    const label = document.querySelector(".verdict__label");
    return {
        main,
        labelTop: label ? label.getBoundingClientRect().top : null,
        charts: [...document.querySelectorAll("figure.chart img")].map(
            (img) => img.getBoundingClientRect().width),
        captions: [...document.querySelectorAll("figcaption, caption")].map(
            (c) => ({width: c.getBoundingClientRect().width, text: c.textContent.slice(0, 40)})),
        toc: [...document.querySelectorAll(".toc a")].map((a) => a.getAttribute("href")),
        back: [...document.querySelectorAll("a")].filter((a) => a.textContent.includes("All fact checks"))
            .map((a) => a.href),
    };
}"""


@dataclass
class Seen:
    """What one visit of one page at one viewport recorded, for every test that reads it."""

    problems: list[str]
    dialogs: list[str]
    broken: list[str]  # images that did not decode
    images: int
    title: str
    hrefs: list[str]
    overflow: dict
    shot: Path
    reader: dict | None = None  # READER_LAYOUT, on claim pages
    targets: list[bool] = field(default_factory=list)  # does each contents link have a target?


def visit(tab: Tab, path: Path, shot: Path) -> Seen:
    opened = tab.open(path)
    page = opened.page
    # JPEG: a full-page PNG of a long report takes chromium twice as long to encode
    page.screenshot(path=str(shot), full_page=FULL_PAGE, type="jpeg", quality=80)
    seen = Seen(
        problems=opened.problems,
        dialogs=opened.dialogs,
        broken=page.evaluate(BROKEN_IMAGES),
        images=page.evaluate("document.images.length"),
        title=page.title(),
        hrefs=page.evaluate("[...document.links].map((a) => a.href)"),
        overflow=page.evaluate(OVERFLOW),
        shot=shot,
    )
    if path.name != "index.html":
        seen.reader = page.evaluate(READER_LAYOUT)
        seen.targets = [
            page.evaluate(f"!!document.getElementById({h[1:]!r})") for h in seen.reader["toc"]
        ]
    return seen


@pytest.fixture(scope="module")
def seen(browser, reports, screenshots) -> Iterator:
    """`seen(name, viewport)`: each page is opened once per viewport, by the first test that
    asks, in that viewport's one tab, and every test reads that one visit (five tests look at
    each page)."""
    visits: dict[tuple[str, str], Seen] = {}
    tabs: dict[str, Tab] = {}

    def look(name: str, viewport: str = "desktop") -> Seen:
        if (name, viewport) not in visits:
            if viewport not in tabs:
                tabs[viewport] = Tab(browser, VIEWPORTS[viewport])
            shot = screenshots / f"{name}-{VIEWPORTS[viewport][0]}.jpg"
            visits[name, viewport] = visit(tabs[viewport], page_path(reports, name), shot)
        return visits[name, viewport]

    yield look
    for tab in tabs.values():
        tab.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_opens_without_errors_and_every_image_decodes(seen, name):
    page = seen(name)
    assert page.problems == []
    assert page.dialogs == []
    assert page.broken == [], f"images that did not decode: {page.broken}"
    if name != "index":
        assert page.images > 0


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_claim_page_title_is_the_claim(seen, reports, claim_id):
    verdict = json.loads((reports / claim_id / "verdict.json").read_text(encoding="utf-8"))
    assert seen(claim_id).title == verdict["claim"]


def test_index_links_to_files_that_exist(seen):
    local = [href for href in seen("index").hrefs if href.startswith("file:")]
    assert local, "the index links to no report"
    missing = [href for href in local if not Path(href.removeprefix("file://")).is_file()]
    assert missing == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES)
def test_no_sideways_scrolling_and_a_screenshot(seen, name, viewport):
    page = seen(name, viewport)
    print(f"screenshot: {page.shot}")
    layout, width = page.overflow, VIEWPORTS[viewport][0]
    assert page.shot.is_file()
    assert layout["scrollWidth"] <= layout["innerWidth"] + 1, (
        f"{name} scrolls sideways at {width}px: page is {layout['scrollWidth']}px wide; "
        f"sticking out: {layout['wide']}; see {page.shot}"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("claim_id", CLAIMS)
def test_rating_above_the_fold_charts_fit_captions_wrap_and_the_contents_work(
    seen, claim_id, viewport
):
    height = VIEWPORTS[viewport][1]
    page = seen(claim_id, viewport)
    layout, targets = page.reader, page.targets
    assert layout["labelTop"] is not None and layout["labelTop"] < height, "rating below the fold"
    assert all(w <= layout["main"] + 1 for w in layout["charts"]), layout["charts"]
    narrow = [
        c for c in layout["captions"] if c["text"].strip() and c["width"] < 0.6 * layout["main"]
    ]
    assert narrow == [], f"captions squeezed into a narrow column: {narrow}"
    assert layout["toc"] and all(targets), layout["toc"]
    assert layout["back"] and all(Path(h.removeprefix("file://")).is_file() for h in layout["back"])


def test_hostile_text_in_the_evidence_stays_text(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    edit_csv(data / "sources.csv", "outlet-a", "title", lambda _: HOSTILE_TITLE)
    edit_csv(data / "figures.csv", "di-6000", "quote", lambda quote: f"{quote} {HOSTILE_QUOTE}")
    out = tmp_path / "out"
    result = factcheck(  # in-process (tests/invoke.py): the page is the point, not the process
        "render", "casualties-6000", "--data", str(data), "--out", str(out),
        "--format", "html", "--quiet",
        env={**os.environ, **PUBLISHED_ENV},  # a base URL, so the page embeds the ClaimReview
    )  # fmt: skip
    assert result.returncode == 0, f"render failed:\n{result.stdout}\n{result.stderr}"

    with opened(browser, out / "casualties-6000" / "casualties-6000.html") as visit:
        page = visit.page
        text = page.evaluate("document.body.innerText")
        bold = page.evaluate(
            "[...document.querySelectorAll('b')].filter((b) => b.textContent.includes('bold'))"
            ".length"
        )
        scripts = page.evaluate("[...document.scripts].map((s) => s.type)")
        json_ld = page.evaluate(
            "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
        )
        assert visit.dialogs == [], "a script from the evidence ran"
        assert visit.problems == []
    assert "<script>alert(1)</script>" in text, "the hostile source title is not shown as text"
    assert HOSTILE_TITLE in text
    assert HOSTILE_QUOTE in text, "the hostile quote is not shown as text"
    assert bold == 0, "markup from a quote became a <b> element"
    assert scripts == ["application/ld+json"]
    assert json_ld["@type"] == "ClaimReview"


def edit_csv(path: Path, row_id: str, column: str, change) -> None:
    """Rewrite `column` of the row whose id is `row_id`, quoting as the csv module sees fit."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = list(reader)
    [row] = [row for row in rows if row["id"] == row_id]
    row[column] = change(row[column])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_tab_blames_each_problem_on_the_page_that_made_it(browser, tmp_path):
    """The seed pages share one tab per viewport: an error on one page is that visit's alone,
    and the next page opened in the tab starts with none."""
    broken, clean = tmp_path / "broken.html", tmp_path / "clean.html"
    broken.write_text(
        "<title>b</title><script>console.error('boom'); alert('hi')</script>"
        '<img src="https://example.org/x.png" alt="x">'
    )
    clean.write_text("<title>c</title><p>fine</p>")
    tab = Tab(browser)
    try:
        first = tab.open(broken)
        second = tab.open(clean)
    finally:
        tab.close()
    assert any("console error: boom" in p for p in first.problems), first.problems
    assert any("request to the network: https://example.org/x.png" in p for p in first.problems)
    assert first.dialogs == ["alert: hi"]
    assert second.problems == [] and second.dialogs == []
