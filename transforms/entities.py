"""Entities: one canonical row per person, organisation and place in an article.

Plain functions over a spaCy ``Doc`` so they can be tested without Beam. The quote
extractor reuses :func:`resolve_entities` so that ``quotes.speaker`` names the same
canonical entity as the ``entities`` table.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@dataclass
class Entity:
    name: str
    label: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return entity_key(self.name, self.label)

    @property
    def first_char(self) -> int:
        return min(m[0] for m in self.mentions)


def entity_key(name: str, label: str) -> str:
    """Normalised name plus label: case, accents and punctuation folded, for joins across articles."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^\w\s]", "", folded)
    return f"{label}:{' '.join(folded.split())}"


class EntityIndex:
    """The canonical entities of one article, and lookup of the entity a span refers to."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_offset = {(s, e): ent for ent in entities for s, e, _ in ent.mentions}

    def at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity with a mention overlapping [start_char, end_char), if any."""
        hit = self._by_offset.get((start_char, end_char))
        if hit:
            return hit
        for ent in self.entities:
            for s, e, _ in ent.mentions:
                if s < end_char and start_char < e:
                    return ent
        return None

    def for_span(self, span: Span) -> Entity | None:
        return self.at(span.start_char, span.end_char)


def _clean(span: Span) -> tuple[int, int, str] | None:
    tokens = [t for t in span if not t.is_punct and t.text.lower() not in {"'s", "’s", "the"}]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, end, span.doc.text[start:end]


def resolve_entities(doc: Doc) -> EntityIndex:
    """Group the doc's entity mentions into canonical entities."""
    groups: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        cleaned = _clean(ent)
        if cleaned is None:
            continue
        key = (cleaned[2], ent.label_)
        groups.setdefault(key, Entity(name=cleaned[2], label=ent.label_)).mentions.append(cleaned)
    return EntityIndex(sorted(groups.values(), key=lambda e: e.first_char))


def entity_rows(article_id: str, index: EntityIndex) -> list[dict]:
    return [
        {
            "article_id": article_id,
            "entity_key": ent.key,
            "name": ent.name,
            "label": ent.label,
            "mention_count": len(ent.mentions),
            "first_char": ent.first_char,
            "mentions": [{"start_char": s, "end_char": e, "text": t} for s, e, t in sorted(ent.mentions)],
        }
        for ent in index.entities
    ]
