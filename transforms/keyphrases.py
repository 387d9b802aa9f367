"""Keyphrases: the phrases that best describe an article, from the spaCy Doc already parsed.

PositionRank, a TextRank variant suited to news (Florescu & Caragea, 2017): content words
(nouns, proper nouns, adjectives, by lemma) are nodes of a graph linking words that occur
near each other in a sentence; PageRank over it, biased towards words that appear early,
scores each word. Candidate phrases are the article's named entities and noun chunks
(stripped of determiners, pronouns and numbers); a phrase scores the sum of its words'
scores. Phrases whose words all sit inside a better-ranked phrase ("Carney" after "Prime
Minister Mark Carney") are dropped so the list is not repetitive.

textacy's textrank gives similar lists but took ~100 ms an article here (networkx PageRank
and string normalisation) and 1 s to import; this one takes a few milliseconds.
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Span, Token

CONTENT_POS = {"NOUN", "PROPN", "ADJ"}
# Entity types that name no subject of their own (dates, amounts, ordinals...).
SKIPPED_ENTITY_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
WINDOW = 3  # content words this close in a sentence are linked
DAMPING = 0.85
MAX_PHRASE_TOKENS = 6


def _is_content(token: Token) -> bool:
    return token.pos_ in CONTENT_POS and not token.is_stop and any(c.isalpha() for c in token.text)


def _content_flags(doc: Doc) -> list[bool]:
    """``_is_content`` of every token, by index: each step asks it of the same tokens again."""
    return [_is_content(t) for t in doc]


def _node(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _word_scores(doc: Doc, content: list[bool]) -> dict[str, float]:
    """PageRank over the co-occurrence graph of content words, biased to early positions."""
    index: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    position_weight: list[float] = []
    position = 0
    for sent in doc.sents:
        window: list[int] = []
        for token in sent:
            if not content[token.i]:
                continue
            position += 1
            node = index.setdefault(_node(token), len(index))
            if node == len(position_weight):
                position_weight.append(0.0)
            position_weight[node] += 1.0 / position
            edges.extend((node, other) for other in window if other != node)
            window = (window + [node])[-(WINDOW - 1):]
    if not index:
        return {}
    n = len(index)
    weights = np.zeros((n, n))
    for a, b in edges:
        weights[a, b] += 1.0
        weights[b, a] += 1.0
    out_degree = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, out_degree, out=np.zeros_like(weights), where=out_degree > 0)
    bias = np.array(position_weight) / sum(position_weight)
    dangling = out_degree[:, 0] == 0  # words linked to nothing pass their score on by the bias
    scores = bias.copy()
    for _ in range(100):
        updated = (1 - DAMPING) * bias + DAMPING * (transition.T @ scores + bias * scores[dangling].sum())
        if np.abs(updated - scores).sum() < 1e-8:
            break
        scores = updated
    return {word: float(scores[i]) for word, i in index.items()}


def _trimmed(span: Span, content: list[bool]) -> Span | None:
    """The span without leading/trailing determiners, pronouns, numbers and punctuation."""
    start, end = span.start, span.end
    while start < end and not content[start] and span.doc[start].pos_ != "PROPN":
        start += 1
    while end > start and not content[end - 1] and span.doc[end - 1].pos_ != "PROPN":
        end -= 1
    if start == end or end - start > MAX_PHRASE_TOKENS:
        return None
    return span.doc[start:end]


def _pieces(span: Span) -> list[Span]:
    """Split a span at conjunctions and punctuation, and where one entity directly follows
    another ("Canada Pete Hoekstra" from "the ambassador to Canada Pete Hoekstra")."""
    pieces, start = [], span.start
    for token in span:
        breaks_before = token.i > start and token.ent_iob_ == "B" and span.doc[token.i - 1].ent_iob_ in ("B", "I")
        if token.pos_ in ("CCONJ", "PUNCT") and token.text != "-":
            pieces.append(span.doc[start:token.i])
            start = token.i + 1
        elif breaks_before:
            pieces.append(span.doc[start:token.i])
            start = token.i
    pieces.append(span.doc[start:span.end])
    return [p for p in pieces if len(p)]


def _candidates(doc: Doc, content: list[bool]) -> dict[str, Span]:
    """Entities first, then noun chunks; keyed by lower-cased text, first occurrence kept."""
    spans = [e for e in doc.ents if e.label_ not in SKIPPED_ENTITY_LABELS] + list(doc.noun_chunks)
    found: dict[str, Span] = {}
    for span in spans:
        for piece in _pieces(span):
            trimmed = _trimmed(piece, content)
            if trimmed is not None and any(content[trimmed.start:trimmed.end]):
                found.setdefault(" ".join(trimmed.text.lower().split()), trimmed)
    return found


def _words(phrase: str) -> frozenset[str]:
    return frozenset(phrase.lower().split())


def extract_keyphrases(doc: Doc, limit: int = 10) -> list[tuple[str, float]]:
    """Up to ``limit`` (phrase, score) pairs, best first; score is relative to the best (1.0)."""
    content = _content_flags(doc)
    word_scores = _word_scores(doc, content)
    if limit <= 0 or not word_scores:
        return []
    scored = []
    for key, span in _candidates(doc, content).items():
        score = sum(word_scores.get(_node(t), 0.0) for t in span if content[t.i])
        if score > 0:
            scored.append((score, key, " ".join(span.text.split())))
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen: list[tuple[str, float]] = []
    for score, _, phrase in scored:
        if any(_words(phrase) <= _words(kept) for kept, _ in chosen):
            continue
        chosen.append((phrase, score))
        if len(chosen) == limit:
            break
    best = chosen[0][1]
    return [(phrase, round(score / best, 4)) for phrase, score in chosen]


def keyphrase_rows(article_id: str, phrases: list[tuple[str, float]]) -> list[dict]:
    """Rows for the ``keyphrases`` table (schemas.TABLES['keyphrases'])."""
    return [{"article_id": article_id, "phrase": p, "score": s, "rank": i + 1} for i, (p, s) in enumerate(phrases)]
