"""Presentation of a claim, its verdict and its evidence: DataFrames for analysts, escaped HTML
fragments for readers. Reads the verdict; never decides anything.

The names below load on first use: the render process needs only the front page's words (for
the ClaimReview), and importing the sections would import pandas there for nothing.
"""

from importlib import import_module

_MODULE_OF = {
    "Counts": "counts",
    "count": "counts",
    "HTML": "sections",
    "Page": "sections",
    "load_claim": "sections",
    "FORBIDDEN": "words",
    "stated": "words",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Every name, loaded or not, for an analyst's tab completion."""
    return sorted(set(globals()) | set(_MODULE_OF))
