"""Quotes: who said what, as plain functions over a spaCy ``Doc``.

Speakers are resolved through the article's canonical entities (see ``entities.py``) so
``speaker`` matches ``entities.name``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from transforms.entities import EntityIndex

REPORTING_LEMMAS = {"say", "tell", "add", "note", "argue", "insist", "warn", "claim", "explain", "write",
                    "state", "announce", "confirm", "deny", "suggest", "acknowledge", "ask", "reply",
                    "respond", "declare", "recall", "report", "contend", "maintain", "predict", "promise",
                    "admit", "stress", "emphasize", "comment", "tweet", "post", "urge"}

QUOTE_PAIRS = re.compile(r'“([^“”]+)”|"([^"\n]+)"')


@dataclass
class Quote:
    text: str
    start_char: int
    end_char: int
    type: str
    speaker: str | None
    speaker_mention: str | None
    speaker_key: str | None
    cue: str | None


def _attribution(sent: Span) -> tuple[Span | None, str | None]:
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS:
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child.doc[child.left_edge.i: child.i + 1], tok.text
            return None, tok.text
    return None, None


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    quotes = []
    for match in QUOTE_PAIRS.finditer(doc.text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        inner = doc.text[start:end]
        lstrip = len(inner) - len(inner.lstrip())
        rstrip = len(inner) - len(inner.rstrip())
        start, end = start + lstrip, end - rstrip
        if end <= start:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        subject, cue = _attribution(span.sent) if span is not None else (None, None)
        entity = entities.for_span(subject) if subject is not None else None
        quotes.append(Quote(
            text=doc.text[start:end], start_char=start, end_char=end, type="direct",
            speaker=entity.name if entity else None,
            speaker_mention=subject.text if subject is not None else None,
            speaker_key=entity.key if entity else None, cue=cue,
        ))
    return quotes


def quote_rows(article_id: str, quotes: list[Quote]) -> list[dict]:
    return [
        {"article_id": article_id, "quote_index": i, "text": q.text, "start_char": q.start_char,
         "end_char": q.end_char, "type": q.type, "speaker": q.speaker, "speaker_mention": q.speaker_mention,
         "speaker_key": q.speaker_key, "cue": q.cue}
        for i, q in enumerate(quotes)
    ]
