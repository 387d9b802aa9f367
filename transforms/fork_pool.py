"""Processes forked from the current one, for CPU-bound work inside a DoFn on a local run.

Why not Beam's own ``multi_processing`` mode: it starts each worker as a fresh interpreter that
imports Beam and loads the spaCy model again (2-3 s each), and it splits every stage's input
into equal counts of elements up front, so the worker with the longer articles finishes last
while the other core idles. Measured on 300 news articles and 2 cores, newsbeam reached 0.69x
the speed of a bare ``nlp.pipe(n_process=2)`` that way. Forked processes start in
milliseconds with every module already imported; started as a run begins, they load the model
(an ``initializer``) while this process reads the input, and each takes the next batch when it
is free, so the work spreads evenly.

On a distributed runner each worker is already one process per core: no pool there.
A pool process that dies (killed for memory, a crash in native code) breaks the pool: the
batch is retried once in a fresh pool, then given up to ``lost`` so the run goes on.
"""
from __future__ import annotations

import atexit
import collections
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Hashable, Iterator

import apache_beam as beam
from apache_beam.utils.windowed_value import WindowedValue

log = logging.getLogger(__name__)


class ForkPool:
    _shared: ForkPool | None = None

    def __init__(self, processes: int, key: Hashable = None, initializer: Callable | None = None,
                 initargs: tuple = ()):
        self.processes = processes
        self.key = key
        self.initializer, self.initargs = initializer, initargs
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0

    @classmethod
    def shared(cls, processes: int, key: Hashable = None, initializer: Callable | None = None,
               initargs: tuple = ()) -> ForkPool:
        """The process's pool, kept across pipelines (a chunked run builds one per chunk).
        ``key`` names what ``initializer(*initargs)`` loads in each process as it starts (None:
        anything will do); a pool started for something else is replaced."""
        current = cls._shared
        if current is None or current.processes != processes or (key is not None and current.key != key):
            if current is not None:
                current.shutdown()
            else:
                atexit.register(lambda: cls._shared and cls._shared.shutdown())
            cls._shared = cls(processes, key, initializer, initargs)
        return cls._shared

    def start(self) -> ForkPool:
        """Fork the processes now, so that they load what they need while this process does
        other work (any first call forks them all: the fork start method allows no other way)."""
        if self._executor is None:
            self.submit(int)
        return self

    def submit(self, fn: Callable, *args) -> Future:
        try:
            future = self._running().submit(fn, *args)
        except BrokenProcessPool:  # a process died since the last call: carry on in a fresh pool
            self.shutdown()
            future = self._running().submit(fn, *args)
        future.generation = self._generation  # which pool ran it (see result)
        return future

    def result(self, future: Future, fn: Callable, *args, lost: Callable[[BaseException], object]):
        """``future``'s result; if its process died, ``fn(*args)`` once more in a fresh pool,
        and if that dies too, ``lost(error)``."""
        try:
            return future.result()
        except BrokenProcessPool as exc:
            log.warning("a pool process died (%s); retrying its batch in a fresh pool", exc)
            self._replace_if_ran(future)
        retry = self.submit(fn, *args)
        try:
            return retry.result()
        except BrokenProcessPool as exc:
            log.error("a pool process died again on the same batch (%s); giving it up", exc)
            self._replace_if_ran(retry)
            return lost(exc)

    def _running(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # Forked, not spawned: a process starts in milliseconds with every module already imported.
            self._executor = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=self.initializer, initargs=self.initargs)
            self._generation += 1
        return self._executor

    def _replace_if_ran(self, future: Future) -> None:
        """Drop the broken pool that ran ``future``, unless a fresh one has replaced it already
        (whose queued work must not be cancelled)."""
        if getattr(future, "generation", None) == self._generation:
            self.shutdown()

    def shutdown(self, wait: bool = False) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None

    @classmethod
    def stop_shared(cls) -> None:
        """Stop the process's pool and wait for its processes to exit (before a fast exit)."""
        if cls._shared is not None:
            cls._shared.shutdown(wait=True)
            cls._shared = None


class InFlight:
    """Work a DoFn hands to a pool while its next elements arrive: at most ``limit`` calls in
    flight, results taken in the order they were submitted, each with the window and timestamp
    of the element it came from (results left at the end of a bundle are emitted from
    ``finish_bundle``, which needs them)."""

    def __init__(self, pool: ForkPool, limit: int):
        self.pool, self.limit = pool, limit
        self._queue: collections.deque = collections.deque()

    def submit(self, windowed: WindowedValue, fn: Callable, *args, lost: Callable) -> Iterator[tuple]:
        """Start ``fn(*args)``; yields (result, windowed) of the calls that must finish to make room."""
        self._queue.append((self.pool.submit(fn, *args), windowed, fn, args, lost))
        while len(self._queue) > self.limit:
            yield self._take()

    def drain(self) -> Iterator[tuple]:
        while self._queue:
            yield self._take()

    def _take(self) -> tuple:
        future, windowed, fn, args, lost = self._queue.popleft()
        return self.pool.result(future, fn, *args, lost=lost), windowed


def as_outputs(outputs: list[tuple[str, dict]], windowed: WindowedValue | None, main: str | None = None):
    """(table, row) pairs as a DoFn's outputs: ``main`` as the main output, the rest tagged; in
    ``windowed``'s window when given (a result taken later than its element was processed)."""
    for table, row in outputs:
        value = windowed.with_value(row) if windowed is not None else row
        yield value if table == main else beam.pvalue.TaggedOutput(table, value)


class PooledDoFn(beam.DoFn):
    """A DoFn whose work is a plain function returning (table, row) pairs, run in this process
    or, for local runs with ``processes`` > 1, in the shared ``ForkPool`` through an ``InFlight``
    window of ``in_flight_per_process`` calls per process."""

    main_output: str | None = None  # the table emitted as the main output; the rest are tagged
    in_flight_per_process = 2

    def __init__(self, processes: int = 1):
        self.processes = processes

    def pool(self) -> ForkPool:
        return ForkPool.shared(self.processes)

    def start_bundle(self):
        self.in_flight = InFlight(self.pool(), limit=self.in_flight_per_process * self.processes) \
            if self.processes > 1 else None

    def outputs_of(self, window, timestamp, fn: Callable, *args, lost: Callable, pooled: bool = True):
        """``fn(*args)``'s outputs: now, or (``pooled``, with a pool) as the pool returns them."""
        if self.in_flight is None or not pooled:
            yield from self._emit(fn(*args))
            return
        for outputs, windowed in self.in_flight.submit(WindowedValue(None, timestamp, [window]), fn, *args,
                                                       lost=lost):
            yield from self._emit(outputs, windowed)

    def finish_bundle(self):
        for outputs, windowed in self.in_flight.drain() if self.in_flight else ():
            yield from self._emit(outputs, windowed)

    def count(self, outputs: list[tuple[str, dict]]) -> None:
        """Update the DoFn's metrics from a call's outputs (they may come from another process)."""

    def _emit(self, outputs: list[tuple[str, dict]], windowed: WindowedValue | None = None):
        self.count(outputs)
        return as_outputs(outputs, windowed, main=self.main_output)
