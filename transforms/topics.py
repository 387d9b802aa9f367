"""Topics: each article placed in the 17 top-level IPTC Media Topics (CC BY 4.0, iptc.org).

Per-article and deterministic: the same title and text always get the same topics, whether
the article arrives in a batch or a streaming run; nothing is fitted over the batch and
nothing is downloaded at run time.

The classifier is a product of two small linear models, both trained by
``tools/build_topic_model.py`` on a hand-written seed corpus (``data/topics/seed_corpus``)
and stored as plain arrays in ``data/topics/model.npz``:

* a logistic regression over the article's WordLlama embedding (static token embeddings
  shipped inside the ``wordllama`` wheel, average-pooled), which generalises beyond the
  words of the seed corpus;
* a logistic regression over TF-IDF word features of the seed corpus vocabulary, which
  picks up the many topical words of a long article.

Their log-probabilities are added and divided by a temperature fitted on out-of-fold
predictions of the seed corpus, so ``score`` is a calibrated probability that the topic is
the article's main subject. Rank 1 is always given (a weak one shows as a low score);
ranks 2 and 3 only when their probability reaches ``SECONDARY_THRESHOLD``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

IPTC_TOPICS = {
    "01000000": "arts, culture, entertainment and media",
    "02000000": "crime, law and justice",
    "03000000": "disaster, accident and emergency incident",
    "04000000": "economy, business and finance",
    "05000000": "education",
    "06000000": "environment",
    "07000000": "health",
    "08000000": "human interest",
    "09000000": "labour",
    "10000000": "lifestyle and leisure",
    "11000000": "politics",
    "12000000": "religion",
    "13000000": "science and technology",
    "14000000": "society",
    "15000000": "sport",
    "16000000": "conflict, war and peace",
    "17000000": "weather",
}

TOPIC_DATA_DIR = Path(__file__).parent / "data" / "topics"
MODEL_PATH = TOPIC_DATA_DIR / "model.npz"
MAX_TOPICS = 3

_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")


@dataclass
class TopicScore:
    code: str
    name: str
    score: float


def article_text(title: str, text: str) -> str:
    """What the classifier reads: the headline, then the body."""
    return f"{title or ''}\n{text or ''}".strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens for the TF-IDF features (the same at build and run time)."""
    return _WORD.findall(text.lower())


@functools.lru_cache(maxsize=1)
def load_embedder():
    """WordLlama's 256-d static embeddings from inside its wheel, never from the network.

    wordllama 0.4's loader looks for the bundled tokenizer under ``tokenizer/`` while the
    wheel ships it under ``tokenizers/``; passing the package folder as ``cache_dir`` makes
    its cache lookup find the bundled file, and ``disable_download`` guarantees no fetch.
    """
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised average-pooled embeddings, one row per text (zeros for an empty text;
    normalised here because wordllama's own ``norm=True`` divides by zero on one)."""
    vectors = np.asarray(load_embedder().embed(texts, norm=False), dtype=np.float32).reshape(len(texts), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def tfidf(texts: list[str], vocabulary: dict[str, int], idf: np.ndarray) -> np.ndarray:
    """Sublinear-tf TF-IDF rows over a fixed vocabulary, L2-normalised."""
    out = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        counts: dict[int, int] = {}
        for word in words(text):
            column = vocabulary.get(word)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        for column, n in counts.items():
            out[row, column] = (1.0 + np.log(n)) * idf[column]
        norm = np.linalg.norm(out[row])
        if norm > 0:
            out[row] /= norm
    return out


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class TopicModel:
    codes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    embedding_coef: np.ndarray
    embedding_intercept: np.ndarray
    words_coef: np.ndarray
    words_intercept: np.ndarray
    temperature: float
    secondary_threshold: float

    def combined_logits(self, texts: list[str]) -> np.ndarray:
        """Sum of the two models' log-probabilities, before calibration."""
        by_embedding = log_softmax(embed(texts) @ self.embedding_coef.T + self.embedding_intercept)
        by_words = log_softmax(tfidf(texts, self.vocabulary, self.idf) @ self.words_coef.T + self.words_intercept)
        return by_embedding + by_words

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return np.exp(log_softmax(self.combined_logits(texts) / self.temperature))

    def save(self, path: Path) -> None:
        words_by_column = sorted(self.vocabulary, key=self.vocabulary.get)
        np.savez_compressed(
            path, codes=np.array(self.codes), words=np.array(words_by_column), idf=self.idf,
            embedding_coef=self.embedding_coef, embedding_intercept=self.embedding_intercept,
            words_coef=self.words_coef, words_intercept=self.words_intercept,
            temperature=np.float32(self.temperature), secondary_threshold=np.float32(self.secondary_threshold),
        )

    @classmethod
    def load(cls, path: Path) -> "TopicModel":
        with np.load(path) as z:
            return cls(
                codes=tuple(str(c) for c in z["codes"]),
                vocabulary={str(w): i for i, w in enumerate(z["words"])},
                idf=z["idf"].astype(np.float32),
                embedding_coef=z["embedding_coef"].astype(np.float32),
                embedding_intercept=z["embedding_intercept"].astype(np.float32),
                words_coef=z["words_coef"].astype(np.float32),
                words_intercept=z["words_intercept"].astype(np.float32),
                temperature=float(z["temperature"]),
                secondary_threshold=float(z["secondary_threshold"]),
            )


@functools.lru_cache(maxsize=1)
def load_model() -> TopicModel:
    """The shipped model, loaded once per process."""
    return TopicModel.load(MODEL_PATH)


def classify(title: str, text: str, doc=None) -> list[TopicScore]:
    """Rank-1 topic always, ranks 2-3 when their calibrated probability clears the threshold.

    ``doc`` (the article's spaCy Doc) is accepted so callers can pass what they parsed; the
    classifier reads the raw title and text, so the result never depends on whether it was given.
    """
    model = load_model()
    probs = model.probabilities([article_text(title, text)])[0]
    order = sorted(range(len(model.codes)), key=lambda i: (-probs[i], model.codes[i]))
    chosen = [order[0]] + [i for i in order[1:MAX_TOPICS] if probs[i] >= model.secondary_threshold]
    return [TopicScore(model.codes[i], IPTC_TOPICS[model.codes[i]], round(float(probs[i]), 4)) for i in chosen]


def topic_rows(article_id: str, topics: list[TopicScore]) -> list[dict]:
    """Rows for the ``topics`` table (schemas.TABLES['topics'])."""
    return [
        {"article_id": article_id, "topic": t.name, "topic_code": f"medtop:{t.code}", "score": t.score, "rank": i + 1}
        for i, t in enumerate(topics)
    ]
