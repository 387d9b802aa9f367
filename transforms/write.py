"""Writing the tables: Parquet files per table, staged, with each table's schema from ``schemas/``.

Files go under ``STAGING/<table>/ingest_date=YYYY-MM-DD/``; nothing is visible to readers of the
output directory until the driver commits the staging directory after the pipeline succeeded
(see ``pipeline/store.py``). Beam's Parquet sink writes through temporary files and renames them
when the bundle is finalised, so a retried bundle never leaves a partial or doubled file.
"""
from __future__ import annotations

import posixpath

import apache_beam as beam

from schemas import TABLES

# Bounded row groups keep writer memory flat however large the run.
ROW_GROUP_BYTES = 16 * 1024 * 1024


def partition_dir(root: str, table: str, ingest_date: str) -> str:
    return posixpath.join(root, table, f"ingest_date={ingest_date}")


class WriteTables(beam.PTransform):
    """{table name: PCollection of row dicts} -> Parquet files in the staging directory."""

    def __init__(self, staging_dir: str, ingest_date: str):
        super().__init__()
        self.staging_dir, self.ingest_date = staging_dir, ingest_date

    def expand(self, tables: dict):
        written = {}
        for name, rows in tables.items():
            written[name] = rows | f"Write_{name}" >> beam.io.WriteToParquet(
                posixpath.join(partition_dir(self.staging_dir, name, self.ingest_date), "part"),
                TABLES[name],
                file_name_suffix=".parquet",
                row_group_buffer_size=ROW_GROUP_BYTES,
                codec="zstd",
            )
        return written
