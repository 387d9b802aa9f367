"""Raw article -> ``articles`` row: HTML extracted, text normalised, dates in UTC, a stable id.

Everything that changes the text happens here, before any character offset is computed.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from urllib.parse import urlsplit

import apache_beam as beam
import dateutil.parser
from apache_beam.metrics import Metrics

from transforms.fork_pool import PooledDoFn
from transforms.formats import UnreadableInput, split_names
from transforms.records import ERRORS, RawArticle, error_record
from transforms.text import normalize_text
from transforms.urls import canonical_url, is_web_url

# spaCy needs about 15 KB per token to parse a text (measured: 100,000 words took 1.5 GB and a
# minute on en_core_web_sm), so this limit is what bounds a worker's memory. 200,000 characters
# is some 35,000 words, far beyond any news article.
DEFAULT_MAX_ARTICLE_CHARS = 200_000
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def article_id_for(url: str | None, guid: str | None, title: str | None, text: str) -> str:
    """The same article gets the same id in every run: from its URL when it has a real one, else
    from a stable feed GUID, else from its content (so a file moved elsewhere keeps its id)."""
    if url and not url.startswith("file:"):
        key = "url:" + canonical_url(url)
    elif guid:
        key = "guid:" + guid.strip()
    else:
        key = "text:" + (title or "").strip().lower() + "\n" + text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def parse_published(value) -> dt.datetime | None:
    """A timezone-aware UTC datetime from a datetime, an ISO/RFC string or epoch seconds.

    Naive times are taken as UTC (the formats we read state UTC or no zone at all)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        parsed = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    else:
        try:
            parsed = dateutil.parser.parse(str(value))
        except (ValueError, OverflowError) as exc:
            raise UnreadableInput(f"unreadable publication date {str(value)[:60]!r}: {exc}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    parsed = parsed.astimezone(dt.timezone.utc)
    if not 1900 <= parsed.year <= 2100:
        raise UnreadableInput(f"publication date {parsed.isoformat()} is out of range")
    return parsed


def _authors(value) -> list[str]:
    if not value:
        return []
    names = split_names(value) if isinstance(value, str) else [str(v) for v in value]
    seen, out = set(), []
    for name in (normalize_text(n) for n in names):
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


def _outlet(raw: RawArticle, web_url: str | None) -> str | None:
    if raw.get("source"):
        return normalize_text(str(raw["source"]))
    if web_url:
        host = urlsplit(web_url).hostname or ""
        return host[4:] if host.startswith("www.") else host or None
    return None


def _with_page_content(raw: RawArticle) -> RawArticle:
    """Text and metadata extracted from the page; what the reader already knew (a WARC record's
    URL, a feed entry's title and date) wins."""
    from transforms.html import extract_html_article  # trafilatura is imported only where pages are read
    reader_url = raw.get("url")
    page = extract_html_article(raw["html"], url=reader_url if is_web_url(reader_url) else None)
    merged = {k: v for k, v in page.items() if v not in (None, "", [])}
    merged.update((k, v) for k, v in raw.items() if k not in ("html", "text") and v not in (None, "", []))
    return merged


def normalize_article(raw: RawArticle, ingested_at: dt.datetime, run_id: str,
                      max_chars: int = DEFAULT_MAX_ARTICLE_CHARS) -> dict:
    """Build the ``articles`` row. Raises UnreadableInput with a reason a person can act on."""
    if raw.get("html") is not None and not raw.get("text"):
        raw = _with_page_content(raw)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput("article has no text")
    if len(text) > max_chars:
        raise UnreadableInput(f"article text is {len(text):,} characters, over the limit of {max_chars:,} "
                              "(raise --max-article-chars to process it)")
    text = normalize_text(text)
    if not text:
        raise UnreadableInput("article has no text after removing whitespace and control characters")
    url = raw.get("url") or raw.get("input_uri")
    if is_web_url(url):
        url = canonical_url(url)
    declared = raw.get("canonical_url")
    web_url = canonical_url(declared) if is_web_url(declared) else (url if is_web_url(url) else None)
    # The id follows the address the article was read from; a local file has none, so its page's
    # canonical link stands in. Not the canonical link always: a site that names its home page as
    # every page's canonical would make all the stories of a crawl one.
    id_url = web_url if not url or url.startswith("file:") else url
    title = normalize_text(raw["title"]) if raw.get("title") else None
    # The language a source declares; the others are detected where articles are parsed
    # (transforms.annotate), in the parse processes rather than here in the launcher.
    language = (raw.get("language") or "").split("-")[0].lower() or None
    return {
        "article_id": article_id_for(id_url, raw.get("guid"), title, text),
        "url": url,
        "canonical_url": web_url,
        "source": _outlet(raw, web_url),
        "title": title,
        "authors": _authors(raw.get("authors")),
        "published_at": parse_published(raw.get("published")),
        "language": language,
        "text": text,
        "word_count": len(_WORD.findall(text)),
        "ingested_at": ingested_at,
        "input_uri": raw.get("input_uri"),
        "extracted": True,
        "run_id": run_id,
    }


def normalized_outputs(raw: RawArticle, ingested_at: dt.datetime, run_id: str, max_chars: int) -> list[tuple[str, dict]]:
    """The article row, or the error row saying why there is none, as (table, row)."""
    try:
        return [("articles", normalize_article(raw, ingested_at, run_id, max_chars))]
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
        return [(ERRORS, error_record(raw.get("input_uri", "?"), "normalize", exc, item=raw.get("item")))]


def lost_page(raw: RawArticle, exc: BaseException) -> list[tuple[str, dict]]:
    """The error row for a page whose extraction process died twice (a pathological page)."""
    problem = RuntimeError(f"the process extracting this page died twice ({exc}); the page was skipped")
    return [(ERRORS, error_record(raw.get("input_uri", "?"), "normalize", problem, item=raw.get("item")))]


class NormalizeArticles(beam.PTransform):
    """Raw articles -> ``articles`` rows (plus errors)."""

    def __init__(self, ingested_at: dt.datetime, run_id: str, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
                 processes: int = 1):
        super().__init__()
        self.ingested_at, self.run_id, self.max_chars, self.processes = ingested_at, run_id, max_chars, processes

    def expand(self, raw_articles):
        result = raw_articles | "Normalize" >> beam.ParDo(
            _NormalizeFn(self.ingested_at, self.run_id, self.max_chars, self.processes)
        ).with_outputs(ERRORS, main="articles")
        return {"articles": result.articles, ERRORS: result[ERRORS]}


class _NormalizeFn(PooledDoFn):
    """Pages (``html``) are extracted in the local pool when there is one (``fork_pool``):
    trafilatura costs about half as much as the parse, too much to leave on one core."""

    main_output = "articles"
    in_flight_per_process = 4

    def __init__(self, ingested_at, run_id, max_chars, processes: int = 1):
        super().__init__(processes)
        self.ingested_at, self.run_id, self.max_chars = ingested_at, run_id, max_chars
        self.failed = Metrics.counter("normalize", "errors")

    def process(self, raw: RawArticle, window=beam.DoFn.WindowParam, timestamp=beam.DoFn.TimestampParam):
        yield from self.outputs_of(window, timestamp, normalized_outputs, raw, self.ingested_at, self.run_id,
                                   self.max_chars, lost=functools.partial(lost_page, raw),
                                   pooled=raw.get("html") is not None)

    def count(self, outputs: list[tuple[str, dict]]) -> None:
        self.failed.inc(sum(table == ERRORS for table, _ in outputs))
