"""A single render starts its kernel before it imports the evidence model, pandas or the
engine: the kernel's boot (IPython, pandas, matplotlib, factcheck) then overlaps this
process's own imports, validation and verdict instead of following them (issue 23)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.paths import DATA_DIR, PROJECT_ROOT

CLAIM = "dprk-kursk-casualties-6000"


def test_the_kernel_is_started_before_the_render_imports_the_evidence_model(tmp_path):
    script = (
        "import sys\n"
        "from factcheck.rendering import execute\n"
        "def start(cls, cwd, env):\n"
        "    heavy = sorted(m for m in ('factcheck.evidence', 'factcheck.verdict', 'pydantic', "
        "'networkx', 'pandas') if m in sys.modules)\n"
        "    print('heavy at kernel start:', heavy)\n"
        "    raise SystemExit(0)\n"
        "execute.EarlyKernel.start = classmethod(start)\n"
        "from factcheck.cli import main\n"
        f"sys.argv = ['factcheck', 'render', {CLAIM!r}, '--format', 'html', '--force', "
        f"'--data', {str(DATA_DIR)!r}, '--out', {str(tmp_path)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert "heavy at kernel start: []" in done.stdout, done.stdout + done.stderr
    assert not any(tmp_path.glob(f"{CLAIM}/*")) and not any(tmp_path.glob(".*staging*"))


def test_the_render_process_never_imports_pandas_or_matplotlib():
    """The kernel draws the charts and builds the tables; the render process only needs the
    front page's words (for the ClaimReview) and the exporters. Importing the page package's
    sections there cost every cold render 0.3 s of CPU for pandas it never used."""
    code = (
        "import sys\n"
        "import factcheck.claimreview, factcheck.html, factcheck.pdf, factcheck.rendering.render\n"
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


MINI = PROJECT_ROOT / "tests" / "fixtures" / "mini"


@pytest.mark.slow
def test_the_kernel_is_shut_down_before_the_pdf_is_laid_out(tmp_path):
    """The idle kernel (pandas, matplotlib, the evidence, the charts) was held until the render
    ended, beside WeasyPrint's layout: the render's peak memory was the sum of the two (485 MB
    on the bench's 5,000-figure base, 375 MB after). The PDF here is only recorded."""
    script = (
        "import sys\n"
        "from factcheck import pdf\n"
        "from factcheck.rendering import execute\n"
        "close = execute.EarlyKernel.close\n"
        "def closing(self):\n"
        "    if self._context is not None: print('kernel shut down')\n"
        "    close(self)\n"
        "execute.EarlyKernel.close = closing\n"
        "def laying_out(html, claim_id='', charts=None):\n"
        "    print('pdf laid out'); return b'%PDF-'\n"
        "pdf.html_to_pdf = laying_out\n"
        "from factcheck.cli import main\n"
        "sys.argv = ['factcheck', 'render', 'casualties-6000', '--force', '-q', "
        f"'--data', {str(MINI)!r}, '--out', {str(tmp_path)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split("\n")[:2] == ["kernel shut down", "pdf laid out"], done.stdout
