"""The tokenizer splits quote marks and dashes glued to their neighbours (see
``transforms.nlp.QUOTE_INFIXES``) and leaves ordinary words, numbers and apostrophes alone."""
from __future__ import annotations

import pytest
import spacy

from transforms.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def words(nlp, text: str) -> list[str]:
    return [t.text for t in nlp.tokenizer(text)]


@pytest.mark.parametrize("text, expected", [
    ("the vote is over.”― Dana Pike", ["the", "vote", "is", "over", ".", "”", "―", "Dana", "Pike"]),
    ("“It is fine,”Ortiz said.", ["“", "It", "is", "fine", ",", "”", "Ortiz", "said", "."]),
    ("she said “never”.Then left", ["she", "said", "“", "never", "”", ".", "Then", "left"]),
    ("He said:“We go.”", ["He", "said", ":", "“", "We", "go", ".", "”"]),
    ("“Yes”—Bo Lind", ["“", "Yes", "”", "—", "Bo", "Lind"]),
    ("“Done”–Bo Lind", ["“", "Done", "”", "–", "Bo", "Lind"]),
    ("«Oui»dit-il", ["«", "Oui", "»", "dit", "-", "il"]),
    ('he said,"Look here"', ["he", "said", ",", '"', "Look", "here", '"']),
])
def test_glued_quote_marks_and_dashes_are_split(nlp, text, expected):
    assert words(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "from 1990–2000 in 3–4 steps",
    "the ’90s and don’t",
    "a U.S.-based firm, well-known in Jones–Smith circles",
    "O’Brien’s 2.5% rise (see www.example.com/a-b)",
    "“A plain quote,” she said. ‘Single,’ he said.",
])
def test_text_without_glued_marks_tokenizes_as_the_stock_rules_do(nlp, text):
    stock = spacy.blank("en").tokenizer
    assert words(nlp, text) == [t.text for t in stock(text)]


def test_glued_attribution_is_parsed_as_subject_and_verb(nlp):
    doc = nlp("“We will keep the clinic open,”Ortiz said.")
    said = next(t for t in doc if t.text == "said")
    assert [c.text for c in said.children if c.dep_ == "nsubj"] == ["Ortiz"]
