"""Keyphrases: the phrases that best describe an article, from its noun chunks and entities."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc


def extract_keyphrases(doc: Doc, limit: int = 10) -> list[tuple[str, float]]:
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        counts[ent.text.strip()] += 2
    total = sum(counts.values()) or 1
    return [(phrase, n / total) for phrase, n in counts.most_common(limit)]


def keyphrase_rows(article_id: str, phrases: list[tuple[str, float]]) -> list[dict]:
    return [{"article_id": article_id, "phrase": p, "score": s, "rank": i + 1} for i, (p, s) in enumerate(phrases)]
