"""Disk faults on real file systems (small tmpfs mounts; the tests run as root): an output that
cannot be written, is read-only, nearly full, or fills up while the run is going. Each run
fails with exit 2 and one line naming the output directory; what was stored before is intact."""
from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, query
from tests.test_crash import newsbeam, start_paused

ONE_ARTICLE = SAMPLES / "harbour-bridge.txt"


@pytest.fixture
def tmpfs(tmp_path):
    """``mount(size)`` -> a fresh tmpfs of that size, unmounted after the test."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        where = tmp_path / f"disk{len(mounted)}"
        where.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
        mounted.append(where)
        return where

    yield mount
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], check=False)


def one_line_error(result: subprocess.CompletedProcess, path: Path, reason: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("newsbeam run: ") and str(path) in last and reason in last, last


def stored(output: Path) -> list[tuple]:
    return sorted(query(output, "select article_id, run_id from articles"))


def fill(disk: Path, leave_bytes: int = 0) -> None:
    """Write a filler file until only ``leave_bytes`` (about) are free."""
    import os
    stats = os.statvfs(disk)
    target = max(0, stats.f_bavail * stats.f_frsize - leave_bytes)
    with open(disk / "filler", "wb") as handle:
        try:
            while target > 0:
                chunk = min(target, 1 << 20)
                handle.write(b"\0" * chunk)
                handle.flush()
                target -= chunk
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_an_output_path_that_cannot_be_a_directory_is_named(tmp_path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    one_line_error(newsbeam("run", "--input", str(ONE_ARTICLE), "--output", str(a_file / "out")),
                   a_file / "out", "Not a directory")
    one_line_error(newsbeam("run", "--input", str(ONE_ARTICLE), "--output", "/proc/newsbeam-out"),
                   Path("/proc/newsbeam-out"), "No such file or directory")


def test_a_read_only_or_nearly_full_output_is_refused_before_the_run_and_keeps_its_data(tmpfs):
    disk = tmpfs("64m")
    output = disk / "out"
    first = newsbeam("run", "--input", str(SAMPLES), "--output", str(output), "--workers", "1")
    assert first.returncode == 0, first.stderr[-2000:]
    before = stored(output)
    assert len(before) == len(list(SAMPLES.iterdir()))

    fill(disk, leave_bytes=4 << 20)
    one_line_error(newsbeam("run", "--input", str(ONE_ARTICLE), "--output", str(output)), output, "nearly full")
    assert stored(output) == before
    (disk / "filler").unlink()

    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    one_line_error(newsbeam("run", "--input", str(ONE_ARTICLE), "--output", str(output)), output, "read-only")
    assert stored(output) == before


def test_a_disk_that_fills_up_during_the_run_ends_it_with_one_line_and_keeps_earlier_data(tmpfs, tmp_path):
    disk = tmpfs("64m")
    output = disk / "out"
    day_one = newsbeam("run", "--input", str(ONE_ARTICLE), "--output", str(output), "--workers", "1")
    assert day_one.returncode == 0, day_one.stderr[-2000:]
    before = stored(output)

    child = start_paused("annotate", ["run", "--input", str(SAMPLES), "--output", str(output), "--workers", "1"],
                         tmp_path)
    fill(disk)  # the disk fills up while the run is extracting; it must fail when it writes
    (tmp_path / "resume-annotate").touch()
    stdout, stderr = child.communicate(timeout=300)
    one_line_error(subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr), output, "disk is full")
    (disk / "filler").unlink()
    assert stored(output) == before
    assert not any((output / "_staging").iterdir())  # the failed run's staging is gone, its space freed
