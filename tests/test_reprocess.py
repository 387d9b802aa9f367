"""Idempotent days and ``--reprocess``: rerunning never changes or doubles what is stored, and
re-extracting replaces an article's rows in every table instead of adding to them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import TABLES
from tests.conftest import REPO, query, run
from tests.test_crash import DAY_ARTICLES

EVAL_FEEDS = REPO.parent / "shared" / "eval" / "feeds"
EXTRACTION_TABLES = ("entities", "quotes", "topics", "keyphrases")


def write_day(root: Path, names: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(DAY_ARTICLES[name])
    return root


def rows(output: Path, table: str, where: str = "true") -> list[tuple]:
    return sorted(query(output, f"select * exclude (ingest_date) from {table} where {where}"), key=repr)


def file_identities(output: Path, table: str) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_ino, p.stat().st_mtime_ns) for p in (output / table).glob("**/*.parquet")}


def test_the_same_input_twice_on_the_same_date_changes_no_stored_file(tmp_path):
    day = write_day(tmp_path / "day", list(DAY_ARTICLES))
    run(tmp_path / "out", day)
    before = {t: rows(tmp_path / "out", t) for t in ("articles", *EXTRACTION_TABLES)}
    files = {t: file_identities(tmp_path / "out", t) for t in ("articles", *EXTRACTION_TABLES)}
    summary = run(tmp_path / "out", day)
    assert (summary.articles, summary.duplicates) == (0, len(DAY_ARTICLES))
    assert {t: rows(tmp_path / "out", t) for t in before} == before  # run_id and ingested_at included
    for table, identities in files.items():  # not rewritten either: same inode, same mtime
        assert {p: i for p, i in file_identities(tmp_path / "out", table).items() if p in identities} == identities


def newsbeam(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def test_the_eval_feeds_twice_give_identical_tables(tmp_path):
    output = tmp_path / "out"
    for attempt in range(2):
        result = newsbeam("run", "--feed", str(EVAL_FEEDS), "--output", str(output), "--workers", "1")
        assert result.returncode == 0, result.stderr[-3000:]
        if attempt == 0:
            first = {t: rows(output, t) for t in ("articles", "entities", "quotes", "topics")}
            assert first["articles"]
    assert {t: rows(output, t) for t in first} == first
    assert query(output, "select count(*), count(distinct article_id) from articles")[0] == (len(first["articles"]),) * 2


def add_stale_rows(output: Path, article_ids: dict[str, str]) -> None:
    """Rows an older model produced for these articles, in a file of their own per table."""
    stale = {
        "entities": [{"article_id": i, "entity_key": f"stale|{n}", "name": f"Stale {n}", "label": "ORG",
                      "mention_count": 1, "first_char": 0, "mentions": []} for n, i in article_ids.items()],
        "quotes": [{"article_id": i, "quote_index": 99, "text": "stale", "start_char": 0, "end_char": 5,
                    "type": "direct", "cue": "said"} for i in article_ids.values()],
        "topics": [{"article_id": i, "topic": "stale topic", "topic_code": "medtop:00000000", "score": 0.1,
                    "rank": 9} for i in article_ids.values()],
        "keyphrases": [{"article_id": i, "phrase": "stale phrase", "score": 0.1, "rank": 99}
                       for i in article_ids.values()],
    }
    for table, table_rows in stale.items():
        partition = next((output / table).glob("ingest_date=*"))
        pq.write_table(pa.Table.from_pylist(table_rows, schema=TABLES[table]), partition / "part-stale.parquet")


def test_reprocess_replaces_the_rows_of_reextracted_articles_in_every_table(tmp_path):
    output = tmp_path / "out"
    day = write_day(tmp_path / "day", ["ferry.txt", "library.txt"])
    first = run(output, day, date="2026-11-24")
    fresh = {t: rows(output, t) for t in ("articles", *EXTRACTION_TABLES)}
    ids = dict(query(output, "select regexp_extract(input_uri, '[a-z]+\\.txt'), article_id from articles"))
    add_stale_rows(output, {"ferry": ids["ferry.txt"], "library": ids["library.txt"]})
    ferry, library = ids["ferry.txt"], ids["library.txt"]

    again = write_day(tmp_path / "again", ["ferry.txt"])
    summary = run(output, again, date="2026-11-25", reprocess=True)
    assert (summary.articles, summary.duplicates, summary.errors) == (1, 0, 0)
    # the ferry article: one row, from the new run, in the new partition; the library one untouched
    assert query(output, "select article_id, run_id, cast(ingest_date as varchar) from articles order by 3") == [
        (library, first.run_id, "2026-11-24"), (ferry, summary.run_id, "2026-11-25")]
    for table in EXTRACTION_TABLES:
        # the ferry's rows are exactly a fresh extraction's (stale ones gone, nothing doubled) ...
        assert rows(output, table, f"article_id = '{ferry}'") == [r for r in fresh[table] if r[0] == ferry], table
        # ... and the library's rows, stale ones included, were left alone
        library_rows = rows(output, table, f"article_id = '{library}'")
        assert len(library_rows) == len([r for r in fresh[table] if r[0] == library]) + 1, table

    twice = run(output, again, date="2026-11-25", reprocess=True)
    assert twice.articles == 1
    assert query(output, "select count(*), count(distinct article_id) from articles") == [(2, 2)]
    for table in EXTRACTION_TABLES:
        assert rows(output, table, f"article_id = '{ferry}'") == [r for r in fresh[table] if r[0] == ferry], table


def test_without_reprocess_a_stored_article_is_never_extracted_again(tmp_path):
    output = tmp_path / "out"
    day = write_day(tmp_path / "day", ["storm.txt"])
    run(output, day)
    ferry = write_day(tmp_path / "day", ["ferry.txt"])
    summary = run(output, ferry, date="2026-11-26")
    assert (summary.articles, summary.duplicates) == (1, 1)
    assert query(output, "select count(*), count(distinct article_id), count(distinct run_id) from articles") == [(2, 2, 2)]
