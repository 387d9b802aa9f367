"""A hostile input corpus, generated from the project's own sample articles.

``generate(root)`` writes article files under ``root/files`` and feed files under
``root/feeds`` and returns a ``Corpus`` saying what each group of files is. Everything is
derived deterministically (fixed seeds) from ``samples/articles``, so a failure reproduces.

Groups (see ``Corpus.groups`` for the exact counts):

- ``truncated``: every sample cut at a dozen points, plain and gzip-compressed;
- ``mutated``: samples with random byte flips, inserted NUL and control bytes, deleted ranges;
- ``random``: random bytes under every supported extension;
- ``binary``: real binary formats (PNG, ELF, ZIP, PDF, SQLite, gzip, Parquet) named as text;
- ``encodings``: each sample in Latin-1, Windows-1252, UTF-16 with and without BOM (both byte
  orders), UTF-32, UTF-8 with BOM, mixed UTF-8/Latin-1, mojibake and double mojibake, Shift-JIS,
  plus HTML whose ``<meta charset>`` lies;
- ``html``: deeply nested, unclosed, script-only, huge attributes, broken entities and comments;
- ``json_types``: one file per JSON field the readers know, per wrong type (null, number, bool,
  list, object, nested, very long); wrong top-level values; nesting deeper than the parser's stack;
- ``empty``: empty, whitespace-only, BOM-only and title-only files;
- ``names``: sample copies under file names with spaces, Unicode, ``#``, ``%``, ``?``, ``[]``;
- ``unsupported``: extensions newsbeam does not read, a dangling symlink, a named pipe and a
  link to ``/dev/zero`` under article names;
- ``huge``: a 50 MB article, gzip bombs (1 GiB of zeros in about 1 MB, as .txt/.jsonl/.html);
- ``feeds``: a feed with thousands of entries (mostly repeats), entries with no link, title or
  text, truncated and binary feeds, an entity-expansion ("billion laughs") feed and an
  external-entity feed that names ``/etc/passwd``.
"""
from __future__ import annotations

import gzip
import html as html_module
import io
import json
import os
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
FIFTY_MB = 50_000_000
# HTML extraction (lxml, htmldate, the byline cleaner) is quadratic in attributes per element and
# in the length of an author <meta>: 50,000 attributes took 62 s and a 100,000-character author
# 21 s. The corpus uses sizes that finish in about a second, until html.py bounds them itself.
MANY = 5_000
BOMB_DECOMPRESSED = 1024 ** 3
SECRET_MARKER = "root:x:0:0"  # a line of /etc/passwd: must never reach a table through an XML entity


@dataclass
class Corpus:
    files: Path
    feeds: Path
    groups: dict[str, list[Path]] = field(default_factory=dict)

    def add(self, group: str, path: Path, data: bytes) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.groups.setdefault(group, []).append(path)
        return path

    @property
    def size(self) -> int:
        return sum(len(paths) for paths in self.groups.values())

    def article_files(self) -> list[Path]:
        return [p for group, paths in self.groups.items() if group != "feeds" for p in paths]


@dataclass
class Sample:
    name: str
    suffix: str
    data: bytes
    title: str
    text: str


def load_samples() -> list[Sample]:
    samples = []
    for path in sorted(SAMPLES.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".json":
            record = json.loads(data)
            title, text = record["title"], record["maintext"]
        elif path.suffix == ".html":
            page = data.decode("utf-8")
            title = html_module.unescape(re.search(r"<h1>(.*?)</h1>", page).group(1))
            text = "\n\n".join(html_module.unescape(re.sub(r"<[^>]+>", "", p))
                               for p in re.findall(r"<p>(.*?)</p>", page, re.S))
        else:
            lines = data.decode("utf-8").splitlines()
            title, text = lines[0], "\n".join(lines[1:]).strip()
        samples.append(Sample(path.stem, path.suffix, data, title, text))
    return samples


def generate(root: Path) -> Corpus:
    corpus = Corpus(root / "files", root / "feeds")
    samples = load_samples()
    rng = random.Random(20261125)
    _truncated(corpus, samples)
    _mutated(corpus, samples, rng)
    _random_bytes(corpus, rng)
    _binary(corpus, samples, rng)
    _encodings(corpus, samples)
    _html(corpus, samples)
    _json_types(corpus, samples)
    _empty(corpus)
    _names(corpus, samples)
    _unsupported(corpus, samples)
    _huge(corpus, samples)
    _feeds(corpus, samples)
    return corpus


def _truncated(corpus: Corpus, samples: list[Sample]) -> None:
    for sample in samples:
        n = len(sample.data)
        cuts = sorted({1, 2, 7, n // 10, n // 4, n // 3, n // 2, 2 * n // 3, 3 * n // 4, 9 * n // 10, n - 2, n - 1})
        for cut in cuts:
            corpus.add("truncated", corpus.files / "truncated" / f"{sample.name}-{cut}{sample.suffix}", sample.data[:cut])
        packed = gzip.compress(sample.data, mtime=0)
        for cut in (10, len(packed) // 3, len(packed) // 2, len(packed) - 8, len(packed) - 1):
            corpus.add("truncated", corpus.files / "truncated" / f"{sample.name}-gz{cut}{sample.suffix}.gz", packed[:cut])


def _mutated(corpus: Corpus, samples: list[Sample], rng: random.Random) -> None:
    for sample in samples:
        for i in range(16):
            data = bytearray(sample.data)
            kind = i % 4
            for _ in range(1 + i):
                at = rng.randrange(len(data))
                if kind == 0:
                    data[at] ^= 1 << rng.randrange(8)
                elif kind == 1:
                    data[at:at] = bytes([rng.choice([0, 1, 8, 11, 12, 27, 127, 0x80, 0xC0, 0xFF])])
                elif kind == 2:
                    del data[at:at + rng.randrange(1, 40)]
                else:
                    data[at:at] = rng.choice(["\u202e", "\ufeff", "\u0301" * 50, "\U0001F600", "\ud800"]).encode(
                        "utf-8", "surrogatepass")
            corpus.add("mutated", corpus.files / "mutated" / f"{sample.name}-m{i}{sample.suffix}", bytes(data))


def _random_bytes(corpus: Corpus, rng: random.Random) -> None:
    for suffix in (".txt", ".html", ".htm", ".json", ".jsonl", ".txt.gz", ".json.gz", ".jsonl.gz", ".warc", ".warc.gz"):
        for i, size in enumerate((1, 17, 600, 4096, 70_000)):
            corpus.add("random", corpus.files / "random" / f"r{i}{suffix}", rng.randbytes(size))


def _binary(corpus: Corpus, samples: list[Sample], rng: random.Random) -> None:
    table = pa.table({"article_id": ["a", "b"], "text": [samples[0].text, samples[1].text]})
    parquet = io.BytesIO()
    pq.write_table(table, parquet)
    headers = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000),
        "elf": b"\x7fELF\x02\x01\x01" + bytes(9) + rng.randbytes(3000),
        "zip": b"PK\x03\x04\x14\x00" + rng.randbytes(1500),
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + zlib.compress(samples[0].data) + b"\nendstream",
        "sqlite": b"SQLite format 3\x00" + bytes(84) + rng.randbytes(1000),
        "gzip": gzip.compress(samples[1].data, mtime=0),
        "parquet": parquet.getvalue(),
    }
    for kind, data in headers.items():
        for suffix in (".txt", ".html", ".json", ".jsonl"):
            corpus.add("binary", corpus.files / "binary" / f"{kind}{suffix}", data)


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _encodings(corpus: Corpus, samples: list[Sample]) -> None:
    accented = "\n\nThe Café Zoë on Rue Belle reopened, said Ñuñez, owner of the crêperie près du port."
    for sample in samples:
        if sample.suffix == ".html":
            continue
        text = sample.data.decode("utf-8")
        text = text if sample.suffix != ".txt" else text + accented
        variants = {
            "latin1": text.encode("latin-1", errors="replace"),
            "cp1252": text.encode("cp1252", errors="replace"),
            "utf16": text.encode("utf-16"),
            "utf16le-nobom": text.encode("utf-16-le"),
            "utf16be-nobom": text.encode("utf-16-be"),
            "utf16be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
            "utf32": text.encode("utf-32"),
            "utf8sig": text.encode("utf-8-sig"),
            "mixed": text[: len(text) // 2].encode("utf-8") + text[len(text) // 2:].encode("latin-1", errors="replace"),
            "mojibake": _mojibake(text).encode("utf-8"),
            "double-mojibake": _mojibake(_mojibake(text)).encode("utf-8"),
            "shiftjis": text.encode("shift_jis", errors="replace"),
            "bom-lies": b"\xff\xfe" + text.encode("utf-8"),
        }
        for name, data in variants.items():
            corpus.add("encodings", corpus.files / "encodings" / f"{sample.name}-{name}{sample.suffix}", data)
        corpus.add("encodings", corpus.files / "encodings" / f"{sample.name}-utf16{sample.suffix}.gz",
                   gzip.compress(variants["utf16"], mtime=0))
    page = samples[[s.suffix for s in samples].index(".html")]
    source = page.data.decode("utf-8")
    for declared, actual in (("utf-8", "cp1252"), ("utf-16", "utf-8"), ("shift_jis", "utf-8"), ("latin-1", "utf-8"),
                             ("no-such-charset", "utf-8"), ("utf-8", "utf-16")):
        lying = source.replace('<meta charset="utf-8">', f'<meta charset="{declared}">').replace(
            "Rovers win", "Rovers wín")
        corpus.add("encodings", corpus.files / "encodings" / f"page-says-{declared}-is-{actual}.html",
                   lying.encode(actual, errors="replace"))


def _html(corpus: Corpus, samples: list[Sample]) -> None:
    sample = next(s for s in samples if s.suffix == ".html")
    paragraphs = "".join(f"<p>{html_module.escape(p)}</p>" for p in sample.text.split("\n\n"))
    body = f"<h1>{html_module.escape(sample.title)}</h1>{paragraphs}"
    pages = {
        "nested-div-100": "<div>" * 100 + body + "</div>" * 100,
        "nested-div-5000": "<div>" * 5000 + body + "</div>" * 5000,
        "nested-div-100000-unclosed": "<div>" * 100_000 + body,
        "nested-span-20000": "<span><b><i>" * 20_000 + body,
        "nested-table-3000": "<table><tr><td>" * 3000 + body,
        "nested-list-10000": "<ul><li>" * 10_000 + body,
        "unclosed-everything": "<html><head><title>" + sample.title + "<body><article><p>" + sample.text.replace("\n\n", "<p>"),
        "no-body": "<html><head><title>" + sample.title + "</title></head></html>",
        "script-only": "<html><body><script>" + "var x = '" + sample.text.replace("'", "") + "';" * 100 + "</script></body></html>",
        "style-only": "<style>" + "p{color:red}" * 10_000 + "</style>",
        "comment-unclosed": "<html><body><!-- " + body,
        "cdata": "<html><body><![CDATA[" + sample.text + "]]></body></html>",
        "huge-attribute": f"<html><body><div data-x=\"{'a' * 2_000_000}\">" + body + "</div></body></html>",
        "many-attributes": "<html><body><p " + " ".join(f"a{i}=\"{i}\"" for i in range(MANY)) + ">" + body,
        "many-paragraphs": "<html><body>" + "<p>word</p>" * 100_000 + body,
        "bad-entities": "<html><body>" + body.replace("the", "&#xFFFFFFFF;&#0;&#xD800;&bogus;&amp") + "</body></html>",
        "null-bytes": "<html><body>" + body.replace(" ", "\x00 ", 30) + "</body></html>",
        "control-chars": "<html><body>" + "".join(ch + ("\x0b\x1b" if i % 50 == 0 else "") for i, ch in enumerate(body)),
        "broken-tags": "<<html>><<body <p <p>> " + body.replace("</p>", "</p </ p>") + "</html",
        "frameset": "<frameset><frame src='x'><noframes>" + body + "</noframes></frameset>",
        "svg-math": "<svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" + body,
        "template": "<template>" * 3000 + body,
        "xml-declaration": "<?xml version='1.0' encoding='utf-8'?><!DOCTYPE html SYSTEM 'file:///etc/passwd'>" + body,
        "jsonld-broken": "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": [1, {}],"
                         " \"author\": 7, \"datePublished\": {\"x\": 1}</script></head><body>" + body + "</body></html>",
        "jsonld-deep": "<html><head><script type='application/ld+json'>" + "[" * 50_000 + "]" * 50_000
                       + "</script></head><body>" + body + "</body></html>",
        "meta-nonsense": "<html><head><meta property='article:published_time' content='yesterday-ish'>"
                         "<meta name='author' content='" + "X " * (MANY // 2) + "'><link rel=canonical href='javascript:alert(1)'>"
                         "</head><body>" + body + "</body></html>",
        "canonical-garbage": "<html><head><link rel='canonical' href='http://[::1:bad/'></head><body>" + body + "</body></html>",
        "only-whitespace-text": "<html><body>" + "<p> &nbsp; </p>" * 1000 + "</body></html>",
        "one-giant-word": "<html><body><p>" + "x" * 1_000_000 + "</p></body></html>",
        "long-read": "<html><body><h1>A long read</h1>" + "".join(  # distinct paragraphs: pages drop repeats
            f"<p>Part {i}. {html_module.escape(p)}</p>" for i in range(25) for s in samples
            for p in s.text.split("\n\n")) + "</body></html>",
        "iframe-srcdoc": f"<iframe srcdoc=\"{html_module.escape(body)}\"></iframe>",
    }
    for name, page in pages.items():
        corpus.add("html", corpus.files / "html" / f"{name}.html", page.encode("utf-8", errors="surrogatepass"))
    for name in ("nested-div-5000", "unclosed-everything", "bad-entities"):
        corpus.add("html", corpus.files / "html" / f"{name}.htm.gz", gzip.compress(pages[name].encode(), mtime=0))


WRONG_VALUES = {
    "null": None, "zero": 0, "float": 1.5, "nan": float("nan"), "huge-int": 10 ** 40, "true": True,
    "empty-list": [], "list-of-ints": [1, 2, 3], "list-of-lists": [["a"], ["b"]], "object": {"a": 1},
    "list-of-objects": [{"name": 5}, {"x": "y"}], "empty-string": "", "whitespace": " \n\t ",
    "long-string": "word " * 20_000, "control-string": "\x00\x01\x1b[31m\ufffe",
}


def _json_types(corpus: Corpus, samples: list[Sample]) -> None:
    from transforms.formats import JSON_FIELDS

    base = json.loads(next(s for s in samples if s.suffix == ".json").data)
    names = [name for names in JSON_FIELDS.values() for name in names]
    for name in names:
        for kind, value in WRONG_VALUES.items():
            record = dict(base)
            record[name] = value
            corpus.add("json_types", corpus.files / "json_types" / f"{name}-{kind}.json",
                       json.dumps(record, allow_nan=True).encode())
    # every field wrong at once, one wrong type per line, in one JSON Lines file
    lines = [json.dumps({name: value for name in names}, allow_nan=True) for value in WRONG_VALUES.values()]
    corpus.add("json_types", corpus.files / "json_types" / "all-fields-wrong.jsonl", "\n".join(lines).encode())
    top_level = {
        "number": b"42", "string": b'"just a string"', "null": b"null", "bool": b"true",
        "list-of-scalars": b"[1, \"two\", null]", "list-of-lists": b"[[{}], [[]]]", "empty-object": b"{}",
        "empty-list": b"[]", "nested-arrays-deep": b"[" * 200_000 + b"]" * 200_000,
        "nested-objects-deep": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "trailing-garbage": json.dumps(base).encode() + b" }}}",
        "two-objects-one-line": json.dumps(base).encode() + json.dumps(base).encode(),
        "unterminated-string": b'{"title": "Open', "duplicate-keys": b'{"text": "one", "text": 5}',
        "bad-escape": b'{"text": "\\ud800\\uZZZZ"}', "lone-surrogate": b'{"title": "x", "text": "before \\ud800 after"}',
    }
    for name, data in top_level.items():
        corpus.add("json_types", corpus.files / "json_types" / f"top-{name}.json", data)
    # a deep line in the middle of a JSON Lines file must not cost the good lines after it
    good = [json.dumps({**base, "url": f"https://news.example.org/fuzz/jsonl-{i}", "maintext": base["maintext"]})
            for i in range(3)]
    deep = "[" * 200_000 + "]" * 200_000
    corpus.add("json_types", corpus.files / "json_types" / "deep-line-in-the-middle.jsonl",
               "\n".join([good[0], deep, good[1], '{"broken": ', good[2]]).encode())


def _empty(corpus: Corpus) -> None:
    contents = {"empty": b"", "spaces": b"   \n\n\t  \n", "bom-only": b"\xef\xbb\xbf", "utf16-bom-only": b"\xff\xfe",
                "title-only": b"Only a title\n", "byline-only": b"Title\n\nBy Some Body\n", "nul": b"\x00"}
    for name, data in contents.items():
        for suffix in (".txt", ".html", ".json", ".jsonl"):
            corpus.add("empty", corpus.files / "empty" / f"{name}{suffix}", data)
    corpus.add("empty", corpus.files / "empty" / "empty.txt.gz", gzip.compress(b"", mtime=0))
    corpus.add("empty", corpus.files / "empty" / "zero-bytes.txt.gz", b"")


def _names(corpus: Corpus, samples: list[Sample]) -> None:
    undecodable = os.fsdecode(b"latin1-caf\xe9")  # a file name that is not UTF-8
    names = [undecodable, "with space", "ünïcödé ✓", "hash#tag", "100%", "what?", "brackets[1]", "star*", "quote'd",
             "semi;colon", "new\u2028line", ".hidden", "-leading-dash"]
    for i, name in enumerate(names):
        sample = samples[i % len(samples)]
        corpus.add("names", corpus.files / "names" / f"{name}{sample.suffix}", sample.data)


def _unsupported(corpus: Corpus, samples: list[Sample]) -> None:
    for suffix in (".pdf", ".docx", ".xml", ".csv", "", ".TXT.bak", ".json~"):
        corpus.add("unsupported", corpus.files / "unsupported" / f"article{suffix or '-no-extension'}", samples[0].data)
    link = corpus.files / "unsupported" / "dangling-link.txt"  # not a file: matches nothing, gets no row
    link.symlink_to(corpus.files / "unsupported" / "no-such-target.txt")
    # special files with article names: opening a pipe blocks until a writer comes, a device never ends
    pipe = corpus.files / "unsupported" / "named-pipe.txt"
    os.mkfifo(pipe)
    device = corpus.files / "unsupported" / "endless.jsonl"
    device.symlink_to("/dev/zero")
    corpus.groups["unsupported"] += [pipe, device]


def _huge(corpus: Corpus, samples: list[Sample]) -> None:
    paragraph = (samples[0].text.replace("\n", " ") + "\n\n").encode()
    repeats = FIFTY_MB // len(paragraph) + 1
    corpus.add("huge", corpus.files / "huge" / "fifty-megabytes.txt",
               (b"A fifty megabyte article\n\n" + paragraph * repeats)[:FIFTY_MB])
    for suffix, chunk in ((".txt.gz", b"\x00"), (".jsonl.gz", b"a"), (".html.gz", b"<div>")):
        one_mib = (chunk * (1024 * 1024 // len(chunk) + 1))[: 1024 * 1024]
        member = gzip.compress(one_mib, compresslevel=9, mtime=0)  # concatenated members decompress end to end
        corpus.add("huge", corpus.files / "huge" / f"bomb{suffix}", member * (BOMB_DECOMPRESSED // len(one_mib)))
    # the same bomb without .gz: the HTML extractor recognises gzip by its magic bytes and must cap it too
    corpus.add("huge", corpus.files / "huge" / "bomb-named.html", member * (BOMB_DECOMPRESSED // len(one_mib)))


def _rss(items: list[str], title: str = "Fuzz feed", encoding: str = "utf-8", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="{encoding}"?>{prolog}\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>https://fuzz.example/</link><description>d</description>"
            + "".join(items) + "</channel></rss>").encode(encoding, errors="replace")


def _item(title: str | None = None, link: str | None = None, text: str | None = None, guid: str | None = None) -> str:
    parts = []
    if title is not None:
        parts.append(f"<title>{html_module.escape(title)}</title>")
    if link is not None:
        parts.append(f"<link>{html_module.escape(link)}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{html_module.escape(guid)}</guid>')
    if text is not None:
        parts.append(f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


THOUSANDS = 3000


def _feeds(corpus: Corpus, samples: list[Sample]) -> None:
    feeds = corpus.feeds
    items = []
    for i in range(THOUSANDS):
        sample = samples[i % len(samples)]
        if i < 40:  # distinct articles
            items.append(_item(f"{sample.title} ({i})", f"https://fuzz.example/story/{i}", sample.text + f" Update {i}."))
        elif i < 60:
            items.append(_item())  # nothing at all
        elif i < 80:
            items.append(_item(title=f"Only a title {i}"))
        elif i < 100:
            items.append(_item(link=f"https://fuzz.example/only-link/{i}"))
        elif i < 120:
            items.append(_item(text=f"Only text, no link or title: {sample.text[:300]} ({i})"))
        elif i < 140:
            items.append(_item(guid=f"guid-{i}"))
        else:  # thousands of repeats of one story
            items.append(_item(sample.title, "https://fuzz.example/story/0", samples[0].text + " Update 0."))
    big = corpus.add("feeds", feeds / "thousands.xml", _rss(items))
    corpus.add("feeds", feeds / "thousands-truncated.xml", big.read_bytes()[: big.stat().st_size // 2])
    corpus.add("feeds", feeds / "samples.xml", _rss([_item(s.title, f"https://fuzz.example/sample/{s.name}", s.text)
                                                     for s in samples]))
    corpus.add("feeds", feeds / "samples-latin1-declared-utf8.xml",
               _rss([_item(s.title + " é", f"https://fuzz.example/latin/{s.name}", s.text + " Café.")
                     for s in samples]).decode().encode("latin-1", errors="replace"))
    corpus.add("feeds", feeds / "samples-utf16.xml", _rss([_item(samples[0].title, "https://fuzz.example/u16", samples[0].text)],
                                                          encoding="utf-16"))
    corpus.add("feeds", feeds / "empty-channel.xml", _rss([]))
    corpus.add("feeds", feeds / "atom-empty-entries.xml",
               b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>'
               + b"<entry></entry>" * 50 + b"<entry><title>t</title></entry></feed>")
    laughs = ('<!DOCTYPE rss [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>")
    corpus.add("feeds", feeds / "billion-laughs.xml", _rss([_item("Laughs", "https://fuzz.example/lol", "&lol9;")],
                                                           prolog=laughs))
    xxe = '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    corpus.add("feeds", feeds / "external-entity.xml",
               _rss([_item("Secret", "https://fuzz.example/xxe", "The file says &secret; today, the council said.")],
                    prolog=xxe))
    corpus.add("feeds", feeds / "random.xml", random.Random(7).randbytes(5000))
    corpus.add("feeds", feeds / "empty.xml", b"")
    corpus.add("feeds", feeds / "html-not-feed.xml", samples[[s.suffix for s in samples].index(".html")].data)
    corpus.add("feeds", feeds / "deep.xml", _rss(["<item>" + "<x>" * 50_000 + "</x>" * 50_000 + "</item>"]))
    corpus.add("feeds", feeds / "gzip-named-xml.xml", gzip.compress(big.read_bytes()[:5000], mtime=0))
