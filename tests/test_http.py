"""transforms.http against a real server on 127.0.0.1 that misbehaves on purpose."""
from __future__ import annotations

import gzip
import time

import pytest

from tests.servers import (drip, feed, invalid_gzip, never_answer, redirect, refused_url,
                           reset_mid_body, sequence, status)
from transforms.http import (USER_AGENT, FetchError, HttpPolicy, fetch, gunzip_if_compressed,
                             make_client)

BODY = b"<rss version='2.0'><channel><title>Test</title></channel></rss>"
FAST = HttpPolicy(timeout=2.0, connect_timeout=1.0, retries=2, backoff=0.05, max_retry_after=3.0,
                  max_bytes=100_000)


@pytest.fixture
def client():
    with make_client(FAST) as http:
        yield http


def test_plain_fetch_sends_user_agent_and_returns_validators(server, client):
    server.route("/f", feed(BODY, etag='"v1"', last_modified="Tue, 24 Nov 2026 10:00:00 GMT"))
    response = fetch(server.url("/f"), client, FAST)
    assert response.status == 200 and response.body == BODY
    assert response.etag == '"v1"'
    assert response.last_modified == "Tue, 24 Nov 2026 10:00:00 GMT"
    sent = server.requests[-1][1]
    assert sent["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsbeam/") and "(+https://github.com/newsbeam/newsbeam)" in USER_AGENT


def test_conditional_get_with_etag_and_with_last_modified(server, client):
    server.route("/etag", feed(BODY, etag='"abc"'))
    server.route("/lm", feed(BODY, last_modified="Tue, 24 Nov 2026 10:00:00 GMT"))
    first = fetch(server.url("/etag"), client, FAST)
    again = fetch(server.url("/etag"), client, FAST, etag=first.etag)
    assert again.not_modified and again.body == b""
    assert server.requests[-1][1]["if-none-match"] == '"abc"'
    first = fetch(server.url("/lm"), client, FAST)
    again = fetch(server.url("/lm"), client, FAST, last_modified=first.last_modified)
    assert again.not_modified
    assert server.requests[-1][1]["if-modified-since"] == "Tue, 24 Nov 2026 10:00:00 GMT"


def test_gzip_is_decoded_and_invalid_gzip_is_reported(server, client):
    server.route("/gz", feed(BODY, gzip=True))
    server.route("/bad", invalid_gzip())
    assert fetch(server.url("/gz"), client, FAST).body == BODY
    assert server.requests[-1][1]["accept-encoding"] == "gzip, deflate"
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/bad"), client, FAST)
    assert failure.value.reason == "invalid_gzip" and "not valid gzip" in str(failure.value)


def test_size_cap_holds_for_plain_and_for_gzip_bombs(server, client):
    server.route("/big", status(200, b"x" * 200_000))
    bomb = gzip.compress(b"\0" * 5_000_000)
    server.route("/bomb", status(200, bomb, {"Content-Encoding": "gzip"}))
    for path in ("/big", "/bomb"):
        with pytest.raises(FetchError) as failure:
            fetch(server.url(path), client, FAST)
        assert failure.value.reason == "too_large"
    with pytest.raises(FetchError):
        gunzip_if_compressed(bomb, max_bytes=100_000)
    assert gunzip_if_compressed(gzip.compress(BODY), max_bytes=100_000) == BODY
    assert gunzip_if_compressed(BODY, max_bytes=100_000) == BODY


def test_redirects_are_followed_and_loops_named(server, client):
    server.route("/old", redirect("/new", 301))
    server.route("/new", feed(BODY))
    response = fetch(server.url("/old"), client, FAST)
    assert response.url == server.url("/new") and response.redirects == [server.url("/new")]
    server.route("/a", redirect("/b"))
    server.route("/b", redirect("/a"))
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/a"), client, FAST)
    assert failure.value.reason == "redirect_loop" and "/a -> " in str(failure.value)
    for i in range(10):
        server.route(f"/hop{i}", redirect(f"/hop{i + 1}"))
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/hop0"), client, FAST)
    assert failure.value.reason == "too_many_redirects"


def test_http_errors_carry_reasons_and_only_server_errors_are_retried(server, client):
    server.route("/missing", status(404))
    server.route("/gone", status(410))
    server.route("/broken", status(500))
    for path, reason in (("/missing", "http_404"), ("/gone", "http_410"), ("/broken", "http_500")):
        with pytest.raises(FetchError) as failure:
            fetch(server.url(path), client, FAST)
        assert failure.value.reason == reason
    assert server.hits("/missing") == 1 and server.hits("/gone") == 1
    assert server.hits("/broken") == FAST.retries + 1
    with pytest.raises(FetchError, match="remove it from the list"):
        fetch(server.url("/gone"), client, FAST)


def test_a_500_then_success_recovers(server, client):
    server.route("/flaky", sequence(status(503), feed(BODY)))
    assert fetch(server.url("/flaky"), client, FAST).body == BODY
    assert server.hits("/flaky") == 2


def test_429_retry_after_is_honoured_and_long_waits_give_up(server, client):
    server.route("/limited", sequence(status(429, headers={"Retry-After": "1"}), feed(BODY)))
    waits = []
    response = fetch(server.url("/limited"), client, FAST, sleep=waits.append)
    assert response.body == BODY and waits == [1.0]
    server.route("/greedy", status(429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/greedy"), client, FAST)
    assert failure.value.reason == "http_429" and "3600" in str(failure.value)
    assert time.monotonic() - started < 1.0
    assert server.hits("/greedy") == 1


def test_a_server_that_never_answers_costs_one_timeout(server, client):
    server.route("/silent", never_answer())
    started = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/silent"), client, FAST)
    elapsed = time.monotonic() - started
    assert failure.value.reason == "timeout"
    assert FAST.timeout - 0.1 <= elapsed < FAST.timeout + 1.0
    assert server.hits("/silent") == 1


def test_a_byte_a_second_cannot_stretch_the_deadline(server, client):
    server.route("/drip", drip(BODY, interval=0.5))
    started = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/drip"), client, FAST)
    assert failure.value.reason == "timeout"
    assert time.monotonic() - started < FAST.timeout + 1.0


def test_refused_and_reset_connections_are_retried_then_reported(server, client):
    started = time.monotonic()
    with pytest.raises(FetchError) as failure:
        fetch(refused_url(), client, FAST)
    assert failure.value.reason == "connection_refused"
    assert time.monotonic() - started < 2.0
    server.route("/reset", reset_mid_body(BODY * 50))
    with pytest.raises(FetchError) as failure:
        fetch(server.url("/reset"), client, FAST)
    assert failure.value.reason == "connection_reset"
    assert server.hits("/reset") == FAST.retries + 1


def test_unresolvable_host_is_a_dns_error(client):
    with pytest.raises(FetchError) as failure:
        fetch("http://no-such-host.invalid/feed.xml", client, FAST)
    assert failure.value.reason == "dns"
