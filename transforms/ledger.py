"""The ``sources`` table: one row per input source, accounting for every item it yielded.

For each source: entries = articles + duplicates + errors (items that became no article).
Readers report entries and a status; the later stages' outputs are counted back per source.
"""
from __future__ import annotations

import datetime as dt

import apache_beam as beam

# Extraction failures keep their article (marked not extracted), so they are not lost items.
ITEM_LOSING_STAGES_EXCLUDE = {"annotate"}


def _event(**counts) -> dict:
    return {"kind": None, "entries": 0, "articles": 0, "duplicates": 0, "errors": 0, "skipped": 0,
            "status": None, "error": None, **counts}


class _MergeEvents(beam.CombineFn):
    def create_accumulator(self):
        return _event()

    def add_input(self, acc, event):
        for key in ("entries", "articles", "duplicates", "errors", "skipped"):
            acc[key] += event.get(key) or 0
        for key in ("kind", "status", "error"):
            if event.get(key) and not acc[key]:
                acc[key] = event[key]
        return acc

    def merge_accumulators(self, accumulators):
        merged = self.create_accumulator()
        for acc in accumulators:
            self.add_input(merged, acc)
        return merged

    def extract_output(self, acc):
        return acc


def source_row(source: str, acc: dict, fetched_at: dt.datetime, run_id: str) -> dict:
    status = acc["status"]
    error = acc["error"]
    if status is None:
        if error and acc["articles"] + acc["duplicates"] == 0:
            status = "error"
        elif acc["entries"] == 0:
            status = "empty"
        else:
            status = "ok"
    if status == "ok" and acc["errors"] and not error:
        error = f"{acc['errors']} of {acc['entries']} items failed; see the errors table"
    return {"source": source, "kind": acc["kind"] or "file", "status": status, "entries": acc["entries"],
            "articles": acc["articles"], "duplicates": acc["duplicates"], "errors": acc["errors"],
            "skipped": acc["skipped"], "error": error, "fetched_at": fetched_at, "run_id": run_id}


class SourceLedger(beam.PTransform):
    """Source events, final articles, duplicates and errors -> ``sources`` rows."""

    def __init__(self, fetched_at: dt.datetime, run_id: str):
        super().__init__()
        self.fetched_at, self.run_id = fetched_at, run_id

    def expand(self, inputs):
        events, articles, duplicates, errors = inputs
        counted = (
            events | "FromReaders" >> beam.MapTuple(lambda source, event: (source, _event(**event))),
            articles | "CountArticles" >> beam.Map(lambda a: (a.get("input_uri") or "?", _event(articles=1))),
            duplicates | "CountDuplicates" >> beam.MapTuple(lambda source, _id: (source or "?", _event(duplicates=1))),
            errors
            | "ItemErrors" >> beam.Filter(lambda e: e.get("stage") not in ITEM_LOSING_STAGES_EXCLUDE)
            | "CountErrors" >> beam.Map(lambda e: (e.get("source") or "?", _event(errors=1))),
        )
        fetched_at, run_id = self.fetched_at, self.run_id
        return (
            counted
            | "AllEvents" >> beam.Flatten()
            | "PerSource" >> beam.CombinePerKey(_MergeEvents())
            | "Row" >> beam.MapTuple(lambda source, acc: source_row(source, acc, fetched_at, run_id))
        )
