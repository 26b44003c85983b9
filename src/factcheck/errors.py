"""Errors a user can act on. The CLI prints them as one clear message, never a traceback."""

from __future__ import annotations


class FactcheckError(Exception):
    exit_code = 1


class UsageError(FactcheckError):
    """A mistyped id, date, path or option."""

    exit_code = 2


class RenderError(FactcheckError):
    """The notebook, the kernel or the PDF engine failed; the last good report is kept."""

    def __init__(self, message: str, partial=None):
        super().__init__(message)
        self.partial = partial
