"""Table schemas: columns, types, descriptions and a version per table.

Each table's version goes into the Parquet file metadata (key ``newsbeam.schema_version``).
Columns are only ever added, never renamed or retyped, so older partitions stay readable
with ``read_parquet(..., union_by_name=true)``; bump the version when a column is added.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION_KEY = b"newsbeam.schema_version"

UTC_TS = pa.timestamp("us", tz="UTC")


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={b"description": description.encode()})


def _schema(version: int, description: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(
        list(fields),
        metadata={SCHEMA_VERSION_KEY: str(version).encode(), b"description": description.encode()},
    )


MENTION = pa.struct([
    pa.field("start_char", pa.int32()),
    pa.field("end_char", pa.int32()),
    pa.field("text", pa.string()),
])

TABLES: dict[str, pa.Schema] = {
    "articles": _schema(
        2, "One row per distinct article.",
        _field("article_id", pa.string(), "Stable id: the same article gets the same id in every run.", False),
        _field("url", pa.string(), "Where the article was read from: its web address (the input record's url, the "
                                   "feed entry's link, WARC-Target-URI), else the local file's file:// URI."),
        _field("canonical_url", pa.string(), "The address the page declares as its own (rel=canonical, og:url), else "
                                             "url when that is a web address; null for a local file that names none."),
        _field("source", pa.string(), "Outlet: site or feed name, else the URL's domain."),
        _field("title", pa.string(), "Headline."),
        _field("authors", pa.list_(pa.string()), "Bylines, one name per element."),
        _field("published_at", UTC_TS, "Publication time in UTC; null when unknown."),
        _field("language", pa.string(), "ISO 639-1 code of the text's language."),
        _field("text", pa.string(), "Normalised body text; every character offset indexes this."),
        _field("word_count", pa.int32(), "Words in text."),
        _field("ingested_at", UTC_TS, "When this run ingested the article (UTC)."),
        _field("input_uri", pa.string(), "The file or feed the article was read from."),
        _field("extracted", pa.bool_(), "False when extraction was skipped (no model for the language)."),
        _field("run_id", pa.string(), "The run that wrote this row."),
    ),
    "entities": _schema(
        1, "One row per distinct entity per article, mentions merged.",
        _field("article_id", pa.string(), "The article.", False),
        _field("entity_key", pa.string(), "Normalised name plus label, for joins across articles."),
        _field("name", pa.string(), "Canonical name: the fullest form the article uses."),
        _field("label", pa.string(), "spaCy label decided over all mentions (PERSON, ORG, GPE, ...)."),
        _field("mention_count", pa.int32(), "How many times the article mentions the entity."),
        _field("first_char", pa.int32(), "Offset of the first mention in articles.text."),
        _field("mentions", pa.list_(MENTION), "Every mention: offsets into articles.text and its surface text."),
    ),
    "quotes": _schema(
        1, "One row per quotation or reported statement.",
        _field("article_id", pa.string(), "The article.", False),
        _field("quote_index", pa.int32(), "Position of the quote in the article, from 0."),
        _field("text", pa.string(), "Quoted words without the quote marks; equals articles.text[start_char:end_char]."),
        _field("start_char", pa.int32(), "Start offset in articles.text."),
        _field("end_char", pa.int32(), "End offset (exclusive) in articles.text."),
        _field("type", pa.string(), "'direct' (in quotation marks) or 'indirect' (reported speech)."),
        _field("speaker", pa.string(), "Canonical name of the speaker (as in entities.name); null when unknown."),
        _field("speaker_mention", pa.string(), "The speaker as written near the quote (may be a pronoun)."),
        _field("speaker_key", pa.string(), "entities.entity_key of the speaker, for joins."),
        _field("cue", pa.string(), "Reporting verb or phrase (said, told, according to, ...)."),
    ),
    "topics": _schema(
        1, "One row per IPTC Media Topic assigned to an article.",
        _field("article_id", pa.string(), "The article.", False),
        _field("topic", pa.string(), "IPTC Media Topic name."),
        _field("topic_code", pa.string(), "IPTC code, e.g. medtop:11000000."),
        _field("score", pa.float32(), "Calibrated confidence 0..1."),
        _field("rank", pa.int8(), "1 = best."),
    ),
    "keyphrases": _schema(
        1, "One row per keyphrase of an article.",
        _field("article_id", pa.string(), "The article.", False),
        _field("phrase", pa.string(), "Noun phrase or named entity that describes the article."),
        _field("score", pa.float32(), "Ranking score, higher is more central."),
        _field("rank", pa.int8(), "1 = best."),
    ),
    "sources": _schema(
        1, "One row per input source (file or feed) per run.",
        _field("source", pa.string(), "File URI or feed URL.", False),
        _field("kind", pa.string(), "'file' or 'feed'."),
        _field("status", pa.string(), "'ok', 'not_modified', 'empty' or 'error'."),
        _field("entries", pa.int32(), "Items read from the source (articles, lines, feed entries)."),
        _field("articles", pa.int32(), "New articles this run took from the source."),
        _field("duplicates", pa.int32(), "Items dropped as already seen (this run or earlier)."),
        _field("errors", pa.int32(), "Items that went to the errors table."),
        _field("skipped", pa.int32(), "Records that are not articles (WARC revisits, non-HTML, non-200), counted not kept."),
        _field("error", pa.string(), "Why the source failed or what went wrong with it; null when ok."),
        _field("fetched_at", UTC_TS, "When the source was read (UTC)."),
        _field("run_id", pa.string(), "The run."),
    ),
    "errors": _schema(
        1, "One row per item that could not be processed.",
        _field("source", pa.string(), "File URI or feed URL the item came from.", False),
        _field("item", pa.string(), "Which item in the source (line number, entry link), when known."),
        _field("stage", pa.string(), "Pipeline stage: read, parse, normalize, annotate, fetch, ..."),
        _field("error_type", pa.string(), "Kind of failure (exception class or reason code)."),
        _field("message", pa.string(), "What went wrong and what to do about it."),
        _field("ingested_at", UTC_TS, "When the run met the error (UTC)."),
        _field("run_id", pa.string(), "The run."),
    ),
}

TABLE_ORDER = ["articles", "entities", "quotes", "topics", "keyphrases", "sources", "errors"]


def table_schema(name: str) -> pa.Schema:
    return TABLES[name]


def describe_tables() -> str:
    """Markdown reference of every table, used by ``newsbeam query --describe`` and the README."""
    lines = []
    for name in TABLE_ORDER:
        schema = TABLES[name]
        version = schema.metadata[SCHEMA_VERSION_KEY].decode()
        lines.append(f"### {name} (schema v{version})\n\n{schema.metadata[b'description'].decode()}\n")
        lines.append("| column | type | description |\n|---|---|---|")
        for field in schema:
            desc = (field.metadata or {}).get(b"description", b"").decode()
            lines.append(f"| {field.name} | {field.type} | {desc} |")
        lines.append("")
    return "\n".join(lines)
