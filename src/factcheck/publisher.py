"""Who publishes the reports, and where: one setting each, read from the environment.

`FACTCHECK_PUBLISHER` is the publisher's name (page 1's masthead, the PDF's author, the
ClaimReview's author); `FACTCHECK_BASE_URL` is the address of the folder that holds the report
folders (ClaimReview's `url` must be absolute). Neither has a made-up default: without a name no
publisher is named, and without an address the ClaimReview is written to claimreview.jsonld for
the record but not embedded in the page (Google requires `url`). Both are part of a report's
build fingerprint, so changing one re-renders every report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import UsageError

PUBLISHER_ENV = "FACTCHECK_PUBLISHER"
BASE_URL_ENV = "FACTCHECK_BASE_URL"
MAX_NAME = 200


@dataclass(frozen=True)
class Publisher:
    name: str = ""  # "" names no publisher
    base_url: str = ""  # "" or an http(s) address ending in one slash

    @property
    def digest(self) -> str:
        """What the build fingerprint records: both settings, as the render uses them."""
        key = json.dumps({"name": self.name, "base_url": self.base_url}, sort_keys=True)
        return hashlib.sha256(key.encode()).hexdigest()


def _has_control(text: str) -> bool:
    if not text:
        return False
    from .schema import is_control  # here, not above: the no-op batch reads these settings

    return any(is_control(ch) for ch in text)


def _name(value: str) -> str:
    name = " ".join(value.split())
    if len(name) > MAX_NAME or _has_control(name):
        raise UsageError(
            f"{PUBLISHER_ENV} must be the publisher's name, at most {MAX_NAME} characters of "
            f"text without control characters; found {value[:60]!r}"
        )
    return name


def _base_url(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or any(ch.isspace() for ch in url)
        or _has_control(url)
    ):
        raise UsageError(
            f"{BASE_URL_ENV} must be the http:// or https:// address of the folder that holds "
            f"the reports (no query or fragment); found {value[:80]!r}"
        )
    return url.rstrip("/") + "/"


def from_env(environ: Mapping[str, str] | None = None) -> Publisher:
    """The two settings, checked; a bad value is one UsageError sentence."""
    env = os.environ if environ is None else environ
    return Publisher(_name(env.get(PUBLISHER_ENV, "")), _base_url(env.get(BASE_URL_ENV, "")))


def publisher_name() -> str:
    """The publisher's name for a page built in a kernel; "" when not set (or not valid)."""
    try:
        return from_env().name
    except UsageError:
        return ""
