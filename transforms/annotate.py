"""One spaCy pass per article, turned into rows for every extraction table in the same worker.

The model is loaded once per worker process (``setup``), never pickled with the DoFn;
articles are parsed in batches with ``nlp.pipe``; no ``Doc`` leaves this module.
"""
from __future__ import annotations

import functools
import logging

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.fork_pool import ForkPool, PooledDoFn
from transforms.language import detect_language
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


def annotate_articles(nlp, articles: list[dict]) -> list[tuple[str, dict]]:
    """Parse one batch and return every output as (table, row): each article (``extracted``
    set), its extraction rows, and an ``errors`` row for each extraction that failed.

    Plain data in, plain data out, so it runs the same in the DoFn and in a pool process."""
    try:
        docs = list(nlp.pipe(a["text"] for a in articles))
    except Exception:  # noqa: BLE001 - isolate the article that breaks the batch
        docs = [None] * len(articles)
    outputs: list[tuple[str, dict]] = []
    for article, doc in zip(articles, docs):
        source = article.get("input_uri") or "?"
        try:
            rows, failures = extract_rows(doc if doc is not None else nlp(article["text"]), article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            rows, failures = {}, {"parse": exc}
        for stage, exc in failures.items():
            log.warning("%s extraction failed for %s: %s", stage, article.get("url"), exc)
            outputs.append((ERRORS, error_record(source, "annotate", exc, item=article.get("url"),
                                                 error_type=f"{stage}: {exc.__class__.__name__}")))
        outputs.append(("articles", {**article, "extracted": not failures}))
        outputs.extend((table, row) for table, table_rows in rows.items() for row in table_rows)
    return outputs


def lost_batch(articles: list[dict], exc: BaseException) -> list[tuple[str, dict]]:
    """The outputs of a batch whose annotation process died twice (killed for memory, a crash in
    native code): the articles are kept unextracted, each with an ``errors`` row saying so."""
    outputs: list[tuple[str, dict]] = []
    for article in articles:
        message = RuntimeError(f"the annotation process died while parsing this batch ({exc}); "
                               "the article is kept without extraction: rerun with --reprocess, "
                               "or with --max-article-chars lower if it is very long")
        outputs.append((ERRORS, error_record(article.get("input_uri") or "?", "annotate", message,
                                             item=article.get("url"), error_type="parse: process died")))
        outputs.append(("articles", {**_with_language(article), "extracted": False}))
    return outputs


def _with_language(article: dict) -> dict:
    """The article with its language: the one its source declared, else the one detected (None
    when the text is too short or too mixed to tell). Detected here, where articles are parsed,
    so a pool's processes do it, not the launcher."""
    return {**article, "language": article.get("language") or detect_language(article["text"])}


# The models loaded in this process by ``_load_models``: by the DoFn itself, or by each pool
# process as it starts.
_LOADED_MODELS: dict = {}


def _load_models(models: dict[str, str | None]) -> None:
    """Everything annotation needs, loaded up front: a pool process loads it as it starts (in
    parallel with the launcher reading and normalising the input) rather than by its first batch."""
    from transforms.nlp import load_nlp  # where articles are parsed only (see extract_rows)
    from transforms.topics import load_embedder, load_model

    _LOADED_MODELS.update({lang: load_nlp(name) for lang, name in models.items()})
    load_model()
    load_embedder()


def annotation_pool(models: dict[str, str | None], processes: int) -> ForkPool:
    """The local parse pool, started: called before a local run's pipeline starts, so the
    processes load the models while the first stages run; the DoFn then finds it ready."""
    return ForkPool.shared(processes, key=("annotate", *sorted(models.items(), key=str)),
                           initializer=_load_models, initargs=(models,)).start()


def annotate_batch(models: dict, articles: list[dict]) -> list[tuple[str, dict]]:
    """``annotate_articles`` for a batch of any languages: each article goes to the model of its
    language (``_with_language``); one without a model is kept unextracted. Text too short to
    identify its language (a one-line feed summary) gets the default model."""
    outputs: list[tuple[str, dict]] = []
    by_language: dict[str, list[dict]] = {}
    for article in map(_with_language, articles):
        language = article["language"] or DEFAULT_LANGUAGE
        if language in models:
            by_language.setdefault(language, []).append(article)
        else:
            outputs.append(("articles", {**article, "extracted": False}))
    for language, group in by_language.items():
        outputs.extend(annotate_articles(models[language], group))
    return outputs


def _annotate_with_loaded_models(articles: list[dict]) -> list[tuple[str, dict]]:
    return annotate_batch(_LOADED_MODELS, articles)


class _AnnotateBatch(PooledDoFn):
    """Annotates batches of articles in this process or, for local runs with ``processes`` > 1,
    in a pool of processes forked from this one (see ``transforms.fork_pool``).

    Batches sent to the pool are in flight while the next ones arrive (at most two per process);
    their outputs are emitted as they come back, the rest when the bundle ends. With a pool,
    this process never loads a model."""

    def __init__(self, models: dict[str, str | None], processes: int = 1):
        super().__init__(processes)
        # language -> spaCy model name (None = the default English model)
        self.models = models
        self.annotated = Metrics.counter("annotate", "articles")
        self.not_extracted = Metrics.counter("annotate", "not_extracted")  # no model, or extraction failed
        self.failed = Metrics.counter("annotate", "errors")

    def setup(self):
        if self.processes > 1:
            self.pool()  # started by the launcher already, or now
        else:
            _load_models(self.models)

    def pool(self) -> ForkPool:
        return annotation_pool(self.models, self.processes)

    def process(self, batch: list[dict], window=beam.DoFn.WindowParam, timestamp=beam.DoFn.TimestampParam):
        yield from self.outputs_of(window, timestamp, _annotate_with_loaded_models, batch,
                                   lost=functools.partial(lost_batch, batch))

    def count(self, outputs: list[tuple[str, dict]]) -> None:
        for table, row in outputs:
            if table == ERRORS:
                self.failed.inc()
            elif table == "articles" and row["extracted"]:
                self.annotated.inc()
            elif table == "articles":
                self.not_extracted.inc()


def batch_weight(article: dict, least: int) -> int:
    """An article's share of a batch: its length, but at least ``least`` (which caps the count)."""
    return max(len(article.get("text") or ""), least)


class Annotate(beam.PTransform):
    """Articles -> the same articles (``extracted`` set) plus entities, quotes, topics, keyphrases rows."""

    def __init__(self, models: dict[str, str | None] | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
                 processes: int = 1):
        super().__init__()
        self.models = models or {"en": None}
        self.batch_size = batch_size
        self.processes = processes

    def expand(self, articles):
        outputs = (
            articles
            # Batches of at most BATCH_CHARS characters and batch_size articles; a fixed target (no
            # slow start from batches of one, no timing of each batch); a bundle's last batch is
            # flushed when the bundle ends.
            | "Batch" >> beam.BatchElements(
                min_batch_size=BATCH_CHARS, max_batch_size=BATCH_CHARS,
                element_size_fn=functools.partial(batch_weight, least=BATCH_CHARS // self.batch_size))
            | "Parse" >> beam.ParDo(_AnnotateBatch(self.models, self.processes)).with_outputs("articles", ERRORS, *EXTRACTION_TABLES)
        )
        return {name: outputs[name] for name in ("articles", ERRORS, *EXTRACTION_TABLES)}
