"""Topics: each article placed in the 17 top-level IPTC Media Topics (CC BY 4.0, iptc.org).

Per-article and deterministic: the same text always gets the same topics, whether it
arrives in a batch or a streaming run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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

# First-version lexicon; replaced by the calibrated classifier.
_LEXICON = {
    "04000000": "economy market trade tariff business company bank shares profit price inflation deal",
    "11000000": "government minister election party president parliament policy vote prime ambassador",
    "15000000": "match team game season player coach league championship cup win",
    "13000000": "technology software computer internet research science digital phone",
    "01000000": "film music show actor album award festival art book",
}


@dataclass
class TopicScore:
    code: str
    name: str
    score: float


def classify(title: str, text: str) -> list[TopicScore]:
    words = re.findall(r"[a-z]+", f"{title} {text}".lower())
    counts = {code: sum(words.count(w) for w in lex.split()) for code, lex in _LEXICON.items()}
    total = sum(counts.values()) or 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [TopicScore(code, IPTC_TOPICS[code], count / total) for code, count in ranked[:1]]


def topic_rows(article_id: str, topics: list[TopicScore]) -> list[dict]:
    return [
        {"article_id": article_id, "topic": t.name, "topic_code": f"medtop:{t.code}", "score": t.score, "rank": i + 1}
        for i, t in enumerate(topics)
    ]
