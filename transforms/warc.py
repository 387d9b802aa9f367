"""Web archives (WARC, WARC.gz, CC-NEWS): one raw article per archived HTML page.

warcio reads the records one at a time from the stream (gzip members or plain), so a large
archive never sits in memory: only the current page's payload does. Each HTML response
becomes a raw article carrying the page bytes; extraction (``transforms.html``) runs later,
in a separate step, so the heavy part spreads across workers.

warcio drops a truncated last record silently in some cases (a record cut inside its
headers ends the iteration without an error), so the reader counts the bytes it is given
and compares them with the end of the last complete record.
"""
from __future__ import annotations

import datetime as dt
import io
import zlib
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from transforms.records import RawArticle, error_record

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Records that accompany responses (the request sent, crawl info, metadata): not items.
ACCOMPANYING_TYPES = {"request", "warcinfo", "metadata", "conversion", "continuation"}
_DRAIN_CHUNK = 1 << 16


class _CountingReader(io.RawIOBase):
    """Passes reads through and counts the bytes, so a truncated tail can be noticed."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.bytes_read = 0
        self.last_chunk = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        if data:
            self.last_chunk = data
        return len(data)


class TruncatedRecord(ValueError):
    pass


def iter_warc_records(stream: BinaryIO, input_uri: str) -> Iterator[tuple[str, dict]]:
    """Read a WARC stream: ``("article", raw)``, ``("skipped", why)`` or one final ``("error", row)``.

    Articles are HTTP 200 responses (or ``resource`` records) whose content type is HTML.
    Revisits, other media types and other HTTP statuses are reported as skipped, with the
    reason, so the run can count them. A truncated or corrupt record ends the reading of
    this file with one error row; everything read before it is kept.
    """
    counting = _CountingReader(stream)
    records = ArchiveIterator(counting)
    record_id = None
    try:
        for record in records:
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            yield from _classify(record, record_id, input_uri)
        _check_complete_tail(records, counting)
    except (ArchiveLoadFailed, TruncatedRecord, EOFError, OSError, ValueError, AttributeError, zlib.error) as exc:
        # AttributeError: warcio's header parser trips over a record cut inside its headers.
        where = f"at or just after record {record_id}" if record_id else "at the start of the file"
        detail = str(exc) if isinstance(exc, TruncatedRecord) else f"{where} ({exc.__class__.__name__}: {exc})"
        message = (f"WARC file is truncated or corrupt: {detail}; "
                   "the records before it were read, the rest of the file was not")
        yield "error", error_record(input_uri, "read", message, item=record_id, error_type="corrupt_warc")


def _classify(record, record_id: str, input_uri: str) -> Iterator[tuple[str, dict]]:
    rec_type = record.rec_type
    if rec_type in ACCOMPANYING_TYPES:
        _drain(record)
        return
    if rec_type == "revisit":
        _drain(record)
        yield "skipped", {"item": record_id, "reason": "revisit"}
        return
    if rec_type not in ("response", "resource"):
        _drain(record)
        yield "skipped", {"item": record_id, "reason": f"record type {rec_type}"}
        return
    if rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status != "200":
            _drain(record)
            yield "skipped", {"item": record_id, "reason": f"http {status or 'status missing'}"}
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not _is_html(content_type):
        _drain(record)
        yield "skipped", {"item": record_id, "reason": "not html", "content_type": content_type or None}
        return
    payload = record.content_stream().read()
    _drain(record)
    yield "article", RawArticle(
        input_uri=input_uri, kind="file", item=record_id,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        html=payload, fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _drain(record) -> None:
    """Read a record's block to its end (in chunks) so a truncated one is noticed."""
    while record.raw_stream.read(_DRAIN_CHUNK):
        pass
    if record.raw_stream.limit:
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        raise TruncatedRecord(f"record {record_id} ends {record.raw_stream.limit} bytes short of its length")


def _check_complete_tail(records: ArchiveIterator, counting: _CountingReader) -> None:
    """Raise when bytes follow the last complete record (a record cut inside its headers)."""
    try:
        end = records.get_record_offset() + records.get_record_length()
    except (AttributeError, TypeError):
        end = 0
    leftover = counting.bytes_read - end
    if leftover <= 0:
        return
    if leftover <= len(counting.last_chunk) and not counting.last_chunk[-leftover:].strip():
        return  # trailing blank lines
    raise TruncatedRecord(f"{leftover} bytes after the last complete record do not form a whole record")


def _warc_date(value: str | None) -> dt.datetime | None:
    """WARC-Date as an aware UTC datetime (the fetch time, never the publication date)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)
