"""The pipeline graph: sources -> normalise -> drop seen -> annotate -> tables, errors on the side.

``build(p, config, staging_dir, seen_article_files)`` adds the whole graph to a pipeline and
returns the table PCollections, so batch runs, streaming polls and tests share one graph.
"""
from __future__ import annotations

import apache_beam as beam

from pipeline.options import RunConfig
from transforms.annotate import EXTRACTION_TABLES, Annotate
from transforms.dedup import DUPLICATES, DropSeen
from transforms.files import ReadArticleFiles
from transforms.ledger import SourceLedger
from transforms.normalize import NormalizeArticles
from transforms.records import ERRORS, SOURCE_EVENTS
from transforms.write import WriteTables


def read_sources(p: beam.Pipeline, config: RunConfig, staging_dir: str) -> dict:
    """Every configured source, merged into one {articles, errors, source_events} set."""
    parts = []
    if config.inputs:
        parts.append(p | "ReadFiles" >> ReadArticleFiles(config.inputs, max_file_bytes=config.max_file_bytes))
    if config.feeds:
        from transforms.feeds import ReadFeeds  # feeds pull in the HTTP client only when used
        parts.append(p | "ReadFeeds" >> ReadFeeds(config.feeds, output_dir=config.output, staging_dir=staging_dir,
                                                   fetch_pages=config.fetch_pages, ignore_state=config.reprocess))
    if not parts:
        raise ValueError("no sources: give --input, --feed or --feed-list")
    return {
        tag: [part[tag] for part in parts] | f"All_{tag}" >> beam.Flatten()
        for tag in ("articles", ERRORS, SOURCE_EVENTS)
    }


def stored_article_ids(p: beam.Pipeline, seen_article_files: list[str]):
    """Ids of the articles the output directory already holds."""
    if not seen_article_files:
        return p | "NothingStored" >> beam.Create([])
    return (
        p
        | "StoredFiles" >> beam.Create(seen_article_files)
        | "ReadStoredIds" >> beam.io.ReadAllFromParquet(columns=["article_id"])
        | "Ids" >> beam.Map(lambda row: row["article_id"])
    )


def build(p: beam.Pipeline, config: RunConfig, staging_dir: str, seen_article_files: list[str]) -> dict:
    sources = read_sources(p, config, staging_dir)
    # Items of one big file (a JSONL dump, a WARC) are spread over workers before page extraction.
    spread = sources["articles"] | "SpreadItems" >> beam.Reshuffle()
    normalized = spread | "Normalize" >> NormalizeArticles(
        config.started_at, config.run_id, config.max_article_chars, processes=config.workers or 1)
    deduped = normalized["articles"] | "DropSeen" >> DropSeen(
        stored_article_ids(p, seen_article_files), reprocess=config.reprocess)
    annotated = deduped["articles"] | "Annotate" >> Annotate(
        config.models, batch_size=config.batch_size, processes=config.workers or 1)
    run_id = config.run_id
    errors = (
        (sources[ERRORS], normalized[ERRORS], annotated[ERRORS])
        | "AllErrors" >> beam.Flatten()
        | "ErrorRunId" >> beam.Map(lambda e: {**e, "run_id": run_id})
    )
    tables = {"articles": annotated["articles"], "errors": errors}
    tables.update({name: annotated[name] for name in EXTRACTION_TABLES})
    tables["sources"] = (sources[SOURCE_EVENTS], annotated["articles"], deduped[DUPLICATES], errors) \
        | "Sources" >> SourceLedger(config.started_at, config.run_id)
    tables | "WriteTables" >> WriteTables(staging_dir, config.ingest_date)
    return tables
