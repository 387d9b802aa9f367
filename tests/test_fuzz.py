"""Hostile inputs: a generated corpus of 800+ bad files and feeds in one real run, hypothesis on the
plain reader functions, and network faults from a real local server through ``newsbeam run --feed``.

The promise tested: every run exits 0, every input has a ``sources`` row, every item is an
article, a duplicate or an error, no stage blocks past its limit and memory stays bounded.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import TABLES
from tests.conftest import REPO, query
from tests.fuzz_corpus import SECRET_MARKER, generate
from tests.servers import (LocalServer, drip, feed, invalid_gzip, never_answer, redirect, refused_url,
                           reset_mid_body, status)
from transforms.formats import UnreadableInput, decode_text, parse_json_object, parse_txt
from transforms.normalize import DEFAULT_MAX_ARTICLE_CHARS, normalize_article

RUN_SECONDS_LIMIT = 170          # the whole corpus, on two busy cores
PEAK_RSS_LIMIT_MB = 1500         # one worker: model, Beam, the 50 MB file and the longest article


def newsbeam(*args: str, timeout: float, env: dict | None = None, cwd: Path = REPO) -> dict:
    """A real ``newsbeam`` process: exit code, wall time, peak RSS (MB) and output.

    Killed (and reported as such) if it runs past ``timeout``: a hang fails the test, it does
    not hang the suite."""
    out, err = (Path(os.environ.get("TMPDIR", "/tmp")) / f"newsbeam-{os.getpid()}-{time.monotonic_ns()}.{s}"
                for s in ("out", "err"))
    started = time.monotonic()
    with open(out, "w") as stdout, open(err, "w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, stdout=stdout, stderr=stderr,
                                   env={**os.environ, **(env or {})})
        while True:
            pid, status_code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                process.send_signal(signal.SIGKILL)
                _, status_code, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status_code)
    result = {"returncode": process.returncode, "seconds": time.monotonic() - started,
              "peak_rss_mb": usage.ru_maxrss / 1024, "stdout": out.read_text(), "stderr": err.read_text()}
    out.unlink()
    err.unlink()
    return result


# ---------------------------------------------------------------------------- the corpus run

@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    corpus = generate(root / "corpus")
    output = root / "out"
    result = newsbeam("run", "--input", str(corpus.files), "--feed", str(corpus.feeds), "--output", str(output),
                      "--date", "2026-11-25", "--workers", "1", "--no-fetch-pages", timeout=RUN_SECONDS_LIMIT + 60)
    print(f"fuzz corpus: {corpus.size} files; run {result['seconds']:.0f} s, peak RSS {result['peak_rss_mb']:.0f} MB")
    print(result["stdout"])
    return corpus, output, result


def uri(path: Path) -> str:
    """A file's URI; bytes of a name that is not UTF-8 are percent-encoded."""
    return "file://" + re.sub("[\udc80-\udcff]", lambda m: f"%{ord(m.group()) - 0xDC00:02X}", str(path))


def by_name(output: Path, sql: str) -> dict[str, tuple]:
    """Rows keyed by the corpus-relative path of their source."""
    return {re.sub(r"^.*/corpus/", "", row[0]): row[1:] for row in query(output, sql)}


def test_the_corpus_is_big_and_covers_every_kind_of_hostile_input(fuzz_run):
    corpus, _, _ = fuzz_run
    assert corpus.size >= 500
    minimum = {"truncated": 40, "mutated": 40, "random": 40, "binary": 20, "encodings": 40, "html": 30,
               "json_types": 300, "empty": 20, "names": 10, "unsupported": 5, "huge": 4, "feeds": 12}
    assert {group: len(paths) for group, paths in corpus.groups.items() if len(paths) >= minimum[group]}.keys() \
        == minimum.keys()
    sizes = {p.name: p.stat().st_size for p in corpus.groups["huge"]}
    assert sizes["fifty-megabytes.txt"] >= 50_000_000 and sizes["bomb.txt.gz"] < 2_000_000
    assert len(corpus.groups["json_types"]) > 15 * 30  # every known field with every wrong type


def test_the_run_exits_0_in_bounded_time_and_memory(fuzz_run):
    _, _, result = fuzz_run
    assert result["returncode"] == 0, result["stderr"][-3000:]
    assert result["seconds"] < RUN_SECONDS_LIMIT
    assert result["peak_rss_mb"] < PEAK_RSS_LIMIT_MB


def test_every_input_file_and_feed_has_a_sources_row(fuzz_run):
    corpus, output, _ = fuzz_run
    sources = {row[0]: row[1] for row in query(output, "select source, kind from sources")}
    expected = {uri(p): "file" for p in corpus.article_files()}
    expected.update({uri(p): "feed" for p in corpus.groups["feeds"]})
    assert sources == expected


def test_every_item_is_an_article_a_duplicate_or_an_error(fuzz_run):
    _, output, result = fuzz_run
    assert query(output, "select count(*) from sources where entries != articles + duplicates + errors") == [(0,)]
    entries, articles, duplicates, errors = query(
        output, "select sum(entries), sum(articles), sum(duplicates), sum(errors) from sources")[0]
    assert f"inputs: {entries} = {articles} new articles + {duplicates} duplicates + {errors} errors" in result["stdout"]
    assert query(output, "select count(*), count(distinct article_id) from articles") == [(articles, articles)]
    assert query(output, "select count(*) from errors where stage != 'annotate'") == [(errors,)]
    assert articles > 100 and errors > 500 and duplicates > 100


def test_limits_turn_giant_inputs_into_errors_with_the_option_to_raise(fuzz_run):
    _, output, _ = fuzz_run
    errors = by_name(output, "select source, message from errors")
    for bomb in ("bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz"):
        assert "larger than the limit" in errors[f"files/huge/{bomb}"][0]
        assert "--max-file-bytes" in errors[f"files/huge/{bomb}"][0]
    assert "--max-article-chars" in errors["files/huge/fifty-megabytes.txt"][0]
    longest = query(output, "select max(length(text)) from articles")[0][0]
    assert 15_000 < longest <= DEFAULT_MAX_ARTICLE_CHARS  # the long read went through, nothing longer did


def test_pipes_and_devices_are_refused_not_waited_on(fuzz_run):
    _, output, _ = fuzz_run
    rows = by_name(output, "select source, status, error from sources where source like '%/unsupported/%'")
    for name in ("named-pipe.txt", "endless.jsonl"):
        assert rows[f"files/unsupported/{name}"][0] == "error"
        assert "not a regular file" in rows[f"files/unsupported/{name}"][1]


def test_a_broken_line_costs_only_that_line(fuzz_run):
    _, output, _ = fuzz_run
    source = next(iter(query(output, "select source from sources where source like '%deep-line-in-the-middle%'")))[0]
    assert query(output, "select entries, articles, errors from sources where source = ?", [source]) == [(5, 3, 2)]
    assert sorted(r[0] for r in query(output, "select item from errors where source = ?", [source])) == ["line 2", "line 4"]


def test_binary_and_random_files_never_become_articles(fuzz_run):
    corpus, output, _ = fuzz_run
    rows = by_name(output, "select source, articles, status from sources where source like '%/binary/%' "
                           "or source like '%/random/%'")
    assert len(rows) == len(corpus.groups["binary"]) + len(corpus.groups["random"])
    # only the gzip-compressed HTML page named .html is an article: the HTML extractor reads gzip by its
    # magic bytes (within its own size cap, see bomb-named.html); no soup of bytes is ever kept as text
    assert {name for name, (articles, _) in rows.items() if articles} <= {"files/binary/gzip.html"}
    assert by_name(output, "select source, articles, errors from sources where source like '%bomb-named%'")[
        "files/huge/bomb-named.html"] == (0, 1)


LOSSLESS = ("utf16", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "utf32", "utf8sig")


def test_wrong_encodings_still_read_the_accented_words(fuzz_run):
    _, output, _ = fuzz_run
    name = "files/encodings/carney-trump-trade-{}.txt".format
    sources = by_name(output, "select source, articles, duplicates, errors from sources "
                              "where source like '%/encodings/carney%'")
    # every lossless encoding decodes to the same text: one article, the others its duplicates
    assert [sources[name(v)][2] for v in LOSSLESS] == [0] * len(LOSSLESS)
    assert sum(sources[name(v)][0] for v in LOSSLESS) == 1
    texts = by_name(output, "select input_uri, text from articles where input_uri like '%/encodings/carney%'")
    for variant in ("latin1", "cp1252") + LOSSLESS:
        assert sources[name(variant)][2] == 0, variant
        if name(variant) in texts:
            assert "Café Zoë" in texts[name(variant)][0], variant
    for text, in texts.values():
        assert "\x00" not in text and "\ufffd" * 3 not in text


def test_xml_entities_neither_expand_nor_leak_files(fuzz_run):
    _, output, _ = fuzz_run
    assert query(output, "select count(*) from articles where text like ?", [f"%{SECRET_MARKER}%"]) == [(0,)]
    assert query(output, "select count(*) from articles where text like '%lollollollol%'") == [(0,)]


def test_a_feed_with_thousands_of_entries_and_empty_entries_is_accounted_for(fuzz_run):
    _, output, _ = fuzz_run
    rows = by_name(output, "select source, status, entries, articles, duplicates, errors from sources "
                           "where source like '%/feeds/thousands%'")
    big, truncated = rows["feeds/thousands.xml"], rows["feeds/thousands-truncated.xml"]
    assert big[0] == truncated[0] == "ok"
    # 140 entries are distinct (the other 2,860 repeat one story, which the feed reader collapses)
    assert big[1] > 100 and big[4] >= 60  # the 60 entries with no text, or a link but no text, are errors
    errors = query(output, "select count(*) from errors where source like '%/feeds/thousands.xml' and error_type = 'no_text'")
    assert errors[0][0] == big[4]
    # the truncated copy (first in order) wins every story the two share; each is stored once
    assert big[2] == 0 and truncated[2] >= 55 and big[3] == truncated[2] + truncated[3]


# ---------------------------------------------------------------------------- the plain functions

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_text_returns_text_or_refuses_with_a_reason(data):
    try:
        text = decode_text(data)
    except UnreadableInput as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and text.encode("utf-8", "strict")


@SETTINGS
@given(st.text(max_size=2000))
def test_utf8_text_decodes_to_itself(text):
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded = decode_text(data)
    except UnreadableInput:
        assert not data or "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)
    else:
        assert decoded == text.lstrip("\ufeff") or data.startswith(b"\xef\xbb\xbf")


@SETTINGS
@given(st.text(max_size=2000))
def test_parse_txt_gives_a_title_and_a_body_or_a_reason(text):
    try:
        raw = parse_txt(text)
    except UnreadableInput as exc:
        assert str(exc)
    else:
        assert raw["title"].strip() and raw["text"].strip()
        assert raw["title"] in text and all(line in text for line in raw["text"].splitlines())


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=200),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20)
FIELD_NAMES = st.sampled_from(["maintext", "text", "content", "title", "url", "authors", "author", "date_publish",
                               "date", "published", "source_domain", "hostname", "language", "html", "headline"])


@SETTINGS
@given(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8) | JSON_VALUES)
def test_parse_json_object_maps_any_json_or_refuses_with_a_reason(obj):
    try:
        raw = parse_json_object(obj)
    except UnreadableInput as exc:
        assert str(exc)
    else:
        assert isinstance(raw.get("text") or raw.get("html"), str)
        for key in ("title", "url", "source", "language"):
            assert raw.get(key) is None or isinstance(raw[key], str)


ARTICLES = TABLES["articles"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(FIELD_NAMES, JSON_VALUES | st.text(max_size=300), max_size=9), st.text(max_size=40))
def test_normalize_article_builds_a_valid_row_or_refuses(obj, guid):
    """Raw articles as the JSON reader makes them from any object (the reader adds the file URI)."""
    try:
        raw = parse_json_object(obj)
    except UnreadableInput:
        return
    raw.update(input_uri="file:///corpus/item.json", guid=guid or None)
    try:
        row = normalize_article(raw, dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc), "run")
    except Exception as exc:  # noqa: BLE001 - the pipeline turns any exception into an errors row
        assert str(exc) or exc.__class__.__name__
        return
    table = pa.Table.from_pylist([row], schema=ARTICLES)  # every value fits the articles schema
    assert table.num_rows == 1 and row["text"].strip() and len(row["article_id"]) == 20


# ---------------------------------------------------------------------------- network faults

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Faults</title>'
       b"<item><title>Pier reopens</title><link>https://faults.example/pier</link>"
       b"<description>The pier reopened after repairs, the harbour master said on Friday.</description></item>"
       b"</channel></rss>")
FAULTS = {  # path: (route, words the sources.error must contain)
    "/reset": (reset_mid_body(RSS), "broke off"),
    "/silent": (never_answer(), "no complete answer within"),
    "/drip": (drip(RSS, interval=1.0), "no complete answer within"),
    "/loop": (redirect("/loop"), "redirect loop"),
    "/gzip": (invalid_gzip(), "not valid gzip"),
    "/429": (status(429, headers={"Retry-After": "1"}), "rate-limiting"),
}


def test_network_faults_end_as_sources_rows_with_reasons_in_bounded_time(tmp_path):
    """One real run over a good feed and every fault, on two host names so faults overlap."""
    with LocalServer() as server:
        server.route("/good", feed(RSS))
        urls = {"/good": server.url("/good"), "/refused": refused_url()}
        for i, (path, (route, _)) in enumerate(FAULTS.items()):
            server.route(path, route)
            urls[path] = server.url(path).replace("127.0.0.1", "localhost") if i % 2 else server.url(path)
        args = [arg for url in urls.values() for arg in ("--feed", url)]
        result = newsbeam("run", *args, "--output", str(tmp_path / "out"), "--workers", "1", "--no-fetch-pages",
                          timeout=180)
    assert result["returncode"] == 0, result["stderr"][-3000:]
    # the slowest fault costs one 30 s attempt; they run side by side, so the run ends well before their sum
    assert result["seconds"] < 120
    rows = {source: (status_, error) for source, status_, error in
            query(tmp_path / "out", "select source, status, error from sources")}
    assert rows.pop(urls["/good"]) == ("ok", None)
    status_, error = rows.pop(urls["/refused"])
    assert status_ == "error" and "refused the connection" in error
    for path, (_, reason) in FAULTS.items():
        status_, error = rows[urls[path]]
        assert status_ == "error" and reason in error, (path, error)
    assert query(tmp_path / "out", "select title from articles") == [("Pier reopens",)]
