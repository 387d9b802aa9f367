"""Writing the tables: Parquet files per table, staged, with each table's schema from ``schemas/``.

All tables go through one writer: each bundle writes one file per table it saw into an
attempt directory, and only the files of bundles the runner committed are then moved to
``STAGING/<table>/ingest_date=YYYY-MM-DD/`` (a retried bundle's orphaned attempt is never
listed, so no row is doubled). Nothing is visible to readers of the output directory until the
driver commits the staging directory after the pipeline succeeded (``pipeline/store.py``).
One writer instead of a Parquet sink per table keeps the local runner's stage count, and so
its fixed cost per run, low.
"""
from __future__ import annotations

import posixpath
import uuid

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.transforms.window import GlobalWindow
from apache_beam.utils.windowed_value import WindowedValue

from schemas import TABLES

# Bounded row groups keep writer memory flat however large the run.
ROW_GROUP_ROWS = 5_000
ATTEMPTS = "_attempts"


def partition_dir(root: str, table: str, ingest_date: str) -> str:
    return posixpath.join(root, table, f"ingest_date={ingest_date}")


def _ensure_dir(path: str) -> None:
    if not FileSystems.exists(path):
        FileSystems.mkdirs(path)


class _TableFile:
    """One table's Parquet file for one bundle, written a bounded row group at a time."""

    def __init__(self, path: str, table: str):
        self.path, self.schema, self.rows = path, TABLES[table], []
        _ensure_dir(posixpath.dirname(path))
        self.handle = FileSystems.create(path)
        self.writer = pq.ParquetWriter(self.handle, self.schema, compression="zstd")

    def add(self, row: dict) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        self.handle.close()


class _WriteBundleFiles(beam.DoFn):
    def __init__(self, attempts_dir: str):
        self.attempts_dir = attempts_dir

    def start_bundle(self):
        self.files: dict[str, _TableFile] = {}
        self.bundle_dir = posixpath.join(self.attempts_dir, uuid.uuid4().hex)

    def process(self, element):
        table, row = element
        if table not in self.files:
            self.files[table] = _TableFile(posixpath.join(self.bundle_dir, f"{table}.parquet"), table)
        self.files[table].add(row)

    def finish_bundle(self):
        for table, table_file in self.files.items():
            table_file.close()
            yield WindowedValue((None, (table, table_file.path)), 0, [GlobalWindow()])


class _PlaceFiles(beam.DoFn):
    """Moves the committed bundles' files into their partitions; an empty file for a table with no
    rows, so every table exists with its columns."""

    def __init__(self, staging_dir: str, ingest_date: str, tables: list[str]):
        self.staging_dir, self.ingest_date, self.tables = staging_dir, ingest_date, tables

    def process(self, element):
        _, files = element
        written = set()
        for table, path in sorted(files):
            target_dir = partition_dir(self.staging_dir, table, self.ingest_date)
            target = posixpath.join(target_dir, f"part-{posixpath.basename(posixpath.dirname(path))}.parquet")
            _ensure_dir(target_dir)
            if FileSystems.exists(path) or not FileSystems.exists(target):  # a retry finds it moved
                FileSystems.rename([path], [target])
            written.add(table)
        for table in self.tables:
            if table not in written:
                _TableFile(posixpath.join(partition_dir(self.staging_dir, table, self.ingest_date),
                                          "part-empty.parquet"), table).close()
        attempts = posixpath.join(self.staging_dir, ATTEMPTS)
        if FileSystems.exists(attempts):
            FileSystems.delete([attempts])  # what is left there belongs to failed bundle attempts
        yield len(files)


class WriteTables(beam.PTransform):
    """{table name: PCollection of row dicts} -> Parquet files in the staging directory."""

    def __init__(self, staging_dir: str, ingest_date: str):
        super().__init__()
        self.staging_dir, self.ingest_date = staging_dir, ingest_date

    def expand(self, tables: dict):
        tagged = [rows | f"Tag_{name}" >> beam.Map(lambda row, name=name: (name, row)) for name, rows in tables.items()]
        return (
            tagged
            | "AllRows" >> beam.Flatten()
            | "WriteBundleFiles" >> beam.ParDo(_WriteBundleFiles(posixpath.join(self.staging_dir, ATTEMPTS)))
            | "CommittedFiles" >> beam.GroupByKey()
            | "PlaceFiles" >> beam.ParDo(_PlaceFiles(self.staging_dir, self.ingest_date, list(tables)))
        )
