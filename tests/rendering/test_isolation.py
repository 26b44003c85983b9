"""Claims isolated from each other: nothing one claim notebook does reaches another's report.

Each polluting notebook below changes its kernel in one way that a reset would miss (an
attribute of an imported module, a chart style table, a module replaced in sys.modules, an
IPython hook, a monkeypatched function, a background thread that keeps writing files). The
claims rendered after them in the same worker must equal cold renders byte for byte. Real
kernels, real papermill, on the tiny fixture base.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from factcheck.errors import RenderError
from factcheck.paths import REPORT_NOTEBOOK
from factcheck.rendering.batch import render_all
from factcheck.rendering.cluster import HTTP_ON_A_FREE_PORT
from factcheck.rendering.render import render
from factcheck.sweeps import FULL_SWEEP_AFTER

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch_warm import cold, cold_mini, digests, notebook, project  # noqa: E402

pytestmark = pytest.mark.slow

POLLUTERS = {
    "p1-module-attribute": (
        "import factcheck.scales as s\nfor k in list(s.LABELS):\n    s.LABELS[k] = s.LABELS['true']"
    ),
    "p2-chart-style": (
        "import factcheck.charts.style as st\nst.RC['font.size'] = 40\n"
        "st.WIDTHS['print'] = 2.0\nst.DPI = 20"
    ),
    "p3-sys-modules": (
        "import sys, types\nfake = types.ModuleType('factcheck.page')\n"
        "fake.__getattr__ = lambda name: (_ for _ in ()).throw(RuntimeError('polluted'))\n"
        "sys.modules['factcheck.page'] = fake"
    ),
    "p4-ipython-hook": (
        "get_ipython().events.register('post_run_cell', lambda result: print('HOOKED'))"
    ),
    "p5-monkeypatch": (
        "import pandas, factcheck.page.words as w\n"
        "pandas.DataFrame.to_html = lambda self, *a, **k: '<p>patched</p>'\n"
        "w.longdate = lambda *a, **k: 'PATCHED DATE'"
    ),
    "p6-background-thread": (
        "import os, threading, time\n"
        "def scribble():\n"
        "    while True:\n"
        "        for name in ('verdict.json', 'data/claims/v1-checks.yaml'):\n"
        "            try:\n"
        "                open(os.path.join(os.getcwd(), name), 'w').write('{}')\n"
        "            except OSError:\n"
        "                pass\n"
        "        time.sleep(0.005)\n"
        "threading.Thread(target=scribble, name='scribbler', daemon=True).start()"
    ),
}
# What a victim notebook prints about its kernel; equal bytes to a cold render mean equal state.
STATE = """\
import sys, threading
import pandas, factcheck.scales, factcheck.charts.style as st, factcheck.page.words as w
print({
    "label": factcheck.scales.LABELS["mostly-true"].name,
    "font": st.RC["font.size"], "width": st.WIDTHS["print"], "dpi": st.DPI,
    "page module": type(sys.modules["factcheck.page"]).__name__,
    "has Page": hasattr(sys.modules["factcheck.page"], "Page"),
    "hooks": len(get_ipython().events.callbacks["post_run_cell"]),
    "to_html": pandas.DataFrame.to_html.__module__,
    "longdate": w.longdate.__module__,
    "scribbler": any(t.name == "scribbler" for t in threading.enumerate()),
    "full sweep after": __import__("gc").get_threshold()[2],
})
"""
VICTIMS = ["casualties-6000", "killed-6000", "v1-checks"]


def polluted_project(tmp_path: Path) -> tuple[Path, list[str]]:
    claims = {claim_id: 1000 + i for i, claim_id in enumerate(POLLUTERS)}
    claims["v1-checks"] = 2000
    notebooks = {claim_id: notebook(code) for claim_id, code in POLLUTERS.items()}
    notebooks["v1-checks"] = notebook(STATE)
    data = project(tmp_path, claims, notebooks)
    return data, [*POLLUTERS, *VICTIMS]  # every polluter first, then the victims


@pytest.fixture(scope="module")
def polluted(tmp_path_factory) -> dict:
    """The polluted project and each victim's cold render, shared by the batch and the cluster
    test (both only read them); the mini base's own two claims are the session's cold renders."""
    root = tmp_path_factory.mktemp("polluted")
    data, ids = polluted_project(root)
    expected = {c: cold_mini(tmp_path_factory, c) for c in ("casualties-6000", "killed-6000")}
    expected["v1-checks"] = cold(data, root / "cold", "v1-checks")
    return {"data": data, "ids": ids, "cold": expected}


def test_every_pollution_route_leaves_later_claims_in_a_local_batch_equal_to_cold_renders(
    polluted, tmp_path
):
    data, ids = polluted["data"], polluted["ids"]

    # one worker: every claim runs after every polluter, in the worker they polluted
    result = render_all(data, tmp_path / "warm", ("html",), jobs=1, force=True, ids=ids)

    assert result.failed == {}, result.failed
    for claim_id in VICTIMS:
        assert digests(tmp_path / "warm" / claim_id) == polluted["cold"][claim_id]
    state = (tmp_path / "warm" / "v1-checks" / "v1-checks.ipynb").read_text()
    assert "HOOKED" not in state and "'label': 'Mostly true'" in state
    # every kernel, cold or forked from the factory, sweeps its whole heap seldom (sweeps.py)
    assert f"'full sweep after': {FULL_SWEEP_AFTER}" in state


def test_every_pollution_route_leaves_later_claims_on_a_local_cluster_equal_to_cold_renders(
    polluted, tmp_path
):
    distributed = pytest.importorskip("distributed")
    data = polluted["data"]
    # A cluster worker renders with the batch's own task (a kernel forked from its factory per
    # claim), which the local batch above checks with every victim; here the one victim that
    # prints every piece of kernel state the polluters touched is enough.
    ids = [*POLLUTERS, "v1-checks"]

    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs=HTTP_ON_A_FREE_PORT,
    ) as cluster:
        # twice on one standing cluster: the second batch runs on the worker the first batch's
        # polluters ran on
        for out, which in (("first", ids), ("second", ["v1-checks"])):
            result = render_all(
                data,
                tmp_path / out,
                ("html",),
                force=True,
                ids=which,
                scheduler=cluster.scheduler_address,
            )
            assert result.failed == {}, result.failed

    for out in ("first", "second"):
        assert digests(tmp_path / out / "v1-checks") == polluted["cold"]["v1-checks"], out


def template_with_cell_before_load(code: str) -> str:
    """The project's report notebook with `code` inserted right after its parameters."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell(code)
    cell["id"] = "inserted"
    nb.cells.insert(at + 1, cell)
    return nbformat.writes(nb)


OVERRIDE = """\
import json
v = json.load(open(verdict_json))
v["label"] = "false" if v["label"] != "false" else "true"
open(verdict_json, "w").write(json.dumps(v))
"""


def test_a_notebook_that_rewrites_its_verdict_fails_its_claim_and_publishes_nothing(tmp_path):
    data = project(tmp_path, {}, {"casualties-6000": template_with_cell_before_load(OVERRIDE)})
    out = tmp_path / "reports"
    with pytest.raises(RenderError) as caught:
        render("casualties-6000", formats=("html",), data_dir=data, reports_dir=out, force=True)

    message = str(caught.value)
    assert "verdict.json" in message and "nothing was published" in message
    assert "\n" not in message
    assert "the page shows the rating" in message
    assert not (out / "casualties-6000").exists()
    assert list(out.glob(".casualties-6000.staging-*")) == []


def test_a_notebook_edited_during_a_batch_leaves_its_report_out_of_date_and_renders_next_time(
    tmp_path,
):
    data = project(tmp_path, {"b-edited": 2000}, {"b-edited": notebook("print('PLACEHOLDER')")})
    own = tmp_path / "notebooks" / "claims" / "b-edited.ipynb"
    edit = (  # the edit lands while the claim runs: after the render read the notebook
        f"from pathlib import Path\np = Path({str(own)!r})\n"
        "p.write_text(p.read_text().replace('OLD' + '-TEXT', 'NEW' + '-TEXT'))\nprint('OLD-TEXT')"
    )
    own.write_text(notebook(edit))
    out = tmp_path / "reports"
    ids = ["b-edited"]

    first = render_all(data, out, ("html",), ids=ids)
    second = render_all(data, out, ("html",), ids=ids)
    third = render_all(data, out, ("html",), ids=ids)

    assert [r.claim_id for r in first.rendered] == ["b-edited"] and first.failed == {}
    assert [r.claim_id for r in second.rendered] == ["b-edited"]  # not "up to date"
    executed = (out / "b-edited" / "b-edited.ipynb").read_text()
    assert '"NEW-TEXT\\n"' in executed and '"OLD-TEXT\\n"' not in executed
    assert third.up_to_date == ["b-edited"]


RECOUNT = """\
import json
v = json.load(open(verdict_json))
line = v["lines"][0]
line["stance"] = "inconclusive" if line["stance"] != "inconclusive" else "supports"
open(verdict_json, "w").write(json.dumps(v))
"""


def test_a_notebook_that_changes_the_counts_but_not_the_rating_fails_naming_the_count(tmp_path):
    data = project(tmp_path, {}, {"casualties-6000": template_with_cell_before_load(RECOUNT)})
    out = tmp_path / "reports"

    with pytest.raises(RenderError) as caught:
        render("casualties-6000", formats=("html",), data_dir=data, reports_dir=out, force=True)

    message = str(caught.value)
    assert "the page counts" in message and "verdict.json has" in message, message
    assert not (out / "casualties-6000").exists()
