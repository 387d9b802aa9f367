"""Schema evolution: partitions written before a column existed (and after a newer one was added)
stay readable next to current ones, through ``newsbeam query`` and through dedup."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES
from schemas.tables import SCHEMA_VERSION_KEY
from tests.conftest import REPO, run
from transforms.normalize import article_id_for

OLD_URL = "https://schema.example/2026/01/old-story"
OLD_TEXT = "The old pier was rebuilt in January, the harbour board said. Work took three months."


def old_partition(output: Path, table: str, dropped: tuple[str, ...], rows: list[dict], version: bytes = b"0") -> Path:
    """A file as an older newsbeam wrote it: fewer columns, an older schema version."""
    schema = pa.schema([f for f in TABLES[table] if f.name not in dropped], metadata={SCHEMA_VERSION_KEY: version})
    path = output / table / "ingest_date=2026-01-15" / "part-old.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return path


def cli_query(output: Path, sql: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "pipeline", "query", str(output), sql, "--format", "json"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_old_and_new_partitions_are_read_together(tmp_path):
    output = tmp_path / "out"
    old_id = article_id_for(OLD_URL, None, None, "")
    old_partition(output, "articles", ("extracted", "run_id", "input_uri"),
                  [{"article_id": old_id, "url": OLD_URL, "title": "Old pier rebuilt", "text": OLD_TEXT}])
    old_partition(output, "entities", ("mentions",),
                  [{"article_id": old_id, "entity_key": "harbour board|ORG", "name": "harbour board", "label": "ORG",
                    "mention_count": 1, "first_char": 44}])
    day = tmp_path / "day"
    day.mkdir()
    (day / "news.jsonl").write_text("\n".join(json.dumps(r) for r in (
        {"url": OLD_URL, "title": "Old pier rebuilt", "text": OLD_TEXT},  # already stored, by the old version
        {"url": "https://schema.example/2026/11/new-story", "title": "Tram line opens",
         "text": "The new tram line opened on Sunday, Mayor Ines Duarte said. \"It is a good day,\" Duarte said."})))

    summary = run(output, day)
    # dedup read the ids out of the old-version file too
    assert (summary.articles, summary.duplicates) == (1, 1)

    rows = cli_query(output, "select title, extracted, run_id is null as no_run, cast(ingest_date as varchar) as day "
                             "from articles order by day")
    assert rows == [{"title": "Old pier rebuilt", "extracted": None, "no_run": True, "day": "2026-01-15"},
                    {"title": "Tram line opens", "extracted": True, "no_run": False, "day": "2026-11-25"}]
    columns = [r["column_name"] for r in cli_query(output, "select column_name from (describe articles)")]
    assert columns[: len(TABLES["articles"])] == TABLES["articles"].names
    mentions = cli_query(output, "select name, mentions is null as old from entities where article_id = '%s'" % old_id)
    assert mentions == [{"name": "harbour board", "old": True}]
    assert cli_query(output, "select count(*) as n from entities where mentions is not null")[0]["n"] > 0


def test_a_column_no_file_has_yet_is_there_as_null(tmp_path):
    """An output written entirely by an older version still answers queries that name today's columns."""
    output = tmp_path / "out"
    old_partition(output, "articles", ("canonical_url", "extracted", "run_id", "input_uri"),
                  [{"article_id": "old", "url": OLD_URL, "title": "Old pier rebuilt", "text": OLD_TEXT}])
    rows = cli_query(output, "select url, canonical_url from articles")
    assert rows == [{"url": OLD_URL, "canonical_url": None}]


def test_a_partition_from_a_newer_version_with_an_added_column_is_read_too(tmp_path):
    output = tmp_path / "out"
    day = tmp_path / "day"
    day.mkdir()
    (day / "a.txt").write_text("Bakery wins prize\n\nThe harbour bakery won the regional bread prize, judges said.")
    run(output, day)
    newer = TABLES["topics"].append(pa.field("model_version", pa.string()))
    newer = newer.with_metadata({**newer.metadata, SCHEMA_VERSION_KEY: b"2"})
    path = output / "topics" / "ingest_date=2026-12-01" / "part-newer.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([{"article_id": "x", "topic": "sport", "topic_code": "medtop:15000000",
                                          "score": 0.9, "rank": 1, "model_version": "2027.1"}], schema=newer), path)
    rows = cli_query(output, "select model_version, count(*) as n from topics group by 1 order by 1 nulls first")
    assert rows[-1] == {"model_version": "2027.1", "n": 1}
    assert len(rows) == 1 or rows[0]["model_version"] is None  # current rows: no such column -> null


def test_every_written_file_records_its_tables_schema_version(tmp_path):
    output = tmp_path / "out"
    day = tmp_path / "day"
    day.mkdir()
    (day / "a.txt").write_text("Harbour lights\n\nThe harbour lights were switched on, the council said.")
    run(output, day)
    for table, schema in TABLES.items():
        for path in (output / table).glob("**/*.parquet"):
            assert pq.read_schema(path).metadata[SCHEMA_VERSION_KEY] == schema.metadata[SCHEMA_VERSION_KEY], path
