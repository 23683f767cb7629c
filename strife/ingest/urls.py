"""Addresses of pages read from archives and feeds: their article ids and duplicate keys."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_CHARS = 80
# Query parameters that track a click or ask for the AMP copy; the page is the same.
_NOISE_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|amp|outputtype|ref)$", re.IGNORECASE)


def url_id(url: str) -> str:
    """Return a readable, stable article id for a page address: host and path, then a hash."""
    parts = urlsplit(url.strip())
    slug = _SLUG.sub("-", f"{parts.netloc}{parts.path}".lower()).strip("-")[:_SLUG_CHARS]
    digest = hashlib.sha1(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug.strip('-') or 'page'}-{digest}"


def url_key(url: str) -> str:
    """Return what two addresses of the same page share: no scheme, www., AMP marks, tracking."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.").removeprefix("amp.")
    path = re.sub(r"/amp/?$|\.amp$", "", parts.path).rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not _NOISE_PARAMS.match(k)]
    return urlunsplit(("", host, path, urlencode(sorted(query)), ""))
