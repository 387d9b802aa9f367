"""A batch run: lock the output, run the pipeline into staging, commit atomically, summarise."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from pipeline.build import build
from pipeline.options import RunConfig
from pipeline.query import connect
from pipeline.runner import default_workers, is_local, make_options, make_runner
from pipeline.store import OutputStore
from transforms.files import input_patterns

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: str
    ingest_date: str
    rows: dict[str, int]
    sources: int = 0
    inputs: int = 0
    articles: int = 0
    duplicates: int = 0
    errors: int = 0
    skipped: int = 0
    not_extracted: int = 0
    extraction_errors: int = 0
    seconds: float = 0.0
    workers: int = 1
    source_status: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"run {self.run_id} (ingest_date={self.ingest_date}) finished in {self.seconds:.1f}s "
               f"with {self.workers} worker(s)",
               f"sources: {self.sources} ({', '.join(f'{n} {s}' for s, n in sorted(self.source_status.items())) or 'none'})",
               f"inputs: {self.inputs} = {self.articles} new articles + {self.duplicates} duplicates "
               f"+ {self.errors} errors" + (f" ({self.skipped} non-article records skipped)" if self.skipped else "")]
        if self.extraction_errors:
            out.append(f"extraction failed for {self.extraction_errors} article(s); they are kept in articles "
                       "with extracted = false (see errors where stage = 'annotate')")
        if self.not_extracted > self.extraction_errors:
            out.append(f"extraction skipped for {self.not_extracted - self.extraction_errors} article(s) in languages "
                       "without a model (see articles.language; add --spacy-model LANG=MODEL)")
        out.append("rows written: " + ", ".join(f"{t} {n}" for t, n in self.rows.items()))
        return out


def input_bytes(patterns: list[str]) -> int:
    total = 0
    for result in FileSystems.match([input_patterns(p) for p in patterns]):
        total += sum(m.size_in_bytes for m in result.metadata_list)
    return total


def check_inputs(patterns: list[str]) -> None:
    """A path that matches nothing is a mistake in the command, not bad input: say so."""
    for pattern, result in zip(patterns, FileSystems.match([input_patterns(p) for p in patterns])):
        if not result.metadata_list:
            raise ValueError(f"--input {pattern} matches no files")


def run_batch(config: RunConfig, beam_args: list[str]) -> RunSummary:
    started = time.monotonic()
    check_inputs(config.inputs)
    store = OutputStore(config.output)
    store.prepare()
    with store.lock():
        store.recover()
        workers = config.workers or default_workers(input_bytes(config.inputs) + 200_000 * len(config.feeds))
        options = make_options(beam_args, workers)
        staging = store.staging_dir(config.run_id)
        log.info("run %s: reading %d input pattern(s), %d feed(s) with %d worker(s)", config.run_id,
                 len(config.inputs), len(config.feeds), workers if is_local(options) else 0)
        pipeline = beam.Pipeline(runner=make_runner(options), options=options)
        build(pipeline, config, staging, store.table_files("articles"))
        try:
            pipeline.run().wait_until_finish()
            rows = store.commit(config.run_id)
        except BaseException:
            store.discard(config.run_id)
            raise
    summary = RunSummary(config.run_id, config.ingest_date, rows, workers=workers,
                         seconds=time.monotonic() - started)
    _count_from_tables(summary, config.output)
    return summary


def _count_from_tables(summary: RunSummary, output: str) -> None:
    """The accounting, read back from what was committed (so it reports what is really there)."""
    con = connect(output)
    row = con.execute("""select count(*), coalesce(sum(entries), 0), coalesce(sum(articles), 0),
                                coalesce(sum(duplicates), 0), coalesce(sum(errors), 0), coalesce(sum(skipped), 0)
                         from sources where run_id = ?""", [summary.run_id]).fetchone()
    (summary.sources, summary.inputs, summary.articles, summary.duplicates, summary.errors, summary.skipped) = row
    summary.source_status = dict(con.execute(
        "select status, count(*) from sources where run_id = ? group by status", [summary.run_id]).fetchall())
    summary.not_extracted = con.execute(
        "select count(*) from articles where run_id = ? and not extracted", [summary.run_id]).fetchone()[0]
    summary.extraction_errors = con.execute(
        "select count(*) from errors where run_id = ? and stage = 'annotate'", [summary.run_id]).fetchone()[0]
