"""Streaming mode: keep polling the feeds, making each poll's new articles visible at once.

    newsbeam run --feed-list feeds.txt --output out --streaming --poll-interval 600 [--max-polls N]

Design choice: a *driver loop of bounded batch runs*, one per poll, each committed atomically
by the same code path as a daily run (``pipeline.run.run_batch``), rather than one unbounded
Beam pipeline fed by ``PeriodicImpulse``. On the local runner of Beam 2.77 file sinks
(``WriteToFiles``, ``WriteToParquet``) finalise their files only when the source stops, so the
rows of a never-ending pipeline would never become readable; and an atomic, all-tables commit
per poll is exactly what readers need. Each poll therefore:

- fetches every feed conditionally (ETag / Last-Modified / body hash, ``transforms.feeds``),
  so an unchanged feed costs one request and no work;
- hands on only entries not ingested before (the feed state remembers them, and the
  pipeline's dedup drops anything already in ``articles``), so each entry lands exactly once;
- commits rows and the new feed state together, or nothing at all.

Polls start on a fixed schedule anchored at the moment streaming started (``poll_interval``
seconds apart); a poll that runs longer than the interval is followed at once by the next.
Ctrl-C (SIGINT) or SIGTERM asks the loop to stop after the current poll, which still commits;
a second Ctrl-C abandons the current poll (its staging is discarded, earlier polls stay).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import signal
import sys
import threading
import time

from pipeline.options import RunConfig, new_run_id
from pipeline.store import OutputError
from transforms.feeds import expand_feed_sources

log = logging.getLogger(__name__)

MAX_FAILED_POLLS_IN_A_ROW = 3


class _StopRequests:
    """SIGINT/SIGTERM handling: the first asks for a clean stop, a second SIGINT interrupts."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.interrupted = False  # a second Ctrl-C came (Beam may re-raise it wrapped in another error)
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _StopRequests:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, frame) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            self.interrupted = True
            raise KeyboardInterrupt
        self.event.set()
        print("newsbeam: stopping after the current poll (Ctrl-C again to abandon it)", file=sys.stderr, flush=True)


def _poll_config(config: RunConfig, fixed_date: str | None) -> RunConfig:
    """The configuration of one poll: its own run id and start time, today's partition."""
    now = dt.datetime.now(dt.timezone.utc)
    return dataclasses.replace(config, started_at=now, run_id=new_run_id(now),
                               ingest_date=fixed_date or now.date().isoformat())


def run_streaming(config: RunConfig, beam_args: list[str], *, poll_interval: float,
                  max_polls: int | None = None) -> int:
    """Poll ``config.feeds`` every ``poll_interval`` seconds until stopped or ``max_polls`` polls;
    returns the exit status (0: stopped cleanly, 130: a second Ctrl-C abandoned a poll)."""
    from pipeline.run import run_batch

    if config.inputs:
        raise ValueError("--streaming polls feeds only; run the --input files in a separate batch run")
    if not config.feeds:
        raise ValueError("--streaming needs feeds: give --feed or --feed-list")
    if poll_interval <= 0:
        raise ValueError("--poll-interval must be a positive number of seconds")
    if max_polls is not None and max_polls < 1:
        raise ValueError("--max-polls must be at least 1")
    # Globs and directories are resolved once: a feed file deleted later is an error row, not a crash.
    config = dataclasses.replace(config, feeds=expand_feed_sources(config.feeds))
    # A date the user gave stays fixed; otherwise each poll writes into the current day's partition.
    fixed_date = config.ingest_date if config.ingest_date != config.started_at.date().isoformat() else None

    polls = failures = 0
    started = time.monotonic()  # the explicit start every poll time is counted from
    with _StopRequests() as stop:
        try:
            while not stop.event.is_set():
                poll = _poll_config(config, fixed_date)
                try:
                    summary = run_batch(poll, beam_args)
                except OutputError:
                    raise  # the output itself is unusable: polling again cannot help
                except Exception as exc:  # one bad poll (a bug, a full /tmp) must not end the stream
                    if stop.interrupted:
                        raise KeyboardInterrupt from exc
                    failures += 1
                    log.error("poll %d failed, nothing of it was committed: %s", polls + 1, exc, exc_info=True)
                    if failures >= MAX_FAILED_POLLS_IN_A_ROW:
                        raise RuntimeError(f"{failures} polls in a row failed; last error: {exc}") from exc
                else:
                    failures = 0
                    for line in summary.lines():
                        print(f"poll {polls + 1}: {line}", flush=True)
                polls += 1
                if max_polls is not None and polls >= max_polls:
                    break
                stop.event.wait(max(0.0, started + polls * poll_interval - time.monotonic()))
        except KeyboardInterrupt:
            print(f"newsbeam: abandoned the poll in progress; {polls} earlier poll(s) are committed",
                  file=sys.stderr)
            return 130
    print(f"newsbeam: streaming stopped after {polls} poll(s)", flush=True)
    return 0
