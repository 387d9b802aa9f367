"""File formats: decoding, the .txt convention and JSON field names, on bytes written here."""
from __future__ import annotations

import json

import pytest

from transforms.formats import UnreadableInput, decode_text, iter_json_articles, parse_json_object, parse_txt

TEXT = "Café owners in Zürich say the new rules are “unfair”, according to the guild."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_decode_text_reads_common_encodings(encoding):
    text = TEXT if encoding not in ("latin-1",) else TEXT.replace("“", '"').replace("”", '"')
    body = (text + " ") * 4
    assert decode_text(body.encode(encoding)) == body


def test_decode_text_keeps_cyrillic_legacy_encoding():
    body = "Правительство объявило о новых мерах поддержки экономики страны. " * 4
    assert decode_text(body.encode("cp1251")) == body


def test_decode_text_refuses_binary_and_empty():
    with pytest.raises(UnreadableInput, match="binary"):
        decode_text(bytes(range(256)) * 50)
    with pytest.raises(UnreadableInput, match="empty"):
        decode_text(b"")


def test_txt_title_byline_and_body():
    raw = parse_txt("\n\nCouncil approves budget\n\nBy Ana Ruiz, Bo Chen and Dee Park\n\nThe council voted.\n\nIt passed.\n")
    assert raw["title"] == "Council approves budget"
    assert raw["authors"] == ["Ana Ruiz", "Bo Chen", "Dee Park"]
    assert raw["text"] == "The council voted.\n\nIt passed."


def test_txt_without_byline_keeps_first_paragraph_as_body():
    raw = parse_txt("Storm warning\nBy the afternoon the wind had turned.\n")
    assert raw["authors"] == [] and raw["text"] == "By the afternoon the wind had turned."
    raw = parse_txt("Storm warning\n\nThe wind turned in the afternoon.")
    assert raw["authors"] == [] and raw["text"] == "The wind turned in the afternoon."


def test_txt_with_title_only_is_refused():
    with pytest.raises(UnreadableInput, match="no body"):
        parse_txt("Just a headline\n")


@pytest.mark.parametrize("record, expected", [
    # news-please
    ({"maintext": "Body one.", "title": "T", "url": "https://a.example/1", "authors": ["X Y"],
      "date_publish": "2026-01-02 03:04:05", "source_domain": "a.example"},
     {"text": "Body one.", "title": "T", "url": "https://a.example/1", "authors": ["X Y"],
      "published": "2026-01-02 03:04:05", "source": "a.example"}),
    # trafilatura
    ({"text": "Body two.", "title": "T2", "author": "Ann Lee; Bo Kim", "date": "2026-02-03", "hostname": "b.example"},
     {"text": "Body two.", "title": "T2", "authors": ["Ann Lee", "Bo Kim"], "published": "2026-02-03",
      "source": "b.example"}),
    # newspaper4k
    ({"content": "Body three.", "title": "T3", "authors": ["Cy Diaz"], "publish_date": "2026-03-04T05:06:07+02:00",
      "source": "c.example"},
     {"text": "Body three.", "title": "T3", "authors": ["Cy Diaz"], "published": "2026-03-04T05:06:07+02:00",
      "source": "c.example"}),
])
def test_json_field_names_of_common_scrapers(record, expected):
    assert parse_json_object(record) == expected


@pytest.mark.parametrize("record, message", [
    ({"title": "no body"}, "no article text"),
    ({"maintext": 42}, "'maintext' should be a string"),
    ({"maintext": "ok", "title": ["a"]}, "'title' should be a string"),
    ({"maintext": "ok", "date_publish": {"y": 1}}, "'date_publish' should be a date"),
    (["not", "an", "object"], "expected a JSON object"),
])
def test_json_wrong_types_are_refused_with_the_field_named(record, message):
    with pytest.raises(UnreadableInput, match=message):
        parse_json_object(record)


def test_json_list_single_object_and_lines():
    items = [{"text": f"Body {i}."} for i in range(3)]
    as_list = list(iter_json_articles(json.dumps(items), lines=False))
    assert [loc for loc, _ in as_list] == ["item 0", "item 1", "item 2"]
    single = list(iter_json_articles(json.dumps(items[0], indent=2), lines=False))
    assert single[0][1]["text"] == "Body 0."
    lines = "\n".join(json.dumps(i) for i in items[:2]) + "\n{broken\n"
    results = list(iter_json_articles(lines, lines=True))
    assert [r["text"] for _, r in results[:2]] == ["Body 0.", "Body 1."]
    assert results[2][0] == "line 3" and isinstance(results[2][1], UnreadableInput)
    assert "invalid JSON on line 3" in str(results[2][1])
