"""One row per article: duplicates collapse within a run and against what the output already holds."""
from __future__ import annotations

import apache_beam as beam
from apache_beam.metrics import Metrics

DUPLICATES = "duplicates"


class DropSeen(beam.PTransform):
    """Articles keyed by ``article_id``; keeps one per id that the output does not hold yet.

    ``seen_ids`` is a PCollection of ids already in the output (read from its ``articles``
    table), so dedup scales with the archive instead of living in one process's memory.
    Which of several copies wins is deterministic (smallest input URI, then text), so reruns agree.
    With ``reprocess`` the ids already in the output are extracted again instead of dropped.
    Outputs: main = new articles, ``duplicates`` = (input_uri, article_id) of dropped copies.
    """

    def __init__(self, seen_ids, reprocess: bool = False):
        super().__init__()
        self.seen_ids = seen_ids
        self.reprocess = reprocess

    def expand(self, articles):
        keyed = articles | "KeyById" >> beam.Map(lambda a: (a["article_id"], a))
        seen = self.seen_ids | "KeySeen" >> beam.Map(lambda article_id: (article_id, True))
        result = (
            {"new": keyed, "seen": seen}
            | "GroupById" >> beam.CoGroupByKey()
            | "KeepFirst" >> beam.ParDo(_KeepFirstUnseen(self.reprocess)).with_outputs(DUPLICATES, main="articles")
        )
        return {"articles": result.articles, DUPLICATES: result[DUPLICATES]}


class _KeepFirstUnseen(beam.DoFn):
    def __init__(self, reprocess: bool):
        self.reprocess = reprocess
        self.duplicates = Metrics.counter("dedup", "duplicates")
        self.kept = Metrics.counter("dedup", "new_articles")

    def process(self, element):
        article_id, groups = element
        copies = sorted(groups["new"], key=lambda a: (a.get("input_uri") or "", a.get("text") or ""))
        if not copies:
            return
        already_stored = bool(list(groups["seen"]))
        keep = None if already_stored and not self.reprocess else copies[0]
        for copy in copies:
            if copy is keep:
                self.kept.inc()
                yield copy
            else:
                self.duplicates.inc()
                yield beam.pvalue.TaggedOutput(DUPLICATES, (copy.get("input_uri"), article_id))
