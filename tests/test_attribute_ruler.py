"""The lookup attribute ruler must set exactly what spaCy's own AttributeRuler sets."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from transforms.attribute_ruler import LookupAttributeRuler, use_lookup_attribute_ruler
from transforms.nlp import load_nlp, resolve_model_name

# Written for this test: contractions, auxiliaries, "that"/"if" as conjunctions, dialect
# spellings the model's exception patterns (regexes, IN / NOT_IN sets) are there for.
TEXTS = [
    "The harbour board said on Tuesday that it would not reopen the pier until the spring.",
    "Y'all ain't seen nothin' yet, she told the crowd, and they didn't believe her.",
    "I'm sure you've heard it: we'd have done it if they'd asked us, but nobody did.",
    "Is there any reason the council hasn't published the report? There are several.",
    "“Which of these should we keep?” asked the editor, whose desk was already full.\n\nNo one answered.",
    "It's   done.\n\n\nThat's all — gonna go home now, wanna come?",
    "",
    "   ",
]
ANNOTATIONS = [POS, TAG, MORPH, LEMMA, DEP]


@pytest.fixture(scope="module")
def rulers():
    """The same parsed docs, annotated by the model's stock ruler and by the lookup one."""
    stock = spacy.load(resolve_model_name())
    stock_ruler = stock.get_pipe("attribute_ruler")
    assert type(stock_ruler) is AttributeRuler
    lookup_ruler = LookupAttributeRuler(stock.vocab, "attribute_ruler")
    lookup_ruler.add_patterns(stock_ruler.patterns)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(stock.pipe(TEXTS))
    return stock, stock_ruler, lookup_ruler, docs


def test_the_model_pipeline_uses_the_lookup_ruler():
    assert type(load_nlp().get_pipe("attribute_ruler")) is LookupAttributeRuler


def test_same_annotations_as_the_stock_ruler(rulers):
    stock, stock_ruler, lookup_ruler, docs = rulers
    for doc in docs:
        expected, got = stock_ruler(doc.copy()), lookup_ruler(doc.copy())
        assert (expected.to_array(ANNOTATIONS) == got.to_array(ANNOTATIONS)).all(), doc.text
        assert [t.pos_ for t in got] == [t.pos_ for t in expected]


def test_same_matches_in_the_same_order(rulers):
    _, stock_ruler, lookup_ruler, docs = rulers
    for doc in docs:
        assert sorted(set(lookup_ruler.match(doc))) == sorted(set(stock_ruler.match(doc)))
    assert any(len(stock_ruler.match(doc)) > len(doc) for doc in docs)  # exceptions on top of the tag map


def test_regex_and_not_in_tests_are_checked_on_the_rows_found(rulers):
    """"nothin'", "y'all" need the model's regex patterns; "do" as an auxiliary its NOT_IN ones."""
    _, stock_ruler, lookup_ruler, docs = rulers
    annotated = lookup_ruler(docs[1].copy())
    assert any(t.lemma_ == "nothing" for t in annotated)
    assert [t.lemma_ for t in annotated] == [t.lemma_ for t in stock_ruler(docs[1].copy())]
    assert len(lookup_ruler._lookup.rest) == 1  # only the regex-only pattern ("nothin'") stays with a Matcher


def test_later_rules_win_and_every_pattern_form_is_applied():
    nlp = spacy.blank("en")
    ruler = LookupAttributeRuler(nlp.vocab, "attribute_ruler")
    ruler.add([[{"LOWER": "budget"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["budget", "plan"]}}]], {"LEMMA": "second"})      # a set of values
    ruler.add([[{"LOWER": "the"}, {"LOWER": "plan"}]], {"LEMMA": "pair"}, index=1)  # two tokens, the second set
    ruler.add([[{"IS_PUNCT": True}]], {"POS": "PUNCT"})                            # a flag
    ruler.add([[{"LOWER": {"REGEX": "^cut+s?$"}}]], {"LEMMA": "cut"})             # nothing to look up by
    ruler.add([[{"LOWER": "the", "ORTH": {"NOT_IN": ["The"]}}]], {"LEMMA": "lower-case the"})
    doc = ruler(nlp("The budget cuts the plan."))
    assert [t.lemma_ for t in doc] == ["", "second", "cut", "lower-case the", "pair", ""]
    assert doc[-1].pos_ == "PUNCT"
    ruler.add([[{"LOWER": "budget"}]], {"LEMMA": "third"})  # added later: wins, and the tables are rebuilt
    assert ruler(nlp("budget"))[0].lemma_ == "third"


def test_only_a_stock_ruler_is_swapped():
    nlp = spacy.blank("en")
    use_lookup_attribute_ruler(nlp)  # no ruler: nothing to do
    assert nlp.pipe_names == []
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "x"}]], {"LEMMA": "y"})
    use_lookup_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is LookupAttributeRuler
    assert nlp("x")[0].lemma_ == "y"
