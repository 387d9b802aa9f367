"""Keyphrases over real spaCy parses of texts written for these tests."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from schemas.tables import TABLES
from transforms.keyphrases import extract_keyphrases, keyphrase_rows
from transforms.nlp import load_nlp

SAMPLE = Path("/work/shared/eval/dev/000_43f969c399f78b23.txt")
if not SAMPLE.exists():
    SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "000_43f969c399f78b23.txt"

WIND_FARM = """Offshore wind farm approved despite fishing fears

The government has approved the Northern Banks offshore wind farm, which will have 120 turbines
about 30 kilometres off the coast. The wind farm is expected to power a million homes.

Fishing groups said the turbines would close traditional fishing grounds. The Northern Fishermen's
Association said its members had not been consulted about the wind farm's cable route.

Energy minister Clara Holt said offshore wind was now the cheapest source of new electricity and
the wind farm would create 800 jobs during construction. Construction starts next spring.
"""


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_central_subject_ranks_first_and_list_is_sized(nlp):
    phrases = extract_keyphrases(nlp(WIND_FARM))
    texts = [p.lower() for p, _ in phrases]
    assert 5 <= len(phrases) <= 10
    assert "wind farm" in texts[0]
    assert any("clara holt" in t for t in texts)
    assert any("fishing" in t for t in texts)


def test_scores_descend_from_one_and_no_phrase_repeats_a_better_one(nlp):
    phrases = extract_keyphrases(nlp(WIND_FARM))
    scores = [s for _, s in phrases]
    assert scores[0] == 1.0 and scores == sorted(scores, reverse=True) and scores[-1] > 0
    words = [set(p.lower().split()) for p, _ in phrases]
    for i, later in enumerate(words):
        assert not any(later <= earlier for earlier in words[:i])


def test_phrases_are_noun_phrases_or_names_without_leading_determiners(nlp):
    for phrase, _ in extract_keyphrases(nlp(WIND_FARM)):
        first = phrase.split()[0].lower()
        assert first not in {"the", "a", "an", "its", "this", "their"}
        assert not any(ch.isdigit() for ch in phrase.split()[0])


def test_limit_and_empty_documents(nlp):
    doc = nlp(WIND_FARM)
    assert len(extract_keyphrases(doc, limit=3)) == 3
    assert extract_keyphrases(doc, limit=0) == []
    assert extract_keyphrases(nlp("")) == []
    assert extract_keyphrases(nlp("It is. They were.")) == []


def test_sample_article_names_its_leaders(nlp):
    text = SAMPLE.read_text(encoding="utf-8")
    phrases = " | ".join(p for p, _ in extract_keyphrases(nlp(text))).lower()
    assert "carney" in phrases and "trump" in phrases
    assert "trade" in phrases


def test_rows_match_the_schema(nlp):
    phrases = extract_keyphrases(nlp(WIND_FARM))
    table = pa.Table.from_pylist(keyphrase_rows("a1", phrases), schema=TABLES["keyphrases"])
    assert table.column("rank").to_pylist() == list(range(1, len(phrases) + 1))
    assert table.column("phrase").to_pylist() == [p for p, _ in phrases]
