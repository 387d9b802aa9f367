"""Reading article files: .txt, .json, .jsonl, .html/.htm, .warc, each optionally gzip-compressed.

Directories and globs are matched with Beam's ``fileio`` so the same transform reads local
disks and object stores; files are spread over workers before parsing.
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import re
import stat
import zlib
from typing import Iterator

import apache_beam as beam
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from transforms.formats import UnreadableInput, decode_text, iter_json_articles, parse_json_line, parse_txt
from transforms.records import ERRORS, SOURCE_EVENTS, RawArticle, error_record, source_event

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".text")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = TEXT_SUFFIXES + JSON_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024


def file_format(path: str) -> str | None:
    """'txt', 'json', 'jsonl', 'html' or 'warc' from the file name (a .gz suffix allowed)."""
    name = path.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    for suffixes, kind in ((TEXT_SUFFIXES, "txt"), (JSON_SUFFIXES, "json"), (JSONL_SUFFIXES, "jsonl"),
                           (HTML_SUFFIXES, "html")):
        if name.endswith(suffixes):
            return kind
    return None


def input_patterns(path_or_glob: str) -> str:
    """A directory means every file below it."""
    if FileSystems.get_scheme(path_or_glob) is None and os.path.isdir(path_or_glob):
        return os.path.join(os.path.abspath(path_or_glob), "**")
    if FileSystems.get_scheme(path_or_glob) is None:
        return os.path.abspath(path_or_glob)
    return path_or_glob


# A file name that is not valid UTF-8 reaches Python with each bad byte as a lone surrogate
# (U+DC80..U+DCFF, "surrogateescape"), which no UTF-8 encoder (Beam's coders, Parquet) accepts.
_UNDECODABLE_BYTE = re.compile("[\udc80-\udcff]")


def file_uri(path: str) -> str:
    """The file's URI, with bytes of a non-UTF-8 file name percent-encoded."""
    uri = path if FileSystems.get_scheme(path) else "file://" + os.path.abspath(path)
    return _UNDECODABLE_BYTE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", uri)


class _CappedReader(io.RawIOBase):
    """Refuses to read past a byte limit, so a gzip bomb or a giant file cannot exhaust memory."""

    def __init__(self, stream, limit: int, what: str):
        self._stream, self._limit, self._what, self._read = stream, limit, what, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._stream.read(len(buffer))
        self._read += len(data)
        if self._read > self._limit:
            raise UnreadableInput(f"{self._what} is larger than the limit of {self._limit:,} bytes "
                                  f"(raise --max-file-bytes to read it)")
        buffer[:len(data)] = data
        return len(data)


def _open(readable: fileio.ReadableFile, max_bytes: int):
    raw = readable.open(compression_type=CompressionTypes.UNCOMPRESSED)
    if readable.metadata.path.lower().endswith(".gz"):
        return io.BufferedReader(_CappedReader(gzip.GzipFile(fileobj=raw), max_bytes, "decompressed content"))
    return io.BufferedReader(_CappedReader(raw, max_bytes, "file"))





def _explain(exc: BaseException, path: str) -> str:
    if isinstance(exc, (EOFError, gzip.BadGzipFile, zlib.error)) or (path.endswith(".gz") and isinstance(exc, OSError)):
        return f"compressed data is truncated or corrupt ({exc or exc.__class__.__name__}); re-download or re-compress the file"
    return str(exc) or exc.__class__.__name__


def _refuse_special_file(path: str) -> None:
    """Opening a named pipe blocks until something writes to it, and a device may never end:
    only regular files are read."""
    if FileSystems.get_scheme(path) is None and not stat.S_ISREG(os.stat(path).st_mode):
        raise UnreadableInput("not a regular file (a named pipe, socket or device); newsbeam reads only regular files")


class ParseArticleFile(beam.DoFn):
    """One matched file in, its raw articles out; problems go to the errors output."""

    def __init__(self, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES):
        self.max_file_bytes = max_file_bytes
        self.files_read = Metrics.counter("read", "files")
        self.items_read = Metrics.counter("read", "items")
        self.read_errors = Metrics.counter("read", "errors")

    def process(self, readable: fileio.ReadableFile):
        path = readable.metadata.path
        uri = file_uri(path)
        fmt = file_format(path)
        self.files_read.inc()
        entries = errors = skipped = 0
        failure = None
        try:
            if fmt is None:
                raise UnreadableInput(f"unsupported file type; newsbeam reads {', '.join(SUPPORTED + WARC_SUFFIXES)} "
                                      "(optionally .gz)")
            _refuse_special_file(path)
            for item, result in self._items(readable, fmt, path):
                if isinstance(result, tuple):  # a WARC record that is not an article
                    skipped += 1
                    continue
                entries += 1
                if isinstance(result, Exception):
                    errors += 1
                    yield beam.pvalue.TaggedOutput(ERRORS, error_record(uri, "parse", result, item=item))
                    continue
                result.update(input_uri=uri, kind="file", item=item)
                result.setdefault("url", uri)
                yield result
        except Exception as exc:  # noqa: BLE001 - bad input must never stop a run
            entries += 1
            errors += 1
            failure = _explain(exc, path)
            yield beam.pvalue.TaggedOutput(ERRORS, error_record(uri, "read", failure, error_type=exc.__class__.__name__))
        self.items_read.inc(entries)
        self.read_errors.inc(errors)
        yield beam.pvalue.TaggedOutput(SOURCE_EVENTS, source_event(uri, "file", entries=entries, error=failure,
                                                                   skipped=skipped))

    def _items(self, readable, fmt: str, path: str) -> Iterator[tuple[str | None, RawArticle | Exception | tuple]]:
        if fmt == "warc":
            from transforms.warc import iter_warc_records  # optional heavy import, only for WARC inputs
            with readable.open(compression_type=CompressionTypes.UNCOMPRESSED) as stream:
                for kind, record in iter_warc_records(stream, file_uri(path)):
                    if kind == "article":
                        yield record.get("item"), RawArticle(record)
                    elif kind == "skipped":
                        yield record.get("item"), (record.get("reason"),)
                    else:
                        yield record.get("item"), UnreadableInput(record.get("message", "corrupt WARC record"))
            return
        with _open(readable, self.max_file_bytes) as stream:
            if fmt == "jsonl":
                yield from _iter_jsonl(stream)
            elif fmt == "html":
                data = stream.read()
                if not data.strip():
                    raise UnreadableInput("file is empty")
                yield None, RawArticle(html=data)
            else:
                text = decode_text(stream.read())
                if fmt == "txt":
                    yield None, parse_txt(text)
                else:
                    yield from iter_json_articles(text, lines=False)


def _iter_jsonl(stream) -> Iterator[tuple[str, RawArticle | Exception]]:
    """JSON Lines read line by line, so a large dump never sits in memory whole."""
    empty = True
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        empty = False
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = decode_text(line)
            except UnreadableInput as exc:
                yield f"line {number}", UnreadableInput(f"line {number}: {exc}")
                continue
        yield f"line {number}", parse_json_line(text, number)
    if empty:
        raise UnreadableInput("file is empty")


class ReadArticleFiles(beam.PTransform):
    """Article files matched by paths, directories and globs -> raw articles, errors, source events."""

    def __init__(self, patterns: list[str], max_file_bytes: int = DEFAULT_MAX_FILE_BYTES):
        super().__init__()
        self.patterns = [input_patterns(p) for p in patterns]
        self.max_file_bytes = max_file_bytes

    def expand(self, pbegin):
        parsed = (
            pbegin
            | "Patterns" >> beam.Create(self.patterns)
            | "Match" >> fileio.MatchAll(empty_match_treatment=fileio.EmptyMatchTreatment.ALLOW)
            | "SpreadFiles" >> beam.Reshuffle()
            | "Open" >> fileio.ReadMatches(skip_directories=True)
            | "Parse" >> beam.ParDo(ParseArticleFile(self.max_file_bytes)).with_outputs(
                ERRORS, SOURCE_EVENTS, main="articles")
        )
        return {"articles": parsed.articles, ERRORS: parsed[ERRORS], SOURCE_EVENTS: parsed[SOURCE_EVENTS]}
