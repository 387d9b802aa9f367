"""Feeds as a source: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and RDF, read by URL or from files.

    feed list ─► Reshuffle ─► FetchFeeds (conditional GET, parse, state) ─► new entries
        ─► Reshuffle ─► EntriesToArticles (content, else the linked page, else the summary)

Both steps take elements in batches and work on ``threads`` threads per worker: fetching
is waiting, and a single slow server must not hold up the others.

Per feed, exactly one source event: ``ok`` (new entries handed on), ``not_modified`` (304,
the same body as last time, or no entry that was not already ingested), ``empty`` (a feed
with no entries) or ``error`` (with the reason). Entries that yield no text become error
rows. Bytes are fetched by ``transforms.http`` and handed to feedparser, never fetched by
feedparser itself (it has no timeout).

Identity: an entry is recognised across runs by its canonical URL (``transforms.urls``, the
same one ``normalize`` builds ``article_id`` from), else its GUID, else a hash of its content.
The feed's declared language is not passed on: CMS defaults make it often wrong, and
``normalize`` detects the language from the text.

Politeness: at most ``host_concurrency`` requests run at once per host and ``host_delay``
seconds (or the site's Crawl-delay, up to 30 s) pass between their starts, for feeds and
pages alike; robots.txt is obeyed for linked pages (the feeds are the user's own choice).
The limits hold per worker process.
"""
from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import glob
import hashlib
import logging
import os
import threading
import time
import urllib.robotparser
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import apache_beam as beam
import feedparser
import httpx
from apache_beam.metrics import Metrics
from inscriptis import get_text

from transforms import feed_state
from transforms.html import extract_html_article
from transforms.http import (PAGE_ACCEPT, FetchError, HttpPolicy, fetch, gunzip_if_compressed,
                             make_client)
from transforms.records import ERRORS, SOURCE_EVENTS, RawArticle, error_record, source_event, utcnow
from transforms.urls import canonical_url, is_web_url  # the one definition, shared with normalize

log = logging.getLogger(__name__)

FEED_FILE_SUFFIXES = (".xml", ".rss", ".atom", ".rdf", ".xml.gz", ".rss.gz", ".atom.gz")
ROBOTS_AGENT = "newsbeam"
MAX_CRAWL_DELAY = 30.0


# --- which feeds -------------------------------------------------------------------------

def url_host(url: str | None) -> str | None:
    host = urlsplit(url or "").hostname
    return host.removeprefix("www.") if host else None


class FeedSourceError(ValueError):
    """A ``--feed`` or ``--feed-list`` argument that names nothing readable."""


def expand_feed_sources(values: Iterable[str], base_dir: str | None = None) -> list[str]:
    """``--feed`` values as source keys: web URLs as given, files as ``file://`` URIs.

    A glob (``feeds/**/*.xml``) or a directory gives one source per feed file it holds.
    Relative paths are taken from ``base_dir`` (the feed list's directory) when given.
    """
    sources: list[str] = []
    for raw in values:
        value = raw.strip()
        if not value:
            continue
        if is_web_url(value):
            sources.append(value)
            continue
        if value.lower().startswith("file:"):
            value = url2pathname(urlsplit(value).path)
        path = os.path.expanduser(value)
        if base_dir and not os.path.isabs(path):
            path = os.path.join(base_dir, path)
        if any(char in path for char in "*?["):
            matches = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
            if not matches:
                raise FeedSourceError(f"--feed {raw!r}: the pattern matches no file")
        elif os.path.isdir(path):
            matches = sorted(str(p) for p in Path(path).rglob("*")
                             if p.is_file() and p.name.lower().endswith(FEED_FILE_SUFFIXES))
            if not matches:
                raise FeedSourceError(f"--feed {raw!r}: the directory holds no feed files "
                                      f"({', '.join(FEED_FILE_SUFFIXES)})")
        elif os.path.isfile(path):
            matches = [path]
        else:
            raise FeedSourceError(f"--feed {raw!r}: no such file, and not an http(s) URL")
        sources.extend(Path(match).resolve().as_uri() for match in matches)
    return list(dict.fromkeys(sources))


def expand_feed_list(path: str) -> list[str]:
    """The feeds of a ``--feed-list`` file: one URL or path a line (``#`` comments), or OPML."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FeedSourceError(f"--feed-list {path!r}: cannot read it ({exc.strerror or exc})") from exc
    base_dir = os.path.dirname(os.path.abspath(path))
    text = data.decode("utf-8-sig", errors="replace")
    if text.lstrip().startswith("<"):
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            raise FeedSourceError(f"--feed-list {path!r}: looks like OPML but is not valid XML ({exc})") from exc
        urls = []
        for outline in root.iter("outline"):
            attributes = {key.lower(): value for key, value in outline.attrib.items()}
            if attributes.get("xmlurl", "").strip():
                urls.append(attributes["xmlurl"].strip())
        return expand_feed_sources(urls, base_dir)
    lines = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return expand_feed_sources(lines, base_dir)


# --- feed bytes to entries ---------------------------------------------------------------

def html_to_text(html: str | None) -> str:
    """Readable plain text of an HTML fragment: block elements become line breaks."""
    if not html or not html.strip():
        return ""
    if "<" not in html and "&" not in html:
        return html.strip()
    return get_text(html).strip()


def _detail_text(value: str | None, detail: dict | None) -> str:
    content_type = (detail or {}).get("type") or "text/html"
    if "html" in content_type:
        return html_to_text(value)
    return (value or "").strip()


def _struct_time_to_utc(value) -> dt.datetime | None:
    """feedparser's ``*_parsed`` are UTC ``struct_time``s without a zone: timegm, not mktime."""
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def _authors(entry: dict) -> list[str]:
    names = [(author or {}).get("name") for author in entry.get("authors") or []]
    if not any(names) and entry.get("author"):
        names = [entry["author"]]
    return list(dict.fromkeys(name.strip() for name in names if name and name.strip()))


def entry_key(url: str | None, guid: str | None, title: str | None, text: str | None) -> str:
    """How a feed entry is recognised in a later run: its page, else its GUID, else its content."""
    if is_web_url(url):
        return canonical_url(url)
    if guid:
        return f"guid:{guid}"
    digest = hashlib.sha256(f"{title or ''}\n{text or ''}".encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


class ParsedFeed:
    """The outcome of parsing one feed document."""

    def __init__(self, status: str, *, title: str | None = None, entries: list[dict] | None = None,
                 error: str | None = None):
        self.status = status        # 'ok', 'empty' or 'error'
        self.title = title
        self.entries = entries or []
        self.error = error


def _xml_problem(exc: BaseException) -> str:
    """The parser's complaint with its position, without expat's ``<unknown>:`` prefix."""
    return str(exc).removeprefix("<unknown>:") or exc.__class__.__name__


def _not_a_feed_reason(body: bytes, parsed) -> str:
    head = body[:2048].lstrip().lower()
    if not head:
        return "the document is empty, not a feed"
    if b"<html" in head or b"<!doctype html" in head:
        return ("the document is an HTML page, not a feed (the page may link its feed with "
                "<link rel=\"alternate\" type=\"application/rss+xml\">)")
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        return f"invalid XML, no feed could be recovered ({_xml_problem(parsed['bozo_exception'])})"
    return "not an RSS, Atom or RDF feed (no feed elements found)"


def parse_feed(body: bytes, source: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Feed bytes to entry dicts (see ``entry_fields``); malformed feeds yield what can be recovered."""
    try:
        parsed = feedparser.parse(body, response_headers=headers or {}, sanitize_html=True,
                                  resolve_relative_uris=True)
    except Exception as exc:  # feedparser must not take the run down with it, whatever the bytes
        return ParsedFeed("error", error=f"the feed parser failed on this document ({exc.__class__.__name__}: {exc})")
    feed = parsed.get("feed") or {}
    title = _detail_text(feed.get("title"), feed.get("title_detail")) or None
    if parsed.entries:
        outlet = title or url_host(feed.get("link")) or url_host(source)
        entries = [entry_fields(entry, index, source, outlet)
                   for index, entry in enumerate(parsed.entries)]
        return ParsedFeed("ok", title=title, entries=entries)
    if parsed.get("version") or (feed and not parsed.get("bozo")):
        note = None
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            note = f"malformed feed, no entries recovered ({_xml_problem(parsed['bozo_exception'])})"
        return ParsedFeed("empty", title=title, error=note)
    return ParsedFeed("error", error=_not_a_feed_reason(body, parsed))


def entry_fields(entry: dict, index: int, source: str, outlet: str | None) -> dict:
    """What one entry says about its article, as a plain (picklable) dict."""
    link = (entry.get("link") or "").strip() or None
    guid = (entry.get("id") or "").strip() or None
    url = canonical_url(link) if is_web_url(link) else None  # feedparser may copy a tag: id here
    contents = [_detail_text(content.get("value"), content) for content in entry.get("content") or []]
    content_text = max(contents, key=len, default="")
    summary_text = _detail_text(entry.get("summary"), entry.get("summary_detail"))
    title = " ".join(_detail_text(entry.get("title"), entry.get("title_detail")).split()) or None
    published = None
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        published = _struct_time_to_utc(entry.get(field))
        if published:
            break
    return {
        "input_uri": source, "kind": "feed", "item": link or guid or f"entry {index + 1}",
        "url": url, "guid": guid, "title": title, "authors": _authors(entry), "published": published,
        "source": outlet or url_host(url),
        "content_text": content_text, "summary_text": summary_text,
        "key": entry_key(url, guid, title, content_text or summary_text),
    }


# --- reading one feed --------------------------------------------------------------------

def _read_local(uri: str, max_bytes: int) -> bytes:
    path = url2pathname(urlsplit(uri).path)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise FetchError("too_large", f"the file has {size:,} bytes, more than the {max_bytes:,} byte limit")
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise FetchError("missing", "no such file (moved or deleted since the run started?)") from exc
    except OSError as exc:
        raise FetchError("unreadable", f"cannot read the file ({exc.strerror or exc})") from exc


class FeedOutcome:
    """One feed's source event and the new entries it hands on."""

    def __init__(self, status: str, entries: list[dict] | None = None, error: str | None = None):
        self.status = status
        self.entries = entries or []
        self.error = error


def read_feed(source: str, *, output_dir: str, staging_dir: str, client: httpx.Client | None,
              policy: HttpPolicy, ignore_state: bool = False,
              politeness: HostPoliteness | None = None) -> FeedOutcome:
    """Fetch (conditionally), parse and diff one feed against its state; save the new state.

    ``ignore_state`` (for ``--reprocess``) fetches unconditionally and hands on every entry,
    still recording what it saw. ``politeness`` paces requests to one host (no robots.txt:
    the user asked for this feed). The state is written to ``staging_dir`` in every case, so
    it survives a commit that replaces the state directory as well as one that merges files.
    """
    state = feed_state.load_state(output_dir, source)
    remembered = feed_state.FeedState(source) if ignore_state else state
    state.checked_at = utcnow().isoformat()
    try:
        headers: dict[str, str] = {}
        if is_web_url(source):
            if client is None:
                raise ValueError("read_feed needs an HTTP client for web feeds")
            with politeness.slot(source) if politeness else contextlib.nullcontext():
                response = fetch(source, client, policy, etag=remembered.etag,
                                 last_modified=remembered.last_modified)
            if response.not_modified:
                feed_state.save_state(staging_dir, state)
                return FeedOutcome("not_modified")
            state.etag, state.last_modified = response.etag, response.last_modified
            headers = {name: response.headers[name] for name in ("content-type", "content-language")
                       if name in response.headers}
            headers["content-location"] = response.headers.get("content-location") or response.url
            body = response.body
        else:
            body = _read_local(source, policy.max_bytes)
        body = gunzip_if_compressed(body, policy.max_bytes)
    except FetchError as exc:
        feed_state.save_state(staging_dir, state)
        return FeedOutcome("error", error=str(exc))

    digest = feed_state.body_hash(body)
    if digest == remembered.body_sha256:
        feed_state.save_state(staging_dir, state)
        return FeedOutcome("not_modified")
    parsed = parse_feed(body, source, headers)
    if parsed.status == "error":
        feed_state.save_state(staging_dir, state)   # body hash not kept: the error is reported every run
        return FeedOutcome("error", error=parsed.error)
    state.body_sha256 = digest
    seen = set(remembered.seen)
    unseen: dict[str, dict] = {}
    for entry in parsed.entries:
        if entry["key"] not in seen:
            unseen.setdefault(entry["key"], entry)   # an entry listed twice counts once
    new = list(unseen.values())
    state.remember(list(unseen))
    feed_state.save_state(staging_dir, state)
    if parsed.status == "empty":
        return FeedOutcome("empty", error=parsed.error)
    if not new:
        return FeedOutcome("not_modified")
    return FeedOutcome("ok", entries=new)


# --- politeness for linked pages ---------------------------------------------------------

def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class HostPoliteness:
    """robots.txt and per-host pacing, shared by the threads of one process."""

    def __init__(self, client: httpx.Client, policy: HttpPolicy, delay: float, concurrency: int):
        self.client, self._policy = client, policy
        self._delay, self._concurrency = delay, max(1, concurrency)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._robots_unreadable: dict[str, str] = {}

    def fetch_page(self, url: str):
        """GET a page if robots.txt allows it, in the host's turn."""
        if not self.allowed(url):
            site = _site(url)
            if site in self._robots_unreadable:
                raise FetchError("robots", f"{site}/robots.txt could not be read ({self._robots_unreadable[site]}), "
                                           "so the site's pages are left alone")
            raise FetchError("robots", "robots.txt disallows fetching this page")
        with self.slot(url):
            return fetch(url, self.client, self._policy, accept=PAGE_ACCEPT)

    def allowed(self, url: str) -> bool:
        robots = self._robots_for(url)
        return robots is None or robots.can_fetch(ROBOTS_AGENT, url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules (RFC 9309): a 4xx means no rules, an unreachable file means keep out."""
        site = _site(url)
        with self._lock:
            if site in self._robots:
                return self._robots[site]
        robots = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            with self.slot(site + "/robots.txt"):
                response = fetch(site + "/robots.txt", self.client, self._policy, accept="text/plain")
            robots.parse(response.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                robots = None
            else:
                robots.disallow_all = True
                self._robots_unreadable[site] = str(exc)
        with self._lock:
            self._robots[site] = robots
        return robots

    def _host_delay(self, host: str) -> float:
        robots = self._robots.get(host)
        crawl_delay = robots.crawl_delay(ROBOTS_AGENT) if robots is not None else None
        return max(self._delay, min(float(crawl_delay or 0), MAX_CRAWL_DELAY))

    @contextlib.contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's request slots, started no sooner than its delay allows."""
        host = _site(url)
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with semaphore:
            with self._lock:
                start = max(time.monotonic(), self._next_start.get(host, 0.0))
                self._next_start[host] = start + self._host_delay(host)
            time.sleep(max(0.0, start - time.monotonic()))
            yield


_politeness_by_process: dict[tuple, HostPoliteness] = {}
_politeness_lock = threading.Lock()


def shared_politeness(policy: HttpPolicy, delay: float, concurrency: int) -> HostPoliteness:
    """One ``HostPoliteness`` per process and configuration, so every DoFn instance shares it."""
    key = (policy, delay, concurrency)
    with _politeness_lock:
        if key not in _politeness_by_process:
            client = make_client(policy, max_connections=max(10, concurrency * 4))
            _politeness_by_process[key] = HostPoliteness(client, policy, delay, concurrency)
        return _politeness_by_process[key]


# --- entry to article --------------------------------------------------------------------

def page_text(url: str, politeness: HostPoliteness) -> tuple[str, RawArticle]:
    """The linked page's main text (and what else the page says), or ``FetchError``."""
    response = politeness.fetch_page(url)
    content_type = response.headers.get("content-type", "").lower()
    if content_type and "html" not in content_type:
        raise FetchError("not_html", f"the linked page is {content_type.split(';')[0]}, not HTML")
    try:
        page = extract_html_article(response.body, response.url)
    except ValueError as exc:
        raise FetchError("no_text", str(exc)) from exc
    return page.get("text") or "", page


def entry_to_article(entry: dict, *, politeness: HostPoliteness | None
                     ) -> tuple[RawArticle | None, str | None]:
    """The raw article of one entry: its content, else the linked page, else its summary.

    Returns ``(article, None)`` or ``(None, reason)`` when the entry has no text anywhere.
    The page is used only when its text is at least as long as the entry's summary, so a
    cookie wall or an index page does not replace a good summary.
    """
    text = entry["content_text"]
    page: RawArticle = {}
    page_problem = None
    if not text and politeness is not None and is_web_url(entry["url"]):
        try:
            page_body, page = page_text(entry["url"], politeness)
            if len(page_body) >= len(entry["summary_text"]):
                text = page_body
        except FetchError as exc:
            page_problem = f"the linked page could not be used: {exc}"
    text = text or entry["summary_text"]
    if not text:
        reason = "the entry has no content and no summary"
        if page_problem:
            reason += f"; {page_problem}"
        elif not entry["url"]:
            reason += ", and no link to a page"
        elif politeness is None:
            reason += ", and fetching linked pages is off (--no-fetch-pages)"
        return None, reason
    article = RawArticle(
        input_uri=entry["input_uri"], kind="feed", item=entry["item"], url=entry["url"],
        canonical_url=page.get("canonical_url"),
        guid=entry["guid"], title=entry["title"] or page.get("title"), text=text,
        authors=entry["authors"] or page.get("authors") or [],
        published=entry["published"] or page.get("published"),
        source=entry["source"])
    return article, None


# --- Beam --------------------------------------------------------------------------------

def _map_on_threads(function, items: list, threads: int) -> list:
    """``function`` over ``items`` on up to ``threads`` threads, results in order.

    Feeds and pages spend their time waiting on servers, so one worker overlaps many of them.
    The threads are daemons: an interrupted run exits without waiting for a slow server.
    """
    results: list = [None] * len(items)
    indexes = iter(range(len(items)))
    lock = threading.Lock()

    def work() -> None:
        while True:
            with lock:
                index = next(indexes, None)
            if index is None:
                return
            try:
                results[index] = function(items[index])
            except BaseException as exc:  # handed to the calling thread below
                results[index] = exc

    workers = [threading.Thread(target=work, daemon=True) for _ in range(min(threads, len(items)))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


class _FetchFeedsFn(beam.DoFn):
    """A batch of feed sources -> one source event per feed, plus its new entries."""

    def __init__(self, output_dir: str, staging_dir: str, policy: HttpPolicy, ignore_state: bool,
                 threads: int, host_delay: float, host_concurrency: int):
        self._output_dir, self._staging_dir, self._policy = output_dir, staging_dir, policy
        self._ignore_state, self._threads = ignore_state, threads
        self._host_delay, self._host_concurrency = host_delay, host_concurrency
        self._outcomes = {status: Metrics.counter("feeds", f"feeds_{status}")
                          for status in ("ok", "not_modified", "empty", "error")}

    def setup(self):
        self._politeness = shared_politeness(self._policy, self._host_delay, self._host_concurrency)

    def _read(self, source: str) -> FeedOutcome:
        try:
            return read_feed(source, output_dir=self._output_dir, staging_dir=self._staging_dir,
                             client=self._politeness.client, policy=self._policy,
                             ignore_state=self._ignore_state, politeness=self._politeness)
        except Exception as exc:  # a bug or a disk problem on one feed must not stop the others
            log.exception("reading feed %s failed", source)
            return FeedOutcome("error", error=f"internal error while reading the feed "
                                              f"({exc.__class__.__name__}: {exc})")

    def process(self, sources: list[str]):
        for source, outcome in zip(sources, _map_on_threads(self._read, sources, self._threads)):
            self._outcomes[outcome.status].inc()
            yield beam.pvalue.TaggedOutput(SOURCE_EVENTS, source_event(
                source, "feed", entries=len(outcome.entries), status=outcome.status, error=outcome.error))
            yield from outcome.entries


class _EntriesToArticlesFn(beam.DoFn):
    """A batch of entries -> raw articles, or error rows for entries without any text."""

    def __init__(self, fetch_pages: bool, policy: HttpPolicy, threads: int, host_delay: float,
                 host_concurrency: int):
        self._fetch_pages, self._policy, self._threads = fetch_pages, policy, threads
        self._host_delay, self._host_concurrency = host_delay, host_concurrency
        self._no_text = Metrics.counter("feeds", "entries_without_text")

    def setup(self):
        self._politeness = (shared_politeness(self._policy, self._host_delay, self._host_concurrency)
                            if self._fetch_pages else None)

    def _convert(self, entry: dict) -> tuple[RawArticle | None, str | None]:
        try:
            return entry_to_article(entry, politeness=self._politeness)
        except Exception as exc:
            log.exception("entry %s of %s failed", entry.get("item"), entry.get("input_uri"))
            return None, f"internal error ({exc.__class__.__name__}: {exc})"

    def process(self, entries: list[dict]):
        threads = self._threads if self._fetch_pages else 1  # without page fetches it is all CPU
        for entry, (article, problem) in zip(entries, _map_on_threads(self._convert, entries, threads)):
            if article is not None:
                yield article
            else:
                self._no_text.inc()
                yield beam.pvalue.TaggedOutput(
                    ERRORS, error_record(entry["input_uri"], "feed_entry", problem, item=entry["item"],
                                         error_type="no_text"))


class ReadFeeds(beam.PTransform):
    """Feeds to raw articles, with one source event per feed and error rows for bad entries.

    ``feeds`` are URLs, files, globs or directories (see ``expand_feed_sources``; already
    expanded lists pass through unchanged). ``output_dir`` holds the state of the last
    successful run; the new state goes under ``staging_dir`` (committed with the run's rows).
    ``ignore_state=True`` (for ``--reprocess``) fetches every feed in full and hands on every
    entry. Returns a dict with the keys ``"articles"``, ``ERRORS`` and ``SOURCE_EVENTS``.
    """

    def __init__(self, feeds: list[str], *, output_dir: str, staging_dir: str, fetch_pages: bool = True,
                 http_policy: HttpPolicy = HttpPolicy(), page_policy: HttpPolicy | None = None,
                 host_delay: float = 1.0, host_concurrency: int = 2, threads: int = 8,
                 ignore_state: bool = False):
        super().__init__()
        self._feeds = expand_feed_sources(feeds)
        self._output_dir, self._staging_dir = output_dir, staging_dir
        self._fetch_pages = fetch_pages
        self._http_policy = http_policy
        self._page_policy = page_policy or http_policy
        self._host_delay, self._host_concurrency = host_delay, host_concurrency
        self._threads, self._ignore_state = threads, ignore_state

    def expand(self, pbegin):
        batch = 4 * self._threads  # enough to keep the threads busy, small enough to spread over workers
        fetched = (
            pbegin
            | "Feeds" >> beam.Create(self._feeds)
            | "SpreadFeeds" >> beam.Reshuffle()
            | "BatchFeeds" >> beam.BatchElements(min_batch_size=batch, max_batch_size=batch)
            | "FetchFeeds" >> beam.ParDo(_FetchFeedsFn(
                self._output_dir, self._staging_dir, self._http_policy, self._ignore_state, self._threads,
                self._host_delay, self._host_concurrency))
            .with_outputs(SOURCE_EVENTS, main="entries"))
        converted = (
            fetched.entries
            | "SpreadEntries" >> beam.Reshuffle()
            | "BatchEntries" >> beam.BatchElements(min_batch_size=batch, max_batch_size=batch)
            | "EntriesToArticles" >> beam.ParDo(_EntriesToArticlesFn(
                self._fetch_pages, self._page_policy, self._threads, self._host_delay, self._host_concurrency))
            .with_outputs(ERRORS, main="articles"))
        return {"articles": converted.articles, ERRORS: converted[ERRORS],
                SOURCE_EVENTS: fetched[SOURCE_EVENTS]}
