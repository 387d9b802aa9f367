"""Canonical URLs: the same story reached by different links gets one identity."""
from __future__ import annotations

import courlan


def is_web_url(value: str | None) -> bool:
    return bool(value) and value.lstrip()[:8].lower().startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, default port, tracking parameters (utm_*, fbclid, ...) and fragment dropped,
    query parameters sorted (courlan's normalisation)."""
    url = url.strip()
    if not is_web_url(url):
        return url
    try:
        normalized = courlan.normalize_url(url, strict=False)
    except (ValueError, TypeError):
        normalized = url
    return normalized.split("#", 1)[0]
