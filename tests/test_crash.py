"""Crash and rerun: real ``newsbeam run`` processes killed with SIGKILL at seven points, from
reading to the middle of the commit; after each kill DuckDB must see only whole files and no
article twice, and the rerun must finish the day with every article exactly once.

How a run is stopped at a point: for the commit, ``pipeline/store.py`` has a tiny hook
(``NEWSBEAM_TEST_PAUSE_AT``); for the pipeline stages, the child process (``PAUSING_NEWSBEAM``
below) wraps one real function so that its n-th call waits (the function still runs for real).
The child writes a marker file when it has paused, then the test kills it.
"""
from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipeline.store import PAUSE_AT_ENV, PAUSE_MARKER_ENV, STAGING
from schemas import TABLE_ORDER
from tests.conftest import REPO, SAMPLES, query

PAUSING_NEWSBEAM = """
import os, sys, time
point, marker, resume = sys.argv[1:4]

def pause():
    with open(marker, "w") as handle:
        handle.write(str(os.getpid()))
    while not os.path.exists(resume):
        time.sleep(0.1)

def pause_on_call(owner, name, nth, after=False):
    original, calls = getattr(owner, name), [0]
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == nth and not after:
            pause()
        result = original(*args, **kwargs)
        if calls[0] == nth and after:
            pause()
        return result
    setattr(owner, name, wrapper)

if point == "read":            # parsing the second text file
    import transforms.files as files
    pause_on_call(files, "parse_txt", 2)
elif point == "annotate":      # extracting the second article
    import transforms.annotate as annotate
    pause_on_call(annotate, "extract_rows", 2)
elif point == "write":         # a Parquet file has a row group but no footer yet
    import pyarrow.parquet as pq
    pause_on_call(pq.ParquetWriter, "write_table", 1, after=True)
elif point == "finalize":      # Beam has renamed some staged files into place, not all
    from apache_beam.io.filesystems import FileSystems
    pause_on_call(FileSystems, "rename", 2, after=True)
from pipeline.cli import main
sys.exit(main(sys.argv[4:]))
"""
STAGE_POINTS = ("read", "annotate", "write", "finalize")
COMMIT_POINTS = ("commit-start", "commit-moves", "commit-journal", "commit-replace")  # hooks in pipeline/store.py

DAY_ARTICLES = {
    "ferry.txt": "Ferry timetable changes from Monday\n\nBy Dana Whitfield\n\n"
                 "The Westport ferry will run every forty minutes from Monday, Harbour Lines said on Thursday. "
                 "\"We have listened to commuters,\" said Priya Raman, head of operations at Harbour Lines. "
                 "The town council welcomed the change and said it would review parking near the terminal.",
    "library.txt": "Library extends evening opening\n\n"
                   "Northfield Library will stay open until nine on weekdays, the county council announced. "
                   "Librarian Tom Okoye said students had asked for quiet space in the evenings. "
                   "\"The building should be used when people need it,\" Okoye said.",
    "storm.txt": "Storm closes coastal road\n\nBy Lena Marsh\n\n"
                 "High winds closed the coast road between Eastgate and Westport overnight, police said. "
                 "Engineers from the highways agency will inspect the sea wall on Saturday, "
                 "according to agency spokesman Rui Costa.",
}


def day_input(root: Path) -> Path:
    day = root / "day"
    shutil.copytree(SAMPLES, day)
    for name, text in DAY_ARTICLES.items():
        (day / name).write_text(text)
    return day


def start_paused(point: str, args: list[str], workdir: Path, env: dict | None = None) -> subprocess.Popen:
    """Start ``newsbeam`` and return once it has paused at ``point`` (a stage or a commit hook)."""
    marker, resume = workdir / f"paused-{point}", workdir / f"resume-{point}"
    for path in (marker, resume):
        path.unlink(missing_ok=True)
    env = {**os.environ, PAUSE_MARKER_ENV: str(marker), **(env or {})}
    if point in COMMIT_POINTS:
        env[PAUSE_AT_ENV] = point
    child = subprocess.Popen([sys.executable, "-c", PAUSING_NEWSBEAM, point, str(marker), str(resume), *args],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"newsbeam ended (exit {child.returncode}) before pausing at {point}:\n"
                                 + child.stderr.read()[-3000:])
        assert time.monotonic() < deadline, f"newsbeam never reached {point}"
        time.sleep(0.1)
    return child


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL


def newsbeam(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300)


def assert_only_whole_files_are_visible(output: Path) -> None:
    """Every Parquet file readers can see reads completely, and no article appears twice."""
    con = duckdb.connect()
    for table in TABLE_ORDER:
        files = sorted(glob.glob(str(output / table / "**" / "*.parquet"), recursive=True))
        for path in files:
            pq.read_table(path)  # every page, not just the footer
        if files:
            con.execute(f"select count(*) from read_parquet('{output}/{table}/**/*.parquet', "
                        "hive_partitioning = true, union_by_name = true)").fetchone()
    assert query(output, "select article_id from articles group by 1 having count(*) > 1") == []


def extraction_rows(output: Path) -> dict[str, list]:
    tables = {"articles": "select article_id, url, title, authors, published_at, text, word_count, extracted "
                          "from articles",
              **{t: f"select * exclude (ingest_date) from {t}" for t in ("entities", "quotes", "topics", "keyphrases")}}
    return {table: sorted(query(output, sql), key=repr) for table, sql in tables.items()}


def test_a_run_killed_at_any_point_loses_and_doubles_nothing(tmp_path):
    day = day_input(tmp_path)
    output = tmp_path / "out"
    args = ["run", "--input", str(day), "--output", str(output), "--date", "2026-11-25", "--workers", "1"]

    for point in STAGE_POINTS + COMMIT_POINTS[:3]:
        child = start_paused(point, args, tmp_path)
        if point == "write":
            staged = glob.glob(str(output / STAGING / "**" / "*"), recursive=True)
            unreadable = [p for p in staged if os.path.isfile(p) and not _is_whole_parquet(p)]
            assert unreadable, "the write point should leave a Parquet file without its footer in staging"
        if point == "commit-start":
            # a second run on the same output while this one holds the lock is refused, not interleaved
            second = newsbeam(*args)
            assert second.returncode == 2
            assert f"output directory {output} is in use by another newsbeam run (pid {child.pid})" in second.stderr
            assert len(second.stderr.strip().splitlines()) == 1
        kill(child)
        assert_only_whole_files_are_visible(output)
        if point in STAGE_POINTS + ("commit-start",):  # before the journal nothing of the run is visible
            assert query(output, "select count(*) from articles") == [(0,)]

    final = newsbeam(*args)
    assert final.returncode == 0, final.stderr[-3000:]
    assert_only_whole_files_are_visible(output)
    assert not os.listdir(output / STAGING) and not os.listdir(output / "_journal")

    reference = tmp_path / "reference"
    clean = newsbeam("run", "--input", str(day), "--output", str(reference), "--date", "2026-11-25", "--workers", "1")
    assert clean.returncode == 0, clean.stderr[-3000:]
    expected = extraction_rows(reference)
    assert len(expected["articles"]) == len(DAY_ARTICLES) + len(list(SAMPLES.iterdir()))
    assert extraction_rows(output) == expected
    # committed: the run killed mid-move (finished by the next run), the run killed after its
    # journal (finished by the final run) and the final run; the runs killed earlier left nothing
    assert query(output, "select count(distinct run_id) from sources") == [(3,)]
    assert query(output, "select count(*) from sources where entries != articles + duplicates + errors") == [(0,)]


def _is_whole_parquet(path: str) -> bool:
    try:
        pq.read_table(path)
    except Exception:  # noqa: BLE001 - any failure to read means "not a whole file"
        return False
    return True


def test_a_killed_run_leaves_no_lock_behind(tmp_path):
    output = tmp_path / "out"
    args = ["run", "--input", str(SAMPLES / "harbour-bridge.txt"), "--output", str(output), "--workers", "1"]
    kill(start_paused("commit-start", args, tmp_path))
    assert (output / ".newsbeam.lock").exists()  # the file stays; the kernel dropped the lock with the process
    again = newsbeam(*args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert query(output, "select count(*) from articles") == [(1,)]


def test_a_reprocess_killed_while_replacing_rows_is_finished_by_the_next_run(tmp_path):
    day = tmp_path / "day"
    day.mkdir()
    for name in ("ferry.txt", "library.txt"):
        (day / name).write_text(DAY_ARTICLES[name])
    output = tmp_path / "out"
    args = ["run", "--input", str(day), "--output", str(output), "--date", "2026-11-25", "--workers", "1"]
    assert newsbeam(*args).returncode == 0
    fresh = extraction_rows(output)
    # the new rows are in, the first stored file is replaced, the others still hold the old rows
    kill(start_paused("commit-replace", [*args, "--reprocess"], tmp_path))
    assert_only_whole_files_are_visible(output)
    rerun = newsbeam(*args)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "0 new articles + 2 duplicates" in rerun.stdout
    assert extraction_rows(output) == fresh  # every row once: replaced, not doubled
