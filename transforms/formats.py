"""Article file formats as plain functions: bytes in, raw articles out.

Decoding is strict about what is not text (binary files are refused with a reason) and
forgiving about legacy encodings (Latin-1, Windows-1252, UTF-16 are detected).
"""
from __future__ import annotations

import codecs
import json
import re
from typing import Any, Iterator

import charset_normalizer

from transforms.records import RawArticle


class UnreadableInput(ValueError):
    """Input that is not an article in a supported format; the message says why."""


_BYLINE = re.compile(r"^by\s+(?P<names>[^\n]{2,200})$", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w.'’-]*|de|la|van|von|der|da|di|du|le|bin|al)(?:\s+(?:[A-ZÀ-Þ][\w.'’-]*|de|la|van|von|der|da|di|du|le|bin|al)){0,4}$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*", re.IGNORECASE)


def decode_text(data: bytes) -> str:
    """Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16/32 by BOM, else detected."""
    if not data:
        raise UnreadableInput("file is empty")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableInput(f"file starts with a {encoding} byte-order mark but is not valid {encoding}: {exc}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:65536]
    bomless = _as_bomless_utf16(sample, data)
    if bomless is not None:
        return bomless
    if sample.count(b"\x00") > len(sample) // 100:
        raise UnreadableInput("binary content (NUL bytes), not text: is the file extension right?")
    western = _as_windows_1252(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None:
        raise UnreadableInput("binary or undecodable content, not text in any known encoding: is the file extension right?")
    text = data.decode(best.encoding, errors="replace")
    if _looks_binary(text):
        raise UnreadableInput("binary content, not text: is the file extension right?")
    return text


def _as_bomless_utf16(sample: bytes, data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: Latin-script text has a NUL in (nearly) every other byte,
    and on one side only, which binary files do not."""
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.7 * len(zeros) and other.count(0) < 0.02 * len(other):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else text
    return None


def _as_windows_1252(data: bytes) -> str | None:
    """Mostly-ASCII text with a few accented letters is almost always Latin-1/Windows-1252; detectors
    guessing from a short article often pick an obscure DOS code page instead."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if len(non_ascii) > 0.05 * len(text) or not all(ch.isalpha() or ch in "€‚„…†‡‰‹›‘’“”•–—˜™«»°±²³´µ¶·¸¹º¼½¾¿×÷§©®¬¦¨¯ ¡¢£¤¥" for ch in non_ascii):
        return None
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return odd / len(sample) > 0.02


def parse_txt(text: str) -> RawArticle:
    """First non-empty line is the title; an optional ``By NAME[, NAME and NAME]`` line after it
    gives the authors; the rest is the body."""
    lines = text.splitlines()
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines):
        raise UnreadableInput("file has no text")
    title = lines[index].strip()
    index += 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    authors: list[str] = []
    if index < len(lines):
        byline = _BYLINE.match(lines[index].strip())
        names = split_names(byline.group("names")) if byline else []
        if names and all(_NAME.match(name) for name in names):
            authors = names
            index += 1
    body = "\n".join(lines[index:]).strip()
    if not body:
        raise UnreadableInput("file has a title line but no body text")
    return RawArticle(title=title, authors=authors, text=body)


def split_names(names: str) -> list[str]:
    return [n.strip() for n in _NAME_SPLIT.split(names.strip()) if n and n.strip()]


# Field names of news-please, trafilatura and newspaper4k output, in order of preference.
JSON_FIELDS = {
    "text": ("maintext", "text", "content", "raw_text", "body", "article_text"),
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "link", "source_url"),
    "authors": ("authors", "author"),
    "published": ("date_publish", "date", "published", "publish_date", "published_at", "date_published"),
    "source": ("source_domain", "hostname", "source", "sitename", "site_name"),
    "language": ("language", "lang"),
    "html": ("html", "raw_html"),
}


def parse_json_object(obj: Any) -> RawArticle:
    """Map one JSON object to a raw article; wrong types are refused with the field named."""
    if not isinstance(obj, dict):
        raise UnreadableInput(f"expected a JSON object per article, got {type(obj).__name__}")
    raw = RawArticle()
    for key, names in JSON_FIELDS.items():
        for name in names:
            value = obj.get(name)
            if value in (None, "", []):
                continue
            raw[key] = _without_surrogates(_check_type(key, name, value))
            break
    if not raw.get("text") and not raw.get("html"):
        present = _without_surrogates(", ".join(sorted(obj)[:12])) or "none"
        raise UnreadableInput(f"no article text: expected one of the fields {', '.join(JSON_FIELDS['text'])} "
                              f"(fields present: {present})")
    return raw


def _without_surrogates(value: Any) -> Any:
    """JSON escapes can spell lone UTF-16 surrogates (``"\\ud800"``), which no UTF-8 encoder
    (Beam's coders, Parquet) accepts: they become ``?``."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


def _check_type(key: str, name: str, value: Any) -> Any:
    if key == "authors":
        if isinstance(value, str):
            return split_names(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        if isinstance(value, list):
            return [v["name"] for v in value if isinstance(v, dict) and isinstance(v.get("name"), str)] or \
                   [str(v) for v in value if isinstance(v, (str, int, float))]
        raise UnreadableInput(f"field '{name}' should be a string or a list of names, got {type(value).__name__}")
    if key == "published":
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return value
        raise UnreadableInput(f"field '{name}' should be a date string or epoch seconds, got {type(value).__name__}")
    if not isinstance(value, str):
        raise UnreadableInput(f"field '{name}' should be a string, got {type(value).__name__}")
    return value


def iter_json_articles(text: str, lines: bool) -> Iterator[tuple[str, RawArticle | Exception]]:
    """Articles of a .json (one object or a list) or .jsonl file, with a locator for each item.

    A broken item yields its exception instead of stopping the file.
    """
    if not lines:
        stripped = text.lstrip()
        if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
            try:
                data = json.loads(text)
            except RecursionError:
                yield "file", UnreadableInput("JSON is nested too deeply to read")
                return
            except json.JSONDecodeError as exc:
                if stripped.startswith("["):
                    yield "file", UnreadableInput(f"invalid JSON: {exc}")
                    return
            else:
                items = data if isinstance(data, list) else [data]
                for i, obj in enumerate(items):
                    yield f"item {i}", _safe(parse_json_object, obj)
                return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield f"line {number}", parse_json_line(line, number)


def parse_json_line(line: str, number: int) -> RawArticle | UnreadableInput:
    """One line of a JSON Lines file; a broken line yields its error instead of raising."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return UnreadableInput(f"invalid JSON on line {number}: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return UnreadableInput(f"JSON on line {number} is nested too deeply to read")
    return _safe(parse_json_object, obj)


def _safe(func, arg):
    try:
        return func(arg)
    except UnreadableInput as exc:
        return exc
