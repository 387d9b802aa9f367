"""The output store on its own: commit, journal, crash recovery, replacement of re-extracted
articles, the lock and the free-space check, on real Parquet files and real processes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.store import JOURNAL, LOCK_FILE, PAUSE_AT_ENV, PAUSE_MARKER_ENV, STAGING, OutputError, OutputStore
from schemas import TABLES
from schemas.tables import SCHEMA_VERSION_KEY
from tests.conftest import REPO

DAY = "ingest_date=2026-11-24"


def write_rows(path: Path, table: str, rows: list[dict], schema: pa.Schema | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema or TABLES[table]), path)
    return path


def article(article_id: str, title: str, run_id: str = "old") -> dict:
    return {"article_id": article_id, "title": title, "text": f"{title} text.", "run_id": run_id}


def entity(article_id: str, name: str) -> dict:
    return {"article_id": article_id, "entity_key": name.lower(), "name": name, "label": "PERSON", "mention_count": 1}


def stage(store: OutputStore, run_id: str, tables: dict[str, list[dict]], day: str = "ingest_date=2026-11-25"):
    for table, rows in tables.items():
        write_rows(Path(store.staging_dir(run_id)) / table / day / "part-00000-of-00001.parquet", table, rows)


def read(root: Path, table: str) -> list[dict]:
    files = sorted((root / table).glob("**/*.parquet"))
    if not files:
        return []
    con = duckdb.connect()
    relation = con.sql(f"select * from read_parquet({[str(f) for f in files]}, hive_partitioning=true, union_by_name=true)")
    return [dict(zip(relation.columns, row)) for row in relation.fetchall()]


def test_commit_moves_staged_files_into_the_tables_and_cleans_up(tmp_path):
    store = OutputStore(str(tmp_path))
    stage(store, "r1", {"articles": [article("a", "Alpha", "r1"), article("b", "Beta", "r1")],
                        "entities": [entity("a", "Ann")]})
    assert read(tmp_path, "articles") == []  # staged rows are invisible
    rows = store.commit("r1")
    assert rows["articles"] == 2 and rows["entities"] == 1
    assert sorted(r["title"] for r in read(tmp_path, "articles")) == ["Alpha", "Beta"]
    assert not os.path.exists(store.staging_dir("r1"))
    assert os.listdir(tmp_path / JOURNAL) == []
    assert all("part-r1-" in p.name for p in (tmp_path / "articles").glob("**/*.parquet"))


def test_a_corrupt_staged_file_stops_the_commit_before_anything_moves(tmp_path):
    store = OutputStore(str(tmp_path))
    stage(store, "r1", {"articles": [article("a", "Alpha", "r1")]})
    broken = Path(store.staging_dir("r1")) / "entities" / "ingest_date=2026-11-25" / "part-0.parquet"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"PAR1 not really parquet")
    with pytest.raises(Exception):
        store.commit("r1")
    assert read(tmp_path, "articles") == []
    assert not list((tmp_path).glob("*/ingest_date=*/*.parquet"))


def test_staged_articles_replace_every_stored_row_of_the_same_article(tmp_path):
    store = OutputStore(str(tmp_path))
    write_rows(tmp_path / "articles" / DAY / "part-old-0.parquet", "articles",
               [article("a", "Alpha v1"), article("b", "Beta")])
    write_rows(tmp_path / "articles" / DAY / "part-old-1.parquet", "articles", [article("c", "Gamma")])
    write_rows(tmp_path / "entities" / DAY / "part-old-0.parquet", "entities",
               [entity("a", "Ann"), entity("a", "Al"), entity("b", "Bea")])
    write_rows(tmp_path / "entities" / DAY / "part-old-1.parquet", "entities", [entity("c", "Cy")])
    stage(store, "r2", {"articles": [article("a", "Alpha v2", "r2"), article("c", "Gamma v2", "r2")],
                        "entities": [entity("a", "Ann Lee"), entity("c", "Cy Young")]})
    store.commit("r2")
    assert sorted((r["article_id"], r["title"]) for r in read(tmp_path, "articles")) == [
        ("a", "Alpha v2"), ("b", "Beta"), ("c", "Gamma v2")]
    assert sorted((r["article_id"], r["name"]) for r in read(tmp_path, "entities")) == [
        ("a", "Ann Lee"), ("b", "Bea"), ("c", "Cy Young")]
    # the file that held only the replaced article is gone, not left behind empty
    assert not (tmp_path / "articles" / DAY / "part-old-1.parquet").exists()
    assert (tmp_path / "articles" / DAY / "part-old-0.parquet").exists()


def test_a_rewritten_file_keeps_its_own_older_schema_and_version(tmp_path):
    old_schema = pa.schema([f for f in TABLES["articles"] if f.name not in ("extracted", "run_id")],
                           metadata={SCHEMA_VERSION_KEY: b"0"})
    stored = write_rows(tmp_path / "articles" / DAY / "part-old-0.parquet", "articles",
                        [{"article_id": "a", "title": "A"}, {"article_id": "b", "title": "B"}], old_schema)
    store = OutputStore(str(tmp_path))
    stage(store, "r2", {"articles": [article("a", "A again", "r2")]})
    store.commit("r2")
    schema = pq.read_schema(stored)
    assert schema.metadata[SCHEMA_VERSION_KEY] == b"0" and "run_id" not in schema.names
    assert pq.read_table(stored).column("article_id").to_pylist() == ["b"]


def test_without_overlap_stored_files_are_not_touched(tmp_path):
    stored = write_rows(tmp_path / "articles" / DAY / "part-old-0.parquet", "articles", [article("a", "Alpha")])
    before = (stored.stat().st_mtime_ns, stored.stat().st_ino)
    store = OutputStore(str(tmp_path))
    stage(store, "r2", {"articles": [article("b", "Beta", "r2")]})
    store.commit("r2")
    assert (stored.stat().st_mtime_ns, stored.stat().st_ino) == before


COMMIT_IN_A_CHILD = """
import sys
from pipeline.store import OutputStore
OutputStore(sys.argv[1]).commit("r2")
"""


def commit_killed_at(root: Path, point: str) -> None:
    """Commit run r2 in a child process and SIGKILL it at ``point`` of the commit."""
    marker = root.parent / f"paused-{point}"
    child = subprocess.Popen([sys.executable, "-c", COMMIT_IN_A_CHILD, str(root)], cwd=REPO,
                             env={**os.environ, PAUSE_AT_ENV: point, PAUSE_MARKER_ENV: str(marker)})
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert child.poll() is None, f"commit finished without pausing at {point}"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()


@pytest.mark.parametrize("point", ["commit-start", "commit-journal", "commit-moves", "commit-replace"])
def test_a_commit_killed_at_any_point_is_finished_or_undone_by_recovery(tmp_path, point):
    root = tmp_path / "out"
    write_rows(root / "articles" / DAY / "part-old-0.parquet", "articles", [article("a", "Alpha v1"), article("b", "Beta")])
    write_rows(root / "entities" / DAY / "part-old-0.parquet", "entities", [entity("a", "Ann"), entity("b", "Bea")])
    store = OutputStore(str(root))
    stage(store, "r2", {"articles": [article("a", "Alpha v2", "r2"), article("n", "New", "r2")],
                        "entities": [entity("a", "Ann Lee"), entity("n", "Ned")]})
    commit_killed_at(root, point)
    # whatever the point, every visible file is whole: DuckDB reads every table
    for table in ("articles", "entities"):
        read(root, table)
    store.recover()
    titles = sorted((r["article_id"], r["title"]) for r in read(root, "articles"))
    if point == "commit-start":  # before the journal: the run's commit never happened
        assert titles == [("a", "Alpha v1"), ("b", "Beta")]
    else:  # after the journal: rolled forward, the replaced article once, in its new version
        assert titles == [("a", "Alpha v2"), ("b", "Beta"), ("n", "New")]
        assert sorted(r["name"] for r in read(root, "entities")) == ["Ann Lee", "Bea", "Ned"]
    assert os.listdir(root / STAGING) == [] and not list((root / JOURNAL).glob("*"))


def test_recovery_applies_a_journal_twice_without_harm(tmp_path):
    store = OutputStore(str(tmp_path))
    stage(store, "r1", {"articles": [article("a", "Alpha", "r1")]})
    moves, _ = store._staged_moves("r1", store.staging_dir("r1"))
    plan = {"run_id": "r1", "moves": moves, "replacements": []}
    store._apply(plan)
    (tmp_path / JOURNAL).mkdir()
    (tmp_path / JOURNAL / "r1.json").write_text(json.dumps(plan))
    (tmp_path / JOURNAL / "r0.json.tmp").write_text("{\"run_id\": ")  # a journal cut short while written
    store.recover()
    assert [r["title"] for r in read(tmp_path, "articles")] == ["Alpha"]
    assert os.listdir(tmp_path / JOURNAL) == []


def test_a_second_run_on_the_same_output_is_refused_while_the_first_holds_the_lock(tmp_path):
    store = OutputStore(str(tmp_path))
    store.prepare()
    with store.lock():
        with pytest.raises(OutputError, match=rf"output directory {tmp_path} is in use by another newsbeam run \(pid {os.getpid()}\)"):
            with OutputStore(str(tmp_path)).lock():
                pass
    with store.lock():  # released afterwards
        assert (tmp_path / LOCK_FILE).exists()


def test_unusable_output_paths_are_named_in_one_line(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    for path, reason in ((a_file / "out", "Not a directory"), (Path("/proc/newsbeam-out"), "No such file or directory")):
        with pytest.raises(OutputError) as caught:
            OutputStore(str(path)).prepare()
        message = str(caught.value)
        assert str(path) in message and reason in message and "\n" not in message
