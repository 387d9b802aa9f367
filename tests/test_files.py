"""Reading article files in a real pipeline: formats, compression, directories, bad files."""
from __future__ import annotations

import gzip
import json

import apache_beam as beam
from apache_beam.testing.util import assert_that, equal_to

from transforms.files import ReadArticleFiles, file_format
from transforms.records import ERRORS, SOURCE_EVENTS

BODY = "The harbour authority said the new pier would open in May after two years of work."


def write_corpus(root):
    (root / "nested").mkdir()
    (root / "a.txt").write_text(f"Pier opens in May\n\nBy Ana Ruiz\n\n{BODY}\n", encoding="utf-8")
    (root / "b.json").write_text(json.dumps({"title": "Pier", "maintext": BODY, "url": "https://x.example/p"}))
    lines = [json.dumps({"title": f"Item {i}", "text": f"{BODY} ({i})"}) for i in range(3)]
    (root / "nested" / "c.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    (root / "d.html").write_text(f"<html><body><article><p>{BODY}</p></article></body></html>")
    (root / "latin.txt").write_bytes(f"Café reopens\n\nThe café on the quay reopened, its owner said. {BODY}".encode("latin-1"))
    # bad inputs
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "broken.jsonl").write_text(json.dumps({"text": BODY}) + "\n{not json\n")
    full = gzip.compress("\n".join(lines).encode())
    (root / "truncated.jsonl.gz").write_bytes(full[: len(full) // 2])
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")


def test_file_format_by_suffix():
    assert [file_format(p) for p in ("a.TXT", "b.json.gz", "c.jsonl", "d.htm", "e.warc.gz", "f.pdf")] == \
        ["txt", "json", "jsonl", "html", "warc", None]


def test_reads_every_format_and_reports_every_bad_file(tmp_path, local_pipeline):
    write_corpus(tmp_path)
    with local_pipeline() as p:
        out = p | ReadArticleFiles([str(tmp_path)])
        titles = out["articles"] | "Titles" >> beam.Map(
            lambda a: (a["input_uri"].rsplit("/", 1)[-1], a.get("title"), a.get("item")))
        assert_that(titles, equal_to([
            ("a.txt", "Pier opens in May", None), ("b.json", "Pier", "item 0"),
            ("c.jsonl.gz", "Item 0", "line 1"), ("c.jsonl.gz", "Item 1", "line 2"), ("c.jsonl.gz", "Item 2", "line 3"),
            ("d.html", None, None), ("latin.txt", "Café reopens", None), ("broken.jsonl", None, "line 1"),
        ]), label="articles")
        errors = out[ERRORS] | "Errs" >> beam.Map(
            lambda e: (e["source"].rsplit("/", 1)[-1], e["stage"], e["item"]))
        assert_that(errors, equal_to([
            ("empty.txt", "read", None), ("binary.txt", "read", None), ("broken.jsonl", "parse", "line 2"),
            ("truncated.jsonl.gz", "read", None), ("notes.pdf", "read", None),
        ]), label="errors")
        counts = out[SOURCE_EVENTS] | "Counts" >> beam.MapTuple(
            lambda source, event: (source.rsplit("/", 1)[-1], event["entries"]))
        assert_that(counts, equal_to([
            ("a.txt", 1), ("b.json", 1), ("c.jsonl.gz", 3), ("d.html", 1), ("latin.txt", 1), ("empty.txt", 1),
            ("binary.txt", 1), ("broken.jsonl", 2), ("truncated.jsonl.gz", 1), ("notes.pdf", 1),
        ]), label="events")


def test_error_messages_say_what_to_do(tmp_path, local_pipeline):
    write_corpus(tmp_path)
    with local_pipeline() as p:
        out = p | ReadArticleFiles([str(tmp_path / "*.*")])
        messages = out[ERRORS] | beam.Map(lambda e: (e["source"].rsplit("/", 1)[-1], e["message"]))

        def check(rows):
            by_file = dict(rows)
            assert "empty" in by_file["empty.txt"]
            assert "binary" in by_file["binary.txt"] and "extension" in by_file["binary.txt"]
            assert "truncated or corrupt" in by_file["truncated.jsonl.gz"]
            assert "unsupported file type" in by_file["notes.pdf"] and ".jsonl" in by_file["notes.pdf"]
            assert "invalid JSON on line 2" in by_file["broken.jsonl"]
        assert_that(messages, check)


def test_gzip_bomb_is_refused_at_the_size_limit(tmp_path, local_pipeline):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"Title\n\n" + b"a" * 5_000_000))
    with local_pipeline() as p:
        out = p | ReadArticleFiles([str(tmp_path)], max_file_bytes=1_000_000)
        assert_that(out["articles"], equal_to([]), label="none")
        assert_that(out[ERRORS] | beam.Map(lambda e: "larger than the limit" in e["message"]),
                    equal_to([True]), label="refused")
