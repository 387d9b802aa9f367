"""WARC reading: archives built here with warcio, holding our own fixture pages."""
from __future__ import annotations

import datetime as dt
import io
import pathlib

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from transforms.html import extract_html_article
from transforms.warc import iter_warc_records

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "html"
CRAWL_DATE = "2024-01-05T03:04:05Z"
INPUT_URI = "file:///archives/crawl.warc.gz"


def _response(writer, url, body, status="200 OK", content_type="text/html; charset=utf-8", date=CRAWL_DATE):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def build_warc(gzip: bool, truncate_last: bool = True) -> bytes:
    """warcinfo, a request and two good pages, then a revisit, a 404, a PDF and (cut short) one more page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tests"}))
    request = StatusAndHeaders("GET /2022/05/17/harbour-barrier/ HTTP/1.1", [("Host", "news.example")],
                               is_http_request=True)
    writer.write_record(writer.create_warc_record("https://news.example/2022/05/17/harbour-barrier/", "request",
                                                  http_headers=request))
    _response(writer, "https://news.example/2022/05/17/harbour-barrier/",
              (FIXTURES / "jsonld_article.html").read_bytes())
    _response(writer, "https://garden.example/award", (FIXTURES / "copyright_trap.html").read_bytes())
    revisit = writer.create_revisit_record("https://news.example/2022/05/17/harbour-barrier/",
                                           digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                           refers_to_uri="https://news.example/2022/05/17/harbour-barrier/",
                                           refers_to_date=CRAWL_DATE)
    writer.write_record(revisit)
    _response(writer, "https://news.example/missing", b"<html><body>Not found</body></html>", status="404 Not Found")
    _response(writer, "https://news.example/report.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40,
              content_type="application/pdf")
    last_start = buffer.tell()
    _response(writer, "https://ledger.example/rail", (FIXTURES / "meta_only.html").read_bytes())
    data = buffer.getvalue()
    if truncate_last:
        data = data[: last_start + (len(data) - last_start) // 2]
    return data


def read_all(data: bytes):
    return list(iter_warc_records(io.BytesIO(data), INPUT_URI))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_good_pages_become_articles_the_rest_is_counted_and_truncation_is_an_error(gzip):
    results = read_all(build_warc(gzip))
    kinds = [kind for kind, _ in results]
    assert kinds == ["article", "article", "skipped", "skipped", "skipped", "error"]

    articles = [record for kind, record in results if kind == "article"]
    assert [a["url"] for a in articles] == ["https://news.example/2022/05/17/harbour-barrier/",
                                            "https://garden.example/award"]
    for article in articles:
        assert article["kind"] == "file" and article["input_uri"] == INPUT_URI
        assert article["item"].startswith("<urn:uuid:")
        assert article["fetched_at"] == dt.datetime(2024, 1, 5, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert articles[0]["html"] == (FIXTURES / "jsonld_article.html").read_bytes()

    reasons = [record["reason"] for kind, record in results if kind == "skipped"]
    assert reasons == ["revisit", "http 404", "not html"]

    error = results[-1][1]
    assert error["source"] == INPUT_URI and error["stage"] == "read"
    assert "truncated" in error["message"]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_complete_archive_has_no_error(gzip):
    kinds = [kind for kind, _ in read_all(build_warc(gzip, truncate_last=False))]
    assert kinds == ["article", "article", "skipped", "skipped", "skipped", "article"]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_record_cut_inside_its_headers_is_reported(gzip):
    """warcio itself ends quietly when the last record stops inside its WARC headers."""
    data = build_warc(gzip, truncate_last=False)
    offsets = []
    records = ArchiveIterator(io.BytesIO(data))
    for _ in records:
        offsets.append(records.get_record_offset())
    results = read_all(data[: offsets[-1] + 150])
    assert [kind for kind, _ in results][-1] == "error"
    assert sum(kind == "article" for kind, _ in results) == 2


def test_crawl_date_never_becomes_the_publication_date():
    articles = [record for kind, record in read_all(build_warc(True)) if kind == "article"]
    dated, undated = (extract_html_article(a["html"], url=a["url"]) for a in articles)
    assert dated["published"] == dt.datetime(2022, 5, 18, 2, 30, tzinfo=dt.timezone.utc)
    assert undated["published"] is None  # only the crawl date and a copyright year are known


class SmallReadsOnly(io.RawIOBase):
    """A stream that fails the test if anyone reads it all at once."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)
        self.largest_read = 0

    def readable(self):
        return True

    def read(self, size=-1):
        assert size is not None and 0 <= size <= 1 << 20, f"read({size}) would load the whole file"
        self.largest_read = max(self.largest_read, size)
        return self._data.read(size)

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def test_archive_is_read_as_a_stream():
    stream = SmallReadsOnly(build_warc(True, truncate_last=False))
    kinds = [kind for kind, _ in iter_warc_records(stream, INPUT_URI)]
    assert kinds.count("article") == 3
    assert 0 < stream.largest_read <= 1 << 20
