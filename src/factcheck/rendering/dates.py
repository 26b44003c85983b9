"""Dates where they enter: strictly YYYY-MM-DD, and within reach of the evidence and of today.

A far date costs work without limit downstream (a chart axis to the year 9000), so it is
refused here, before any notebook runs. An as-of date before the claim date is allowed: it
judges the claim with only the evidence published before it was made.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import UsageError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_as_of(value: str | None, option: str = "--as-of") -> dt.date | None:
    """'' or None means the claim's own as-of date; anything else must be a real YYYY-MM-DD."""
    if not value:
        return None
    try:
        if not _ISO.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"invalid {option} {value!r}: expected a real date as YYYY-MM-DD"
        ) from None


def check_in_range(
    day: dt.date, evidence, what: str = "--as-of", today: dt.date | None = None
) -> None:
    """Refuse a date after today plus a year, or more than a year before the first evidence:
    the same bounds `factcheck validate` applies to a claim file's dates."""
    from ..evidence import FUTURE_YEARS, PAST_YEARS, first_evidence_date, years_after

    today = today or dt.date.today()
    latest = years_after(today, FUTURE_YEARS)
    if day > latest:
        raise UsageError(
            f"{what} {day} is after {latest} (today plus a year); expected a date up to {latest}"
        )
    first = first_evidence_date(evidence.sources.values())
    earliest = years_after(first, -PAST_YEARS) if first is not None else None
    if earliest is not None and day < earliest:
        raise UsageError(
            f"{what} {day} is more than a year before the first evidence ({first}); "
            f"expected a date from {earliest}"
        )
