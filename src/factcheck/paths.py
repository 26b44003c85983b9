"""Every path the project uses, in one place (nothing else builds paths by hand)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]

DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

REPORT_NOTEBOOK = NOTEBOOKS_DIR / "report.ipynb"
REVIEW_NOTEBOOK = NOTEBOOKS_DIR / "evidence_review.ipynb"
PRINT_CSS = PACKAGE_DIR / "print.css"


def claims_dir(data_dir: Path) -> Path:
    return data_dir / "claims"


def report_dir(reports_dir: Path, claim_id: str) -> Path:
    return reports_dir / claim_id


def resolve_data_dir(data_dir: str | Path) -> Path:
    """A relative data folder means the project's, wherever the kernel runs (JupyterLab starts
    kernels in notebooks/, papermill in the project root)."""
    path = Path(data_dir)
    if path.is_absolute() or path.exists():
        return path
    return PROJECT_ROOT / path
