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


def package_file(package: str, *parts: str) -> Path | None:
    """A file inside an installed package, found without importing the package (matplotlib
    reads its settings as it is imported, matplotlib-fontja restyles matplotlib); None where
    the package or the file is missing."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = Path(folders[0]).joinpath(*parts) if folders else None
    return path if path is not None and path.is_file() else None
