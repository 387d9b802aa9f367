"""One spaCy pass per article, turned into rows for every extraction table in the same worker.

The model is loaded once per worker process (``setup``), never pickled with the DoFn;
articles are parsed in batches with ``nlp.pipe``; no ``Doc`` leaves this module.
"""
from __future__ import annotations

import functools
import logging

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.records import ERRORS, error_record

log = logging.getLogger(__name__)

EXTRACTION_TABLES = ("entities", "quotes", "topics", "keyphrases")
DEFAULT_BATCH_SIZE = 32
# Parsing a batch holds the working arrays of all its tokens at once: batches of 32 news
# articles took ~430 MB above the loaded model, batches of 8 ~145 MB, at the same speed. So a
# batch is also bounded by length: at most this many characters (or one longer article).
BATCH_CHARS = 20_000
DEFAULT_LANGUAGE = "en"


def extract_rows(doc, article: dict) -> tuple[dict[str, list[dict]], dict[str, Exception]]:
    """Every extraction table's rows for one parsed article, and the extractions that failed.

    Each extraction is isolated: a failure in one (say topics) keeps the others' rows."""
    # spaCy and the extractions are imported where articles are parsed, in the workers: the
    # launcher only builds the graph, and importing spaCy there would cost every run ~0.6 s.
    from transforms.entities import EntityIndex, entity_rows, resolve_entities
    from transforms.keyphrases import extract_keyphrases, keyphrase_rows
    from transforms.quotes import extract_quotes, quote_rows
    from transforms.topics import classify, topic_rows

    article_id = article["article_id"]
    rows: dict[str, list[dict]] = {}
    failures: dict[str, Exception] = {}
    try:
        entities = resolve_entities(doc)
    except Exception as exc:  # noqa: BLE001
        failures["entities"] = exc
        entities = EntityIndex([])
    else:
        rows["entities"] = entity_rows(article_id, entities)
    extractions = {
        "quotes": lambda: quote_rows(article_id, extract_quotes(doc, entities)),
        "topics": lambda: topic_rows(article_id, classify(article.get("title") or "", doc.text)),
        "keyphrases": lambda: keyphrase_rows(article_id, extract_keyphrases(doc)),
    }
    for table, extract in extractions.items():
        try:
            rows[table] = extract()
        except Exception as exc:  # noqa: BLE001 - one failing extraction must not cost the others
            failures[table] = exc
    return rows, failures


class _AnnotateBatch(beam.DoFn):
    def __init__(self, models: dict[str, str | None]):
        # language -> spaCy model name (None = the default English model)
        self.models = models
        self.annotated = Metrics.counter("annotate", "articles")
        self.skipped = Metrics.counter("annotate", "skipped_language")
        self.failed = Metrics.counter("annotate", "errors")

    def setup(self):
        from transforms.nlp import load_nlp  # in the worker only (see extract_rows)

        self.nlps = {lang: load_nlp(name) for lang, name in self.models.items()}

    def process(self, batch: list[dict]):
        by_language: dict[str, list[dict]] = {}
        for article in batch:
            # Text too short to identify its language (a one-line feed summary) gets the default model.
            language = article.get("language") or DEFAULT_LANGUAGE
            if language in self.nlps:
                by_language.setdefault(language, []).append(article)
            else:
                self.skipped.inc()
                yield beam.pvalue.TaggedOutput("articles", {**article, "extracted": False})
        for language, articles in by_language.items():
            yield from self._annotate(self.nlps[language], articles)

    def _annotate(self, nlp, articles: list[dict]):
        try:
            docs = list(nlp.pipe(a["text"] for a in articles))
        except Exception:  # noqa: BLE001 - isolate the article that breaks the batch
            docs = [None] * len(articles)
        for article, doc in zip(articles, docs):
            source = article.get("input_uri") or "?"
            try:
                rows, failures = extract_rows(doc if doc is not None else nlp(article["text"]), article)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
                rows, failures = {}, {"parse": exc}
            for stage, exc in failures.items():
                self.failed.inc()
                log.warning("%s extraction failed for %s: %s", stage, article.get("url"), exc)
                yield beam.pvalue.TaggedOutput(ERRORS, error_record(source, "annotate", exc, item=article.get("url"),
                                                                    error_type=f"{stage}: {exc.__class__.__name__}"))
            if not failures:
                self.annotated.inc()
            yield beam.pvalue.TaggedOutput("articles", {**article, "extracted": not failures})
            for table, table_rows in rows.items():
                for row in table_rows:
                    yield beam.pvalue.TaggedOutput(table, row)


def batch_weight(article: dict, least: int) -> int:
    """An article's share of a batch: its length, but at least ``least`` (which caps the count)."""
    return max(len(article.get("text") or ""), least)


class Annotate(beam.PTransform):
    """Articles -> the same articles (``extracted`` set) plus entities, quotes, topics, keyphrases rows."""

    def __init__(self, models: dict[str, str | None] | None = None, batch_size: int = DEFAULT_BATCH_SIZE):
        super().__init__()
        self.models = models or {"en": None}
        self.batch_size = batch_size

    def expand(self, articles):
        outputs = (
            articles
            # Batches of at most BATCH_CHARS characters and batch_size articles; a fixed target (no
            # slow start from batches of one, no timing of each batch); a bundle's last batch is
            # flushed when the bundle ends.
            | "Batch" >> beam.BatchElements(
                min_batch_size=BATCH_CHARS, max_batch_size=BATCH_CHARS,
                element_size_fn=functools.partial(batch_weight, least=BATCH_CHARS // self.batch_size))
            | "Parse" >> beam.ParDo(_AnnotateBatch(self.models)).with_outputs("articles", ERRORS, *EXTRACTION_TABLES)
        )
        return {name: outputs[name] for name in ("articles", ERRORS, *EXTRACTION_TABLES)}
