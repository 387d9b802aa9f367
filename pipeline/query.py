"""DuckDB over an output directory: one view per table, plus views for the common questions."""
from __future__ import annotations

import glob
import logging
import os

import duckdb
import pyarrow as pa

from schemas import TABLE_ORDER, TABLES

log = logging.getLogger(__name__)

# Questions analysts ask every day, as views over the tables.
ANALYSIS_VIEWS = {
    "people_per_day": """
        select cast(coalesce(a.published_at, a.ingested_at) as date) as day, e.name, e.entity_key,
               count(distinct e.article_id) as articles, sum(e.mention_count) as mentions
        from entities e join articles a using (article_id)
        where e.label = 'PERSON'
        group by all""",
    "person_org_cooccurrence": """
        select p.name as person, o.name as organisation, count(distinct p.article_id) as articles
        from entities p join entities o on p.article_id = o.article_id
        where p.label = 'PERSON' and o.label = 'ORG'
        group by all""",
    "speakers": """
        select q.speaker, q.speaker_key, q.type, t.topic, count(*) as quotes, count(distinct q.article_id) as articles
        from quotes q left join topics t on t.article_id = q.article_id and t.rank = 1
        where q.speaker is not null
        group by all""",
}


def table_glob(root: str, table: str) -> str:
    return os.path.join(os.path.abspath(root), table, "**", "*.parquet")


def connect(root: str) -> duckdb.DuckDBPyConnection:
    """A connection with a view per table, with every column of the current schema, and the
    analysis views."""
    if not os.path.isdir(root):
        raise FileNotFoundError(f"no newsbeam output at {root}: run `newsbeam run ... --output {root}` first")
    if glob.glob(os.path.join(root, "_journal", "*.json")):
        log.warning("a run was interrupted while committing: some tables may lack its rows until the next "
                    "`newsbeam run --output %s` finishes the commit", root)
    con = duckdb.connect()
    for table in TABLE_ORDER:
        # Unioned by name with an empty table of the current schema, so every column is there
        # (null in files written before it existed) even when no file has it yet.
        empty = pa.Table.from_pylist([], schema=TABLES[table].append(pa.field("ingest_date", pa.date32())))
        con.register(f"_{table}_empty", empty)
        pattern = table_glob(root, table)
        files = ""
        if glob.glob(pattern, recursive=True):
            escaped = pattern.replace("'", "''")
            files = (f"select * from read_parquet('{escaped}', hive_partitioning = true, union_by_name = true) "
                     "union all by name ")
        con.execute(f"create view {table} as {files}select * from _{table}_empty")
    for name, sql in ANALYSIS_VIEWS.items():
        con.execute(f"create view {name} as {sql}")
    return con
