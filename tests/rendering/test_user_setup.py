"""A user's own IPython and matplotlib set-up never reaches a report.

An analyst's machine often has an IPython profile (startup files that set pandas options or
import matplotlib with a style, a kernel config) and a matplotlibrc. Report kernels started
with them drew other charts and wrote other pages, and wrote every cell into the user's IPython
history. Real renders of the mini base, cold and in a warm batch, against the session's cold
renders made without any of it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.rendering.batch import render_all
from factcheck.rendering.render import render

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch_warm import MINI, cold_mini, digests  # noqa: E402

pytestmark = pytest.mark.slow

STARTUP = """\
import matplotlib, pandas
matplotlib.rcParams["axes.facecolor"] = "yellow"
pandas.set_option("display.precision", 1)
"""
KERNEL_CONFIG = 'c.InlineBackend.rc = {"figure.facecolor": "red", "font.size": 30}\n'
MATPLOTLIBRC = "axes.facecolor: yellow\nlines.linewidth: 6\nfont.family: serif\n"


@pytest.fixture
def users_setup(tmp_path, monkeypatch) -> Path:
    """An IPython profile with a startup file and a kernel config, a matplotlibrc in the
    user's matplotlib folder and another in the folder the command runs from."""
    profile = tmp_path / "ipython" / "profile_default"
    (profile / "startup").mkdir(parents=True)
    (profile / "startup" / "00-style.py").write_text(STARTUP)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG)
    (tmp_path / "matplotlib").mkdir()
    (tmp_path / "matplotlib" / "matplotlibrc").write_text(MATPLOTLIBRC)
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "matplotlibrc").write_text(MATPLOTLIBRC)
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "matplotlib"))
    monkeypatch.chdir(tmp_path / "here")
    return tmp_path


def test_a_cold_render_ignores_the_users_ipython_profile_and_matplotlibrc(
    users_setup, tmp_path_factory
):
    out = users_setup / "out"
    render("casualties-6000", formats=("html",), data_dir=MINI, reports_dir=out, force=True)
    assert digests(out / "casualties-6000") == cold_mini(tmp_path_factory, "casualties-6000")
    assert not (users_setup / "ipython" / "profile_default" / "history.sqlite").exists()


def test_a_warm_batch_ignores_the_users_ipython_profile_and_matplotlibrc(
    users_setup, tmp_path_factory
):
    out = users_setup / "warm"
    ids = ["casualties-6000", "killed-6000"]
    result = render_all(MINI, out, ("html",), jobs=1, force=True, ids=ids)
    assert result.failed == {}, result.failed
    for claim_id in ids:
        assert digests(out / claim_id) == cold_mini(tmp_path_factory, claim_id), claim_id
    assert not (users_setup / "ipython" / "profile_default" / "history.sqlite").exists()
