"""The output directory: a lock per run, staging, and an atomic, crash-safe commit.

A run writes every file under ``DIR/_staging/<run_id>/`` (invisible to readers of
``DIR/<table>/**``). Only after the pipeline succeeded does the driver commit:

1. it checks every staged Parquet file is readable and flushes it to disk;
2. when the run re-extracted articles the output already holds (``--reprocess``), it writes,
   into staging too, a copy of each stored file that holds one of them, without their rows;
3. it writes a journal listing the moves (staged file -> table) and the replacements
   (rewritten copy -> the stored file it replaces, or a deletion when nothing is left);
4. it applies the journal with ``os.replace`` (atomic per file) and deletes it.

A crash before the journal leaves only staging debris, removed by the next run; a crash
after it is rolled forward by the next run (applying a journal twice is harmless). Either
way DuckDB never sees a partial file, and after the next run no row appears twice.
See docs/reliability.md for the guarantees and the tests that inflict the faults.
"""
from __future__ import annotations

import errno
import fcntl
import glob
import hashlib
import json
import logging
import os
import shutil
import time
from contextlib import contextmanager

import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import TABLE_ORDER

log = logging.getLogger(__name__)

STAGING = "_staging"
JOURNAL = "_journal"
LOCK_FILE = ".newsbeam.lock"
REWRITES = "_rewrites"  # inside a run's staging: stored files rewritten without replaced articles
# Tables keyed by article_id whose rows a re-extracted article replaces.
ARTICLE_TABLES = ("articles", "entities", "quotes", "topics", "keyphrases")
# Free space below which a run is refused before it starts (the pipeline needs room to stage).
MIN_FREE_BYTES = 16 * 1024 * 1024

# Crash tests only: ``NEWSBEAM_TEST_PAUSE_AT=<point>`` makes the process stop at that point of
# the commit (after creating the file named by ``NEWSBEAM_TEST_PAUSE_MARKER``) so the test can
# SIGKILL it exactly there. Points: commit-start (staged files checked, no journal yet),
# commit-journal (journal durable, nothing moved), commit-moves (after each file moved into a
# table), commit-replace (after each stored file replaced or deleted). Unset: one dict lookup.
PAUSE_AT_ENV = "NEWSBEAM_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "NEWSBEAM_TEST_PAUSE_MARKER"


class OutputError(RuntimeError):
    """The output directory cannot be used; the message names the path and what to do."""


def pause_point(name: str) -> None:
    """Stop here for an hour when a crash test asked for this point; otherwise do nothing."""
    if os.environ.get(PAUSE_AT_ENV) != name:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(str(os.getpid()))
    time.sleep(3600)


class OutputStore:
    def __init__(self, root: str):
        self.root = os.path.abspath(root)

    # -- where things are -------------------------------------------------------------
    def staging_dir(self, run_id: str) -> str:
        return os.path.join(self.root, STAGING, run_id)

    def table_files(self, table: str) -> list[str]:
        return sorted(glob.glob(os.path.join(self.root, table, "**", "*.parquet"), recursive=True))

    # -- before a run ------------------------------------------------------------------
    def prepare(self, min_free_bytes: int = MIN_FREE_BYTES) -> None:
        """Fail early, with one line naming the path, when the output cannot be written or is
        (nearly) full."""
        try:
            os.makedirs(self.root, exist_ok=True)
            probe = os.path.join(self.root, f".write-test-{os.getpid()}")
            try:
                with open(probe, "wb") as handle:
                    handle.write(b"x" * 65536)
                    handle.flush()
                    os.fsync(handle.fileno())
            finally:
                if os.path.exists(probe):
                    os.remove(probe)
            stats = os.statvfs(self.root)
        except OSError as exc:
            raise OutputError(f"cannot write to output directory {self.root}: {describe_os_error(exc)}") from None
        free = stats.f_bavail * stats.f_frsize
        if free < min_free_bytes:
            raise OutputError(f"output directory {self.root} is nearly full ({free // 1024:,} KiB free, "
                              f"a run needs at least {min_free_bytes // 1024:,} KiB): free some space")

    @contextmanager
    def lock(self):
        """Refuse a second run on the same output directory while one is running.

        ``flock`` is released by the kernel when the holder dies, so a killed run never
        leaves a lock that blocks the next one."""
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
        journal_dir = os.path.join(self.root, JOURNAL)
        for journal in sorted(glob.glob(os.path.join(journal_dir, "*.json"))):
            log.warning("finishing the commit of an interrupted run (%s)", os.path.basename(journal))
            with open(journal, encoding="utf-8") as handle:
                plan = json.load(handle)
            self._apply(plan)
            os.remove(journal)
        for unfinished in glob.glob(os.path.join(journal_dir, "*.tmp")):
            os.remove(unfinished)  # a journal never completed: its commit never started moving files
        staging_root = os.path.join(self.root, STAGING)
        if os.path.isdir(staging_root):
            for leftover in os.listdir(staging_root):
                log.warning("removing staging of a run that did not finish (%s)", leftover)
                shutil.rmtree(os.path.join(staging_root, leftover), ignore_errors=True)

    # -- after a successful pipeline ------------------------------------------------------
    def commit(self, run_id: str) -> dict[str, int]:
        """Move a run's staged files into place atomically, replacing the stored rows of any
        article the run extracted again; returns rows committed per table."""
        staging = self.staging_dir(run_id)
        moves, rows = self._staged_moves(run_id, staging)
        pause_point("commit-start")
        replacements = self._rewrite_replaced_articles(staging)
        journal_dir = os.path.join(self.root, JOURNAL)
        os.makedirs(journal_dir, exist_ok=True)
        journal = os.path.join(journal_dir, f"{run_id}.json")
        plan = {"run_id": run_id, "moves": moves, "replacements": replacements}
        _write_durably(journal, json.dumps(plan).encode())
        pause_point("commit-journal")
        self._apply(plan)
        os.remove(journal)
        shutil.rmtree(staging, ignore_errors=True)
        return rows

    def _staged_moves(self, run_id: str, staging: str) -> tuple[list[list[str]], dict[str, int]]:
        moves, rows = [], {table: 0 for table in TABLE_ORDER}
        for path in sorted(glob.glob(os.path.join(staging, "**", "*"), recursive=True)):
            relative = os.path.relpath(path, staging)
            if os.path.isdir(path) or "beam-temp" in relative or relative.startswith(REWRITES + os.sep):
                continue
            table = relative.split(os.sep, 1)[0]
            if path.endswith(".parquet"):
                count = pq.read_metadata(path).num_rows  # raises on a corrupt file: nothing is committed
                rows[table] = rows.get(table, 0) + count
                if count == 0 and self.table_files(table):
                    continue  # an empty file adds nothing once the table exists
                directory, name = os.path.split(relative)
                relative = os.path.join(directory, f"part-{run_id}-{name.removeprefix('part-')}")
            _fsync_file(path)  # durable before the journal points at it
            moves.append([path, os.path.join(self.root, relative)])
        return moves, rows

    def _rewrite_replaced_articles(self, staging: str) -> list[list[str | None]]:
        """Stored files holding articles this run extracted again, rewritten into staging without
        those articles' rows: ``[[rewritten copy or None (nothing left: delete), stored file]]``.

        Without ``--reprocess`` the run never stages a stored article (dedup drops them), so
        this finds nothing; the check still runs, so no commit can ever double an article."""
        staged = glob.glob(os.path.join(staging, "articles", "**", "*.parquet"), recursive=True)
        if not staged:
            return []
        staged_ids = pc.unique(pq.ParquetDataset(staged, partitioning=None).read(columns=["article_id"])
                               .column("article_id").combine_chunks())
        if len(staged_ids) == 0 or not self.table_files("articles"):
            return []
        replacements: list[list[str | None]] = []
        for table in ARTICLE_TABLES:
            for stored in self.table_files(table):
                ids = pq.read_table(stored, columns=["article_id"], partitioning=None).column("article_id")
                replaced = pc.is_in(ids, value_set=staged_ids)
                if not pc.any(replaced).as_py():
                    continue
                kept = pq.ParquetFile(stored).read().filter(pc.invert(replaced))
                if kept.num_rows == 0:
                    replacements.append([None, stored])
                    continue
                name = hashlib.sha256(stored.encode()).hexdigest()[:16] + ".parquet"
                rewritten = os.path.join(staging, REWRITES, table, name)
                os.makedirs(os.path.dirname(rewritten), exist_ok=True)
                pq.write_table(kept, rewritten, compression="zstd")  # keeps the file's schema and its version
                _fsync_file(rewritten)
                replacements.append([rewritten, stored])
        return replacements

    @staticmethod
    def _apply(plan: dict) -> None:
        """Apply a journal; every step is idempotent, so a crash anywhere can be rolled forward.

        New rows go in before old ones go out: a reader in between may see a reprocessed
        article twice for a moment, never lose it."""
        for source, target in plan["moves"]:
            if not os.path.exists(source):
                continue  # already moved before a crash
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)
            pause_point("commit-moves")
        for rewritten, stored in plan.get("replacements", []):
            if rewritten is None:
                if os.path.exists(stored):
                    os.remove(stored)
            elif os.path.exists(rewritten):
                os.replace(rewritten, stored)
            pause_point("commit-replace")

    def discard(self, run_id: str) -> None:
        shutil.rmtree(self.staging_dir(run_id), ignore_errors=True)

    def failure_of_output(self, exc: BaseException) -> OutputError | None:
        """The one-line error to show when a run failed because the output filled up or became
        read-only while it ran (Beam re-raises worker errors with their text, not always their errno)."""
        reason = None
        seen: BaseException | None = exc
        while seen is not None and reason is None:
            if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                reason = describe_os_error(seen)
            seen = seen.__cause__ or seen.__context__
        text = str(exc)
        if reason is None and ("No space left on device" in text or "Disk quota exceeded" in text):
            reason = "disk is full"
        if reason is None and "Read-only file system" in text:
            reason = "file system is read-only"
        if reason is None:
            return None
        return OutputError(f"cannot write to output directory {self.root}: {reason}; nothing of this run was "
                           "committed and earlier data is intact")


def describe_os_error(exc: OSError) -> str:
    """A short reason for a failed write: the disk being full is named as such."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk is full"
    if exc.errno == errno.EROFS:
        return "file system is read-only"
    return exc.strerror or str(exc)


def _fsync_file(path: str) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _write_durably(path: str, data: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    directory = os.open(os.path.dirname(path), os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
