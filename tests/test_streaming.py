"""Streaming mode against a real feed server: rows readable while running, each entry once."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.options import RunConfig
from pipeline.streaming import run_streaming
from tests.servers import LocalServer, feed, never_answer

REPO = Path(__file__).resolve().parents[1]

STORIES = [
    ("Ferry timetable changes", "The island ferry will leave an hour earlier from Monday, the operator said."),
    ("Library extends hours", "The central library will stay open until nine in the evening on weekdays."),
    ("New bakery opens", "A family bakery opened on Station Road, selling rye bread made with local grain."),
]


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://town.example/news/{n}</link>"
        f"<description>{text}</description><pubDate>Wed, 25 Nov 2026 0{n}:00:00 GMT</pubDate></item>"
        for n, (title, text) in enumerate(STORIES[:count], start=1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Town News</title>'
            f"{items}</channel></rss>").encode()


def table(output: Path, name: str, sql: str) -> list[tuple]:
    """Rows of a query over one table, or [] before the first commit made the table exist."""
    if not list((output / name).glob("**/*.parquet")):
        return []
    con = duckdb.connect()
    con.execute(f"create view {name} as select * from read_parquet('{output}/{name}/**/*.parquet', "
                "hive_partitioning=true, union_by_name=true)")
    return con.execute(sql).fetchall()


def wait_for(condition, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            raise AssertionError(f"streaming run exited early ({process.returncode}): {process.stderr.read()}")
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_streaming_rows_are_readable_while_running_and_each_entry_lands_once(tmp_path):
    output = tmp_path / "out"
    with LocalServer() as server:
        server.route("/feed.xml", feed(rss(2), etag='"2"'))
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", "--feed", server.url("/feed.xml"), "--output", str(output),
             "--streaming", "--poll-interval", "1", "--max-polls", "100", "--no-fetch-pages"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            titles = lambda: sorted(t for (t,) in table(output, "articles", "select title from articles"))
            wait_for(lambda: len(titles()) == 2, 120, process)
            assert process.poll() is None, "rows must be readable while the stream is still running"
            server.route("/feed.xml", feed(rss(3), etag='"3"'))
            wait_for(lambda: len(titles()) == 3, 60, process)
            polls_after = lambda: table(output, "sources", "select count(*) from sources")[0][0]
            seen = polls_after()
            wait_for(lambda: polls_after() >= seen + 1, 60, process)  # a later poll adds nothing
            assert process.poll() is None
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, stderr
    assert "streaming stopped after" in stdout
    assert titles() == sorted(title for title, _ in STORIES)
    assert table(output, "articles", "select count(*) = count(distinct article_id) from articles") == [(True,)]
    statuses = dict(table(output, "sources", "select status, count(*) from sources group by 1"))
    assert statuses["ok"] == 2 and statuses["not_modified"] >= 1 and set(statuses) == {"ok", "not_modified"}


def test_max_polls_bounds_the_stream(tmp_path):
    output = tmp_path / "out"
    with LocalServer() as server:
        server.route("/feed.xml", feed(rss(1)))
        config = RunConfig(output=str(output), feeds=[server.url("/feed.xml")], fetch_pages=False)
        started = time.monotonic()
        assert run_streaming(config, [], poll_interval=0.5, max_polls=2) == 0
        assert time.monotonic() - started < 60
        assert server.hits("/feed.xml") == 2
    assert table(output, "sources", "select status from sources order by fetched_at") == [("ok",), ("not_modified",)]
    assert table(output, "articles", "select count(*) from articles") == [(1,)]


def test_streaming_refuses_what_it_cannot_do(tmp_path):
    with pytest.raises(ValueError, match="feeds only"):
        run_streaming(RunConfig(output=str(tmp_path), inputs=["a.txt"], feeds=["https://x.example/f"]), [],
                      poll_interval=1)
    with pytest.raises(ValueError, match="needs feeds"):
        run_streaming(RunConfig(output=str(tmp_path)), [], poll_interval=1)
    with pytest.raises(ValueError, match="positive"):
        run_streaming(RunConfig(output=str(tmp_path), feeds=["https://x.example/f"]), [], poll_interval=0)


def test_a_second_ctrl_c_abandons_a_poll_in_progress_without_committing_it(tmp_path):
    output = tmp_path / "out"
    with LocalServer() as server:
        server.route("/feed.xml", never_answer())
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", "--feed", server.url("/feed.xml"), "--output", str(output),
             "--streaming", "--poll-interval", "1"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(lambda: server.hits("/feed.xml") == 1, 60, process)
            process.send_signal(signal.SIGINT)
            time.sleep(0.5)
            interrupted_at = time.monotonic()
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=20)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 130
    assert time.monotonic() - interrupted_at < 10  # well before the 30 s fetch timeout
    assert "abandoned the poll in progress" in stderr
    staging = output / "_staging"
    assert not list(output.glob("*/**/*.parquet")) and (not staging.exists() or not list(staging.iterdir()))
