"""A batch run: lock the output, run the pipeline into staging, commit atomically, summarise."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems

from pipeline.build import build
from pipeline.options import RunConfig
from pipeline.query import connect
from pipeline.runner import default_workers, is_local, make_options, make_runner, pool_processes
from pipeline.store import OutputStore
from transforms.annotate import annotation_pool
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
        where = f"with {self.workers} local worker(s)" if self.workers else "on the configured runner"
        out = [f"run {self.run_id} (ingest_date={self.ingest_date}) finished in {self.seconds:.1f}s {where}",
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


# The local engine (the FnApiRunner) keeps each PCollection in memory between stages, so one
# pipeline over a whole archive needs memory in proportion to the archive. Local runs over more
# input than this go through the pipeline in chunks of whole files, each committed on its own:
# memory stays flat however many files there are, and a crash loses at most the current chunk.
CHUNK_BYTES = 4 * 1024 * 1024
GLOB_CHARACTERS = frozenset("*?[]{}")


def input_files(patterns: list[str]) -> list[tuple[str, int]]:
    """(path, size) of every file the patterns match, in path order. A pattern that matches
    nothing is a mistake in the command, not bad input: say so."""
    files = []
    for pattern, result in zip(patterns, FileSystems.match([input_patterns(p) for p in patterns])):
        if not result.metadata_list:
            raise ValueError(f"--input {pattern} matches no files")
        files.extend((m.path, m.size_in_bytes) for m in result.metadata_list)
    return sorted(files)


def chunk_inputs(patterns: list[str], files: list[tuple[str, int]], chunk_bytes: int) -> list[list[str]]:
    """The inputs as a list of runs, each of whole files adding up to at most ``chunk_bytes``
    (a larger file is a chunk of its own). In path order, so when copies of one article sit in
    files of different chunks the same copy wins as in a single run (the smallest input URI)."""
    if sum(size for _, size in files) <= chunk_bytes or any(GLOB_CHARACTERS & set(p) for p, _ in files):
        return [patterns]  # one run over the patterns as given (paths that look like globs stay unsplit)
    chunks, current, current_bytes = [], [], 0
    for path, size in files:
        if current and current_bytes + size > chunk_bytes:
            chunks.append(current)
            current, current_bytes = [], 0
        current.append(path)
        current_bytes += size
    return chunks + [current]


def run_batch(config: RunConfig, beam_args: list[str], chunk_bytes: int = CHUNK_BYTES) -> RunSummary:
    started = time.monotonic()
    files = input_files(config.inputs)  # matched once, before the output is touched
    store = OutputStore(config.output)
    store.prepare()
    with store.lock():
        store.recover()
        workers = config.workers or default_workers(sum(size for _, size in files) + 200_000 * len(config.feeds))
        options = make_options(beam_args)
        local = is_local(options)
        # Remote runners hold nothing in the launcher's memory: one job over everything.
        chunks = chunk_inputs(config.inputs, files, chunk_bytes) if local else [config.inputs]
        log.info("run %s: reading %d input pattern(s) (%d file(s) in %d chunk(s)), %d feed(s) with %d worker(s)",
                 config.run_id, len(config.inputs), len(files), len(chunks), len(config.feeds),
                 workers if local else 0)
        rows: dict[str, int] = {}
        for number, chunk in enumerate(chunks):
            # Feeds go with the first chunk; each chunk's dedup reads the ids committed before it.
            part = replace(config, inputs=chunk, feeds=config.feeds if number == 0 else [],
                           workers=pool_processes(options, workers))
            commit_key = config.run_id if len(chunks) == 1 else f"{config.run_id}-{number + 1:04d}"
            if len(chunks) > 1:
                log.info("chunk %d/%d: %d file(s)", number + 1, len(chunks), len(chunk))
            for table, count in _run_and_commit(part, options, store, commit_key).items():
                rows[table] = rows.get(table, 0) + count
    summary = RunSummary(config.run_id, config.ingest_date, rows, workers=workers if local else 0,
                         seconds=time.monotonic() - started)
    _count_from_tables(summary, config.output)
    return summary


def _run_and_commit(config: RunConfig, options, store: OutputStore, commit_key: str) -> dict[str, int]:
    """One pipeline into its own staging directory, committed atomically when it succeeded."""
    if config.workers and config.workers > 1:
        annotation_pool(config.models, config.workers)  # loading while the pipeline starts
    pipeline = beam.Pipeline(runner=make_runner(options), options=options)
    build(pipeline, config, store.staging_dir(commit_key), store.table_files("articles"))
    try:
        pipeline.run().wait_until_finish()
        return store.commit(commit_key)
    except BaseException as exc:
        store.discard(commit_key)
        output_problem = store.failure_of_output(exc)  # disk full or read-only mid-run: one line, exit 2
        if output_problem:
            raise output_problem from None
        raise


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
