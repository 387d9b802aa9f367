"""End to end: real runs on DirectRunner's engine with the real model, read back with DuckDB."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import duckdb
import pyarrow.parquet as pq
import pytest

from schemas import TABLES
from tests.conftest import REPO, SAMPLES, query, run

SAMPLE_TABLES = ("articles", "entities", "quotes", "topics", "keyphrases")


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("sample")
    summary = run(output, SAMPLES)
    return output, summary


def table_rows(output, table):
    return sorted(query(output, f"select * exclude (ingest_date) from {table}"), key=repr)


def test_every_sample_article_becomes_an_article(sample_run):
    output, summary = sample_run
    files = sorted(p.name for p in SAMPLES.iterdir())
    assert summary.inputs == len(files) == summary.articles
    assert summary.errors == 0 and summary.duplicates == 0
    assert query(output, "select count(*) from articles")[0][0] == len(files)
    sources = query(output, "select source, kind, status, entries, articles from sources order by source")
    assert [s[0].rsplit("/", 1)[-1] for s in sources] == files
    assert all(s[1:] == ("file", "ok", 1, 1) for s in sources)


def test_files_match_the_schemas_and_partitions(sample_run):
    output, _ = sample_run
    for table in TABLES:
        files = list((output / table).glob("ingest_date=2026-11-25/*.parquet"))
        assert files, table
        for path in files:
            schema = pq.read_schema(path)
            assert schema.remove_metadata().equals(TABLES[table].remove_metadata()), table
            assert schema.metadata[b"newsbeam.schema_version"] == TABLES[table].metadata[b"newsbeam.schema_version"]


def test_columns_have_duckdb_friendly_types(sample_run):
    output, _ = sample_run
    types = dict(query(output, "select column_name, column_type from (describe articles)"))
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "VARCHAR[]"
    assert types["ingest_date"] == "DATE"


def test_sample_article_metadata(sample_run):
    output, _ = sample_run
    rows = dict((r[0].rsplit("/", 1)[-1], r[1:]) for r in query(
        output, "select url, title, authors, published_at, language, source, canonical_url from articles"))
    carney = rows["carney-trump-trade.txt"]
    assert carney[0] == "Carney and Trump negotiating trade deal behind closed doors"
    assert carney[1] == ["Quinn Patrick"] and carney[3] == "en" and carney[5] is None
    cup = rows["cup-final.html"]  # a saved page's url is its file; the address it names is canonical_url
    assert cup[0] == "Rovers win cup final on late penalty" and cup[1] == ["Sam Okafor"]
    assert cup[2].isoformat().startswith("2026-11-22T17:45:00")  # 18:45 at +01:00, stored in UTC
    assert cup[4] == "Westport Gazette" and cup[5] == "https://gazette.example.com/sport/rovers-cup-final"


def test_offsets_index_the_article_text(sample_run):
    output, _ = sample_run
    quotes = query(output, """select q.text, a.text, q.start_char, q.end_char from quotes q join articles a using (article_id)""")
    assert quotes
    for text, body, start, end in quotes:
        assert body[start:end] == text
    entities = query(output, """select e.name, e.mentions, a.text from entities e join articles a using (article_id)""")
    assert entities
    for _name, mentions, body in entities:
        for mention in mentions:
            assert body[mention["start_char"]:mention["end_char"]] == mention["text"]


def test_every_article_has_a_rank_one_topic(sample_run):
    output, _ = sample_run
    assert query(output, "select count(*) from articles where article_id not in "
                         "(select article_id from topics where rank = 1)")[0][0] == 0
    codes = {r[0] for r in query(output, "select topic_code from topics")}
    assert all(c.startswith("medtop:") and len(c) == 15 for c in codes)


def test_rerun_adds_nothing_and_changes_nothing(tmp_path):
    run(tmp_path, SAMPLES)
    before = {t: table_rows(tmp_path, t) for t in SAMPLE_TABLES}
    summary = run(tmp_path, SAMPLES)
    assert summary.articles == 0 and summary.duplicates == summary.inputs == len(list(SAMPLES.iterdir()))
    assert {t: table_rows(tmp_path, t) for t in SAMPLE_TABLES} == before


def test_parsing_in_forked_processes_gives_the_same_rows(tmp_path):
    # batch_size=1: one article per batch, so the two processes share the articles between them
    one, two = run(tmp_path / "one", SAMPLES, workers=1), run(tmp_path / "two", SAMPLES, workers=2, batch_size=1)
    assert (one.workers, two.workers) == (1, 2) and one.articles == two.articles == len(list(SAMPLES.iterdir()))
    for table in ("entities", "quotes", "topics", "keyphrases"):
        assert table_rows(tmp_path / "one", table) == table_rows(tmp_path / "two", table), table
    extracted = "select article_id, text, extracted from articles order by 1"
    assert query(tmp_path / "one", extracted) == query(tmp_path / "two", extracted)


def test_a_later_day_adds_only_new_articles(tmp_path):
    day_one = tmp_path / "day1"
    day_one.mkdir()
    (day_one / "a.txt").write_text("Ferry delayed\n\nThe morning ferry was delayed by fog, the operator said.")
    run(tmp_path / "out", day_one, date="2026-11-24")
    (day_one / "b.txt").write_text("Market reopens\n\nThe covered market reopened after repairs, traders said.")
    summary = run(tmp_path / "out", day_one, date="2026-11-25")
    assert (summary.articles, summary.duplicates) == (1, 1)
    assert query(tmp_path / "out", "select title, cast(ingest_date as varchar) from articles order by 2") == [
        ("Ferry delayed", "2026-11-24"), ("Market reopens", "2026-11-25")]


def test_bad_inputs_never_stop_the_run_and_are_all_accounted_for(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = {"good.txt": "Library opens\n\nThe new library opened on Monday, the mayor said.",
            "latin1.txt": "Café fire\n\nA fire closed the Café Zoë on Rue Belle, firefighters said."}
    (inputs / "good.txt").write_text(good["good.txt"])
    (inputs / "latin1.txt").write_bytes(good["latin1.txt"].encode("latin-1"))
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "lines.jsonl").write_text(json.dumps({"title": "Bus lanes", "text": "Two bus lanes open today."})
                                        + "\n{\"title\": broken\n")
    full = gzip.compress(b"Zoo news\n\n" + b"The zoo welcomed a new giraffe calf this week. " * 400)
    (inputs / "cut.txt.gz").write_bytes(full[: len(full) // 3])
    (inputs / "huge.txt").write_text("Huge\n\n" + "word " * 300_000)
    summary = run(tmp_path / "out", inputs, max_article_chars=1_000_000)
    out = tmp_path / "out"
    titles = {r[0] for r in query(out, "select title from articles")}
    assert titles == {"Library opens", "Café fire", "Bus lanes"}
    assert "Café Zoë" in query(out, "select text from articles where title = 'Café fire'")[0][0]
    errors = {r[0].rsplit("/", 1)[-1]: r[1] for r in query(out, "select source, message from errors")}
    assert set(errors) == {"binary.txt", "empty.txt", "lines.jsonl", "cut.txt.gz", "huge.txt"}
    assert "binary" in errors["binary.txt"] and "empty" in errors["empty.txt"]
    assert "line 2" in errors["lines.jsonl"] and "truncated" in errors["cut.txt.gz"]
    assert "--max-article-chars" in errors["huge.txt"]
    assert summary.inputs == summary.articles + summary.duplicates + summary.errors == 8
    statuses = dict((r[0].rsplit("/", 1)[-1], r[1]) for r in query(out, "select source, status from sources"))
    assert statuses["binary.txt"] == "error" and statuses["lines.jsonl"] == "ok" and statuses["good.txt"] == "ok"


def test_the_same_article_twice_in_one_run_is_one_row(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    record = {"url": "https://news.example/story?utm_source=x", "title": "Dam", "text": "The dam held, engineers said."}
    (inputs / "one.jsonl").write_text(json.dumps(record))
    (inputs / "two.jsonl").write_text(json.dumps({**record, "url": "https://NEWS.example/story#top"}))
    summary = run(tmp_path / "out", inputs)
    assert (summary.articles, summary.duplicates) == (1, 1)
    assert query(tmp_path / "out", "select url from articles") == [("https://news.example/story",)]


def cli(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_run_then_query(tmp_path):
    result = cli("run", "--input", str(SAMPLES / "harbour-bridge.txt"), "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "inputs: 1 = 1 new articles + 0 duplicates + 0 errors" in result.stdout
    answer = cli("query", str(tmp_path), "select count(*) as n from articles", "--format", "csv")
    assert answer.returncode == 0 and answer.stdout.split() == ["n", "1"]
    empty_table = cli("query", str(tmp_path), "select count(*) from errors", "--format", "json")
    assert json.loads(empty_table.stdout) == [{"count_star()": 0}]


def test_query_into_a_reader_that_stops_early_is_quiet(sample_run):
    output, _ = sample_run
    reader = subprocess.Popen([sys.executable, "-m", "pipeline", "query", "--format", "csv", str(output),
                               "select * from keyphrases, range(200)"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    reader.stdout.readline()
    reader.stdout.close()  # like `| head -1`
    assert reader.wait(timeout=120) == 1
    assert b"Traceback" not in reader.stderr.read()


def test_cli_explains_itself_and_refuses_bad_arguments(tmp_path):
    for command in ([], ["run"], ["query"], ["report"]):
        result = cli(*command, "--help")
        assert result.returncode == 0 and "usage: newsbeam" in result.stdout
    assert "Beam pipeline options" in cli("run", "--help").stdout
    missing = cli("run", "--input", str(tmp_path / "nope"), "--output", str(tmp_path / "o"))
    assert missing.returncode == 2 and "matches no files" in missing.stderr
    typo = cli("run", "--input", str(SAMPLES), "--output", str(tmp_path / "o"), "--direct_num_workrs", "2")
    assert typo.returncode == 2 and "unknown option --direct_num_workrs" in typo.stderr
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("articles/**/*.parquet"))


def test_output_is_queryable_by_plain_duckdb(sample_run):
    output, _ = sample_run
    con = duckdb.connect()
    count = con.execute(f"select count(*) from read_parquet('{output}/quotes/**/*.parquet', hive_partitioning=true)").fetchone()[0]
    assert count == query(output, "select count(*) from quotes")[0][0] > 0


def test_parse_processes_are_forked_only_where_the_pipeline_runs_in_this_process():
    from pipeline.runner import default_workers, make_options, pool_processes
    assert pool_processes(make_options([]), 2) == 2
    # Beam's own workers, or a remote runner's, are the processes: no pool inside them
    assert pool_processes(make_options(["--direct_num_workers", "2", "--direct_running_mode", "multi_processing"]), 2) == 1
    assert pool_processes(make_options(["--direct_num_workers", "0"]), 2) == 1
    assert pool_processes(make_options(["--runner", "PortableRunner", "--job_endpoint", "localhost:1"]), 2) == 1
    # one process per started 24 KB, at least one, at most the cores
    assert default_workers(0) == default_workers(1) == 1
    assert default_workers(10**9) == (os.cpu_count() or 1)


def test_the_whole_graph_passes_beams_type_check(tmp_path):
    """Runs skip Beam's construction-time type check for a quicker start (``make_options``):
    the graph they build, files and feeds, must pass it here."""
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions, TypeOptions

    from pipeline.build import build
    from pipeline.options import RunConfig
    from pipeline.runner import make_options, make_runner

    assert make_options([]).view_as(TypeOptions).pipeline_type_check is False
    checked = PipelineOptions([])
    assert checked.view_as(TypeOptions).pipeline_type_check
    pipeline = beam.Pipeline(runner=make_runner(checked), options=checked)
    config = RunConfig(output=str(tmp_path / "out"), inputs=[str(SAMPLES)], feeds=["http://127.0.0.1:9/feed.xml"])
    tables = build(pipeline, config, str(tmp_path / "staging"), [str(tmp_path / "stored.parquet")])
    assert set(tables) == {"articles", "errors", "entities", "quotes", "topics", "keyphrases", "sources"}
    assert all(isinstance(pcoll, beam.PCollection) for pcoll in tables.values())


def test_local_runs_sample_beams_state_often_so_bundles_end_at_once():
    """Beam's state sampler sleeps up to its period between samples and each bundle's end waits
    for it; local runs shorten the period (``pipeline.runner``)."""
    from apache_beam.runners.worker.statesampler import StateSampler
    from apache_beam.utils.counters import CounterFactory

    from pipeline.runner import SAMPLING_PERIOD_MS, make_options, make_runner

    make_runner(make_options([]))
    sampler = StateSampler("step", CounterFactory())
    assert sampler.sampling_period_ms == SAMPLING_PERIOD_MS < 200
    sampler.start()
    sampler.stop()
