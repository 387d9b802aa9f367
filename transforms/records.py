"""The plain records that flow between transforms (dicts, so every runner can encode them).

A reader turns each input item into a *raw article*; ``normalize`` turns it into an
``articles`` row. Anything that fails becomes an *error record*, and every source also
reports a *source event* so the ``sources`` table can account for each item.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

# Tags of the dead-letter and bookkeeping outputs every stage may emit.
ERRORS = "errors"
SOURCE_EVENTS = "source_events"


class RawArticle(TypedDict, total=False):
    input_uri: str        # the file URI or feed URL the item came from (key of its sources row)
    kind: str             # 'file' or 'feed'
    item: str | None      # locator inside the source: 'line 12', an entry link, a WARC record id
    url: str | None       # the web address the article was read from, when known
    canonical_url: str | None  # the address the page declares as its own
    guid: str | None      # a feed entry's id, when stable
    title: str | None
    text: str | None
    authors: Any          # list of names, or one string with several
    published: Any        # datetime, ISO string, epoch seconds or None
    source: str | None    # outlet name (feed title, site name, source_domain)
    language: str | None  # when the input declares it


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def error_record(source: str, stage: str, exc: BaseException | str, item: str | None = None,
                 error_type: str | None = None) -> dict:
    """An ``errors`` row. ``exc`` may be an exception or a message a person can act on."""
    if isinstance(exc, BaseException):
        message = str(exc) or exc.__class__.__name__
        error_type = error_type or exc.__class__.__name__
    else:
        message = exc
    return {"source": source, "item": item, "stage": stage, "error_type": error_type or "error",
            "message": message[:2000], "ingested_at": utcnow()}


def source_event(source: str, kind: str, *, entries: int = 0, status: str | None = None,
                 error: str | None = None, skipped: int = 0) -> tuple[str, dict]:
    """What a reader says about a whole source: items read, records that are not articles
    (skipped), and a status when it decides one."""
    return source, {"kind": kind, "entries": entries, "status": status, "error": error, "skipped": skipped}
