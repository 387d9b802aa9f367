"""The output directory: a lock per run, staging, and an atomic, crash-safe commit.

A run writes every file under ``DIR/_staging/<run_id>/`` (invisible to readers of
``DIR/<table>/**``). Only after the pipeline succeeded does the driver commit: it checks every
staged Parquet file is readable, writes a journal of the moves, renames each file into place
and deletes the journal. A crash before the journal leaves only staging debris, removed by the
next run; a crash after it is rolled forward by the next run. Either way no half table is
ever visible and no row appears twice.
"""
from __future__ import annotations

import errno
import fcntl
import glob
import json
import logging
import os
import shutil
from contextlib import contextmanager

import pyarrow.parquet as pq

from schemas import TABLE_ORDER

log = logging.getLogger(__name__)

STAGING = "_staging"
JOURNAL = "_journal"
LOCK_FILE = ".newsbeam.lock"


class OutputError(RuntimeError):
    """The output directory cannot be used; the message names the path and what to do."""


class OutputStore:
    def __init__(self, root: str):
        self.root = os.path.abspath(root)

    # -- where things are -------------------------------------------------------------
    def staging_dir(self, run_id: str) -> str:
        return os.path.join(self.root, STAGING, run_id)

    def table_files(self, table: str) -> list[str]:
        return sorted(glob.glob(os.path.join(self.root, table, "**", "*.parquet"), recursive=True))

    # -- before a run ------------------------------------------------------------------
    def prepare(self) -> None:
        """Fail early, with one line naming the path, when the output cannot be written."""
        try:
            os.makedirs(self.root, exist_ok=True)
            probe = os.path.join(self.root, f".write-test-{os.getpid()}")
            with open(probe, "wb") as handle:
                handle.write(b"x" * 65536)
                handle.flush()
                os.fsync(handle.fileno())
            os.remove(probe)
        except OSError as exc:
            reason = "disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise OutputError(f"cannot write to output directory {self.root}: {reason}") from None

    @contextmanager
    def lock(self):
        """Refuse a second run on the same output directory while one is running."""
        path = os.path.join(self.root, LOCK_FILE)
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise OutputError(f"output directory {self.root} is in use by another newsbeam run ({holder}); "
                              "wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()

    def recover(self) -> None:
        """Finish commits a crash interrupted; remove staging left by runs that never committed."""
        for journal in sorted(glob.glob(os.path.join(self.root, JOURNAL, "*.json"))):
            log.warning("finishing the commit of an interrupted run (%s)", os.path.basename(journal))
            with open(journal, encoding="utf-8") as handle:
                moves = json.load(handle)["moves"]
            self._apply(moves)
            os.remove(journal)
        staging_root = os.path.join(self.root, STAGING)
        if os.path.isdir(staging_root):
            for leftover in os.listdir(staging_root):
                log.warning("removing staging of a run that did not finish (%s)", leftover)
                shutil.rmtree(os.path.join(staging_root, leftover), ignore_errors=True)

    # -- after a successful pipeline ------------------------------------------------------
    def commit(self, run_id: str) -> dict[str, int]:
        """Move a run's staged files into place atomically; returns rows committed per table."""
        staging = self.staging_dir(run_id)
        moves, rows = [], {table: 0 for table in TABLE_ORDER}
        for path in sorted(glob.glob(os.path.join(staging, "**", "*"), recursive=True)):
            relative = os.path.relpath(path, staging)
            if os.path.isdir(path) or "beam-temp" in relative:
                continue
            table = relative.split(os.sep, 1)[0]
            if path.endswith(".parquet"):
                count = pq.read_metadata(path).num_rows  # raises on a corrupt file: nothing is committed
                rows[table] = rows.get(table, 0) + count
                if count == 0 and self.table_files(table):
                    continue  # an empty file adds nothing once the table exists
                directory, name = os.path.split(relative)
                relative = os.path.join(directory, f"part-{run_id}-{name.removeprefix('part-')}")
            moves.append([path, os.path.join(self.root, relative)])
        journal_dir = os.path.join(self.root, JOURNAL)
        os.makedirs(journal_dir, exist_ok=True)
        journal = os.path.join(journal_dir, f"{run_id}.json")
        _write_durably(journal, json.dumps({"run_id": run_id, "moves": moves}).encode())
        self._apply(moves)
        os.remove(journal)
        shutil.rmtree(staging, ignore_errors=True)
        return rows

    @staticmethod
    def _apply(moves: list[list[str]]) -> None:
        for source, target in moves:
            if not os.path.exists(source):
                continue  # already moved before a crash
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)

    def discard(self, run_id: str) -> None:
        shutil.rmtree(self.staging_dir(run_id), ignore_errors=True)


def _write_durably(path: str, data: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
