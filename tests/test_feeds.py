"""transforms.feeds and transforms.feed_state: parsing, state round trips, polite page fetches."""
from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import threading
import time
from pathlib import Path

import apache_beam as beam
import duckdb
import pytest
from apache_beam.testing.util import assert_that

from pipeline.options import RunConfig
from pipeline.run import run_batch
from tests.servers import (drip, feed, invalid_gzip, never_answer, redirect, refused_url,
                           reset_mid_body, status)
from transforms import feed_state
from transforms.feeds import (FeedSourceError, HostPoliteness, ReadFeeds, entry_to_article,
                              expand_feed_list, expand_feed_sources, parse_feed, read_feed)
from transforms.http import HttpPolicy, make_client
from transforms.records import ERRORS, SOURCE_EVENTS

FAST = HttpPolicy(timeout=1.5, connect_timeout=1.0, retries=1, backoff=0.05, max_retry_after=2.0)
EVAL_FEEDS = str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "feeds")  # beside the checkout, as in CI

PAGE = """<!doctype html><html><head><title>Harbour bridge reopens</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens after two years of repairs</h1>
<p>The old harbour bridge opened to traffic again on Monday morning, two years after engineers
closed it because of cracks found in its steel girders during a routine inspection.</p>
<p>Commuters who had faced a forty-minute detour through the industrial district lined up before
dawn to be among the first to cross. Several cyclists rang their bells as the barriers lifted.</p>
<p>The city council said the repairs cost slightly less than the budget approved in the spring,
and that the new sensors fitted under the deck will warn engineers long before cracks spread.</p>
<p>A footpath on the eastern side will stay closed until the painters finish their work in March.</p>
</article><footer>Contact the newsroom</footer></body></html>"""


RSS_ITEM_ELEMENTS = (
    ("title", "<title>{}</title>"),
    ("link", "<link>{}</link>"),
    ("guid", '<guid isPermaLink="false">{}</guid>'),
    ("description", "<description>{}</description>"),
    ("content", "<content:encoded><![CDATA[{}]]></content:encoded>"),
    ("date", "<pubDate>{}</pubDate>"),
    ("author", "<dc:creator>{}</dc:creator>"),
)


def rss(items: list[dict], title: str = "Harbour Gazette") -> bytes:
    """An RSS 2.0 document with the given items (keys: title, link, guid, description, content, date, author)."""
    parts = ["<item>" + "".join(element.format(item[key]) for key, element in RSS_ITEM_ELEMENTS if key in item)
             + "</item>" for item in items]
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel><title>{title}</title><link>https://gazette.example/</link>'
            f'{"".join(parts)}</channel></rss>').encode("utf-8")


def story(n: int, **extra) -> dict:
    return {"title": f"Story {n}", "link": f"https://gazette.example/story/{n}?utm_source=rss",
            "description": f"Summary of story number {n} about the harbour.", **extra}


def commit(staging: Path, output: Path) -> None:
    """What the driver does after a successful run: move staged files into the output."""
    for path in staging.rglob("*.json"):
        target = output / path.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)


@pytest.fixture
def client():
    with make_client(FAST) as http:
        yield http


@pytest.fixture
def dirs(tmp_path):
    output, staging = tmp_path / "out", tmp_path / "staging"
    output.mkdir()
    staging.mkdir()
    return output, staging


def read(source, dirs, client, policy=FAST):
    output, staging = dirs
    outcome = read_feed(source, output_dir=str(output), staging_dir=str(staging), client=client, policy=policy)
    commit(staging, output)
    return outcome


# --- which feeds -------------------------------------------------------------------------

def test_feed_list_plain_with_comments_and_relative_files(tmp_path):
    (tmp_path / "local.xml").write_bytes(rss([story(1)]))
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\nhttps://a.example/feed.xml\n\n  https://b.example/rss  # nightly\n"
                       "local.xml\nhttps://a.example/feed.xml\n")
    assert expand_feed_list(str(listing)) == [
        "https://a.example/feed.xml", "https://b.example/rss", (tmp_path / "local.xml").resolve().as_uri()]


def test_feed_list_opml_takes_every_outline_with_a_feed_url(tmp_path):
    listing = tmp_path / "subscriptions.opml"
    listing.write_text("""<?xml version="1.0"?><opml version="2.0"><head><title>subs</title></head><body>
      <outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/feed.xml"/>
        <outline text="B" type="rss" xmlurl="https://b.example/atom"/></outline>
      <outline text="just a folder"/></body></opml>""")
    assert expand_feed_list(str(listing)) == ["https://a.example/feed.xml", "https://b.example/atom"]


def test_feed_arguments_expand_globs_and_directories_and_refuse_missing_paths(tmp_path):
    for name in ("a/one.xml", "a/b/two.rss", "a/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"<rss/>")
    by_glob = expand_feed_sources([str(tmp_path / "a" / "**" / "*.xml")])
    assert by_glob == [(tmp_path / "a/one.xml").as_uri()]
    by_dir = expand_feed_sources([str(tmp_path / "a")])
    assert by_dir == [(tmp_path / "a/b/two.rss").as_uri(), (tmp_path / "a/one.xml").as_uri()]
    assert expand_feed_sources(by_dir) == by_dir  # already expanded lists pass through
    with pytest.raises(FeedSourceError, match="no such file"):
        expand_feed_sources([str(tmp_path / "missing.xml")])
    with pytest.raises(FeedSourceError, match="matches no file"):
        expand_feed_sources([str(tmp_path / "*.atom")])


# --- parsing -----------------------------------------------------------------------------

def test_rss_entry_becomes_a_raw_article_with_utc_date(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # time.mktime would shift the date by nine hours here
    time.tzset()
    try:
        parsed = parse_feed(rss([story(1, content="<p>First paragraph.</p><p>Second <b>bold</b> one.</p>",
                                           date="Tue, 24 Nov 2026 10:00:00 +0200", author="Ana Lima")]),
                            "https://gazette.example/rss")
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert parsed.status == "ok" and parsed.title == "Harbour Gazette"
    article, problem = entry_to_article(parsed.entries[0], politeness=None)
    assert problem is None
    assert article["text"] == "First paragraph.\n\nSecond bold one."
    assert article["published"] == dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone.utc)
    assert article["url"] == "https://gazette.example/story/1"
    assert article["authors"] == ["Ana Lima"] and article["source"] == "Harbour Gazette"
    assert article["kind"] == "feed" and article["input_uri"] == "https://gazette.example/rss"


def test_summary_is_used_when_there_is_no_content_and_no_fetching():
    parsed = parse_feed(rss([story(2, description="&lt;p&gt;Only a &lt;i&gt;teaser&lt;/i&gt;.&lt;/p&gt;")]), "s")
    article, _ = entry_to_article(parsed.entries[0], politeness=None)
    assert article["text"] == "Only a teaser."
    bare = parse_feed(rss([{"title": "No text", "link": "https://gazette.example/x"}]), "s")
    article, problem = entry_to_article(bare.entries[0], politeness=None)
    assert article is None and "--no-fetch-pages" in problem


def test_atom_prefers_published_over_updated_and_rdf_is_read():
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
      <entry><id>tag:atom.example,2026:1</id><title>Atom story</title>
        <published>2026-11-20T06:30:00Z</published><updated>2026-11-22T09:00:00Z</updated>
        <author><name>Bo Chen</name></author><author><name>Dee Roy</name></author>
        <content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;</content></entry></feed>"""
    entry = parse_feed(atom, "file:///atom.xml").entries[0]
    assert entry["published"] == dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.timezone.utc)
    assert entry["authors"] == ["Bo Chen", "Dee Roy"] and entry["guid"] == "tag:atom.example,2026:1"
    assert entry["url"] is None and entry["key"] == "guid:tag:atom.example,2026:1"
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://rdf.example/"><title>RDF Daily</title></channel>
      <item rdf:about="https://rdf.example/a"><title>RDF item</title><link>https://rdf.example/a</link>
      <description>RDF description.</description></item></rdf:RDF>"""
    parsed = parse_feed(rdf, "file:///rdf.xml")
    assert parsed.status == "ok" and parsed.entries[0]["summary_text"] == "RDF description."


def test_entries_without_link_or_guid_are_known_by_content():
    one = parse_feed(rss([{"title": "A", "description": "same words"}]), "s").entries[0]["key"]
    again = parse_feed(rss([{"title": "A", "description": "same words"}], title="Other"), "s").entries[0]["key"]
    other = parse_feed(rss([{"title": "A", "description": "other words"}]), "s").entries[0]["key"]
    assert one.startswith("sha256:") and one == again and one != other


def test_bozo_feed_keeps_the_entries_it_recovers():
    broken = rss([story(1), story(2)]).replace(b"<title>Story 2</title>", b"<title>Story 2</b></title>")
    parsed = parse_feed(broken, "s")
    assert parsed.status == "ok" and [e["title"] for e in parsed.entries][:1] == ["Story 1"]


def test_documents_that_are_not_feeds_are_errors_with_reasons():
    html = parse_feed(b"<!doctype html><html><body><p>Welcome</p></body></html>", "s")
    assert html.status == "error" and "HTML page" in html.error
    garbage = parse_feed(b"\x00\xff{ not xml at all", "s")
    assert garbage.status == "error" and garbage.error
    nothing = parse_feed(b"", "s")
    assert nothing.status == "error" and "empty" in nothing.error
    empty = parse_feed(rss([]), "s")
    assert empty.status == "empty" and empty.title == "Harbour Gazette" and empty.error is None


def test_every_eval_feed_file_gets_a_status_and_every_entry_an_outcome(tmp_path):
    files = sorted(glob.glob(f"{EVAL_FEEDS}/**/*.xml", recursive=True))
    assert len(files) == 105
    sources = expand_feed_sources([f"{EVAL_FEEDS}/**/*.xml"])
    assert len(sources) == 105 and all(s.startswith("file:///") for s in sources)
    statuses = {}
    for source in sources:
        outcome = read_feed(source, output_dir=str(tmp_path), staging_dir=str(tmp_path), client=None,
                            policy=FAST)
        statuses[source] = outcome.status
        assert outcome.status in {"ok", "empty", "error"}
        assert outcome.status != "error" or outcome.error
        for entry in outcome.entries:
            article, problem = entry_to_article(entry, politeness=None)
            assert (article is None) != (problem is None)
            assert article is None or article["text"].strip()
    assert {"ok", "empty"} <= set(statuses.values())
    # The state written by that run makes each unchanged file 'not_modified' the next time.
    for source in [s for s in sources if statuses[s] != "error"][:5]:
        again = read_feed(source, output_dir=str(tmp_path), staging_dir=str(tmp_path), client=None, policy=FAST)
        assert again.status == "not_modified"


# --- state round trips against a real server ---------------------------------------------

def test_etag_round_trip(server, client, dirs):
    server.route("/feed", feed(rss([story(1), story(2)]), etag='"v1"'))
    first = read(server.url("/feed"), dirs, client)
    assert first.status == "ok" and len(first.entries) == 2
    second = read(server.url("/feed"), dirs, client)
    assert second.status == "not_modified" and second.entries == []
    assert server.requests[-1][1]["if-none-match"] == '"v1"'


def test_last_modified_round_trip(server, client, dirs):
    server.route("/feed", feed(rss([story(1)]), last_modified="Mon, 23 Nov 2026 08:00:00 GMT"))
    assert read(server.url("/feed"), dirs, client).status == "ok"
    second = read(server.url("/feed"), dirs, client)
    assert second.status == "not_modified"
    assert server.requests[-1][1]["if-modified-since"] == "Mon, 23 Nov 2026 08:00:00 GMT"


def test_unchanged_body_without_validators_is_not_modified(server, client, dirs):
    server.route("/feed", feed(rss([story(1)])))
    assert read(server.url("/feed"), dirs, client).status == "ok"
    assert read(server.url("/feed"), dirs, client).status == "not_modified"
    assert server.hits("/feed") == 2


def test_a_feed_that_gains_two_entries_hands_on_exactly_those(server, client, dirs):
    server.route("/feed", feed(rss([story(1), story(2), story(3)]), etag='"v1"'))
    assert len(read(server.url("/feed"), dirs, client).entries) == 3
    server.route("/feed", feed(rss([story(5), story(4), story(1), story(2), story(3)]), etag='"v2"'))
    second = read(server.url("/feed"), dirs, client)
    assert second.status == "ok"
    assert sorted(e["title"] for e in second.entries) == ["Story 4", "Story 5"]
    server.route("/feed", feed(rss([story(5), story(4), story(1)]), etag='"v3"'))
    assert read(server.url("/feed"), dirs, client).status == "not_modified"  # nothing new, only fewer


def test_ignoring_the_state_fetches_in_full_and_hands_on_every_entry(server, client, dirs):
    output, staging = dirs
    server.route("/feed", feed(rss([story(1), story(2)]), etag='"v1"'))
    read(server.url("/feed"), dirs, client)
    again = read_feed(server.url("/feed"), output_dir=str(output), staging_dir=str(staging), client=client,
                      policy=FAST, ignore_state=True)
    assert again.status == "ok" and len(again.entries) == 2
    assert "if-none-match" not in server.requests[-1][1]


def test_an_uncommitted_run_leaves_the_previous_state(server, client, dirs):
    output, staging = dirs
    server.route("/feed", feed(rss([story(1)]), etag='"v1"'))
    read_feed(server.url("/feed"), output_dir=str(output), staging_dir=str(staging), client=client, policy=FAST)
    shutil.rmtree(staging)  # the run failed: the driver discards staging
    again = read(server.url("/feed"), dirs, client)
    assert again.status == "ok" and len(again.entries) == 1
    assert "if-none-match" not in server.requests[-1][1]


def test_feed_failures_are_errors_with_reasons(server, client, dirs):
    server.route("/500", status(500))
    server.route("/404", status(404))
    server.route("/410", status(410))
    server.route("/moved", redirect("/feed", 301))
    server.route("/feed", feed(rss([story(1)])))
    server.route("/html", feed(b"<html><head><title>Home</title></head><body>Hi</body></html>", "text/html"))
    server.route("/badxml", feed(b"<<<>>> this is not xml", "text/xml"))
    server.route("/truncated", feed(rss([story(1), story(2)])[:-60], "text/xml"))
    server.route("/empty", feed(rss([])))
    server.route("/silent", never_answer())
    expectations = {"/500": ("error", "HTTP 500"), "/404": ("error", "HTTP 404"), "/410": ("error", "HTTP 410"),
                    "/html": ("error", "HTML page"), "/moved": ("ok", None), "/empty": ("empty", None),
                    "/silent": ("error", "1.5 s"), "/badxml": ("error", "invalid XML"),
                    "/truncated": ("ok", None)}
    for path, (expected, reason) in expectations.items():
        started = time.monotonic()
        outcome = read(server.url(path), dirs, client)
        assert outcome.status == expected, (path, outcome.error)
        assert reason is None or reason in outcome.error
        assert time.monotonic() - started < FAST.timeout + 1.0
    assert server.hits("/500") == FAST.retries + 1


@pytest.mark.parametrize("fault, reason", [
    ("refused", "refused the connection"),
    ("reset", "broke off"),
    ("silent", "no complete answer within"),
    ("drip", "no complete answer within"),
    ("loop", "redirect loop"),
    ("gzip", "not valid gzip"),
    ("429", "rate-limiting"),
])
def test_network_faults_end_as_errors_with_a_reason_in_bounded_time(server, client, dirs, fault, reason):
    body = rss([story(1), story(2)])
    routes = {"reset": reset_mid_body(body), "silent": never_answer(), "drip": drip(body, interval=0.5),
              "loop": redirect("/loop"), "gzip": invalid_gzip(),
              "429": status(429, headers={"Retry-After": "1"})}
    url = refused_url() if fault == "refused" else server.url("/loop" if fault == "loop" else "/feed")
    if fault != "refused":
        server.route("/loop" if fault == "loop" else "/feed", routes[fault])
    started = time.monotonic()
    outcome = read(url, dirs, client)
    elapsed = time.monotonic() - started
    assert outcome.status == "error" and reason in outcome.error
    # One attempt's timeout, or the retries with their (short) backoff or Retry-After waits.
    assert elapsed < FAST.timeout * (FAST.retries + 1) + FAST.max_retry_after + 1.0


def test_http_state_files_live_under_state_feeds(server, client, dirs):
    output, _ = dirs
    server.route("/feed", feed(rss([story(1)]), etag='"x"'))
    read(server.url("/feed"), dirs, client)
    state = feed_state.load_state(str(output), server.url("/feed"))
    assert state.etag == '"x"' and state.seen == ["https://gazette.example/story/1"]
    assert Path(feed_state.state_path(str(output), server.url("/feed"))).parent == output / "_state" / "feeds"


# --- linked pages, robots.txt, politeness ------------------------------------------------

def test_linked_pages_fill_entries_without_content_and_robots_is_obeyed(server):
    server.route("/robots.txt", status(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}))
    named = PAGE.replace("<head>", '<head><link rel="canonical" href="https://harbour.example/news/bridge">')
    server.route("/news/bridge", status(200, named.encode(), {"Content-Type": "text/html; charset=utf-8"}))
    server.route("/private/secret", status(200, PAGE.encode(), {"Content-Type": "text/html"}))
    items = [{"title": "Bridge", "link": server.url("/news/bridge"), "description": "Bridge teaser."},
             {"title": "Secret", "link": server.url("/private/secret"), "description": "Secret teaser."}]
    entries = parse_feed(rss(items), server.url("/feed")).entries
    with make_client(FAST) as http:
        politeness = HostPoliteness(http, FAST, delay=0.0, concurrency=1)
        bridge, _ = entry_to_article(entries[0], politeness=politeness)
        secret, _ = entry_to_article(entries[1], politeness=politeness)
        dead_site = parse_feed(rss([{"title": "Dead", "link": refused_url("/news/1")}]), "s").entries[0]
        dead, problem = entry_to_article(dead_site, politeness=politeness)
    assert dead is None and "robots.txt could not be read" in problem and "refused" in problem
    assert "sensors fitted under the deck" in bridge["text"] and "Contact the newsroom" not in bridge["text"]
    assert bridge["title"] == "Bridge"  # the entry's own metadata wins over the page's
    assert bridge["url"] == server.url("/news/bridge") and bridge["canonical_url"] == "https://harbour.example/news/bridge"
    assert secret["text"] == "Secret teaser."
    assert server.hits("/private/secret") == 0 and server.hits("/robots.txt") == 1


def test_requests_to_one_host_are_spaced_by_the_delay(server):
    with make_client(FAST) as http:
        politeness = HostPoliteness(http, FAST, delay=0.3, concurrency=2)
        started = time.monotonic()
        for _ in range(3):
            with politeness.slot(server.url("/x")):
                pass
        with politeness.slot("http://other.example/x"):
            other_host_at = time.monotonic() - started
    assert time.monotonic() - started >= 0.6
    assert other_host_at >= 0.6 - 0.05  # sequential here; the other host itself adds no wait
    assert other_host_at < 0.6 + 0.2


# --- the Beam transform ------------------------------------------------------------------

def test_read_feeds_transform_gives_articles_errors_and_one_event_per_feed(server, tmp_path):
    server.route("/good", feed(rss([story(1, content="<p>Full text one.</p>"), {"title": "Empty entry"}]),
                               etag='"g1"'))
    server.route("/gone", status(410))
    local = tmp_path / "local.xml"
    local.write_bytes(rss([story(7, content="<p>Local text.</p>")], title="Local Feed"))
    good, gone, local_uri = server.url("/good"), server.url("/gone"), local.resolve().as_uri()
    feeds = [good, gone, str(local)]
    output, staging = tmp_path / "out", tmp_path / "staging"

    def check_articles(articles):
        assert sorted(a["text"] for a in articles) == ["Full text one.", "Local text."]

    def check_events(events):
        by_source = dict(events)
        assert len(events) == 3 and len(by_source) == 3
        assert by_source[good]["status"] == "ok" and by_source[good]["entries"] == 2
        assert by_source[gone]["status"] == "error" and "410" in by_source[gone]["error"]
        assert by_source[local_uri]["status"] == "ok"

    def check_errors(errors):
        assert [(e["source"], e["item"]) for e in errors] == [(good, "entry 2")]

    with beam.Pipeline() as pipeline:
        out = pipeline | ReadFeeds(feeds, output_dir=str(output), staging_dir=str(staging), fetch_pages=False,
                                   http_policy=FAST)
        assert_that(out["articles"], check_articles, label="articles")
        assert_that(out[SOURCE_EVENTS], check_events, label="events")
        assert_that(out[ERRORS], check_errors, label="errors")
    assert len(list((staging / "_state" / "feeds").glob("*.json"))) == 3


def test_feeds_are_fetched_in_parallel_within_the_per_host_limit(server, tmp_path):
    in_flight = {"now": 0, "most": 0}
    lock = threading.Lock()
    answer = feed(rss([story(1)]))

    def slow_feed(handler):
        with lock:
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
        time.sleep(0.5)
        with lock:
            in_flight["now"] -= 1
        answer(handler)

    urls = []
    for n in range(6):
        server.route(f"/slow{n}", slow_feed)
        urls.append(server.url(f"/slow{n}"))

    def check_events(events):
        assert sorted(source for source, _ in events) == sorted(urls)
        assert all(event["status"] == "ok" for _, event in events)

    with beam.Pipeline() as pipeline:
        out = pipeline | ReadFeeds(urls, output_dir=str(tmp_path / "out"), staging_dir=str(tmp_path / "staging"),
                                   fetch_pages=False, http_policy=FAST, host_delay=0.0, host_concurrency=2,
                                   threads=6)
        assert_that(out[SOURCE_EVENTS], check_events)
    assert in_flight["most"] == 2  # parallel, but never more than host_concurrency on one host


def test_daily_runs_through_the_whole_pipeline_add_each_entry_once(server, tmp_path):
    output = tmp_path / "out"
    url = server.url("/daily.xml")

    def run() -> tuple:
        run_batch(RunConfig(output=str(output), feeds=[url], fetch_pages=False), [])
        con = duckdb.connect()
        articles = con.execute(f"select count(*), count(distinct article_id) from "
                               f"read_parquet('{output}/articles/**/*.parquet')").fetchone()
        latest = con.execute(f"select status, entries, articles from read_parquet('{output}/sources/**/*.parquet') "
                             "order by run_id desc limit 1").fetchone()
        return articles, latest

    server.route("/daily.xml", feed(rss([story(1), story(2), story(3)]), etag='"day1"'))
    assert run() == ((3, 3), ("ok", 3, 3))
    assert run() == ((3, 3), ("not_modified", 0, 0))
    assert server.requests[-1][1]["if-none-match"] == '"day1"'
    server.route("/daily.xml", feed(rss([story(4), story(5), story(1), story(2), story(3)]), etag='"day2"'))
    assert run() == ((5, 5), ("ok", 2, 2))
