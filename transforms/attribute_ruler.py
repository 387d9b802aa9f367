"""spaCy's attribute ruler with its patterns matched by dictionary lookups instead of its Matcher.

The English models' attribute ruler is a tag map plus word exceptions: 179 one- and two-token
patterns on TAG, LOWER, DEP and IS_SPACE (``[{"TAG": "NNS"}]`` -> POS NOUN, Number=Plur). spaCy
runs them through its general Matcher, which took 5.8 ms of a BBC article's ~75 ms parse. Here
they are looked up in a few tables (1.8 ms, half of it for the 6 patterns a table cannot express,
regexes and NOT_IN, which keep a Matcher of their own): the same matches, applied in the same
order by spaCy's own ``set_annotations``; ``tests/test_attribute_ruler.py`` compares the two.
"""
from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Pattern keys a table can test: string attributes (compared by hash; a value or {"IN": [...]})
# and flags, by the ``Doc.to_array`` column that holds them.
STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "TAG": "TAG",
                "POS": "POS", "DEP": "DEP", "LEMMA": "LEMMA"}
FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_STOP"}
ATTRIBUTES = {**STRING_ATTRS, **{flag: flag for flag in FLAG_ATTRS}}


class LookupAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` looks its patterns up (see the module docstring)."""

    _lookup: "_Lookup | None" = None

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._lookup = None  # rebuilt for the next doc

    def clear(self) -> None:
        super().clear()
        self._lookup = None

    def match(self, doc: Doc):
        if self._lookup is None:
            self._lookup = _Lookup(self)
        matches = self._lookup.matches(doc)
        matches.sort()  # by attribute id first, so later rules win, as in AttributeRuler.match
        return matches


class _Lookup:
    """The ruler's patterns as lookup tables, by pattern length and shape (which token of the
    pattern tests which attribute), plus a Matcher holding only the patterns tables cannot
    express (regexes, NOT_IN)."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        tables: dict = defaultdict(lambda: defaultdict(list))
        for attr_id in range(len(ruler.attrs)):
            key = strings[str(attr_id)]
            for pattern in ruler.matcher.get(key)[1]:
                shape = [(offset, name.upper(), value) for offset, token_pattern in enumerate(pattern)
                         for name, value in sorted(token_pattern.items())]
                alternatives = [_values(name, value, strings) for _, name, value in shape]
                if not shape or any(a is None for a in alternatives):
                    self.rest.add(key, [pattern])
                    continue
                entry = tuple((offset, ATTRIBUTES[name]) for offset, name, _ in shape)
                for values in itertools.product(*alternatives):
                    tables[(len(pattern), entry)][values].append((attr_id, key))
        self.columns = sorted({column for _, entry in tables for _, column in entry})
        index = {column: i for i, column in enumerate(self.columns)}
        self.tables = []
        for (length, entry), table in tables.items():
            allowed = [np.array(sorted({values[i] for values in table}), dtype=np.uint64) for i in range(len(entry))]
            self.tables.append((length, [(offset, index[column]) for offset, column in entry], dict(table), allowed))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = doc.vocab.strings
        found = [(int(strings[key]), key, start, end)
                 for key, start, end in self.rest(doc, allow_missing=True, as_spans=False)] if len(self.rest) else []
        if not len(doc) or not self.tables:
            return found
        columns = doc.to_array([IDS[column] for column in self.columns]).reshape(len(doc), -1).T
        for length, entry, table, allowed in self.tables:
            starts = len(doc) - length + 1
            if starts <= 0:
                continue
            # Only positions where each tested attribute has a value some pattern wants.
            candidates = np.ones(starts, dtype=bool)
            for (offset, column), values in zip(entry, allowed):
                candidates &= np.isin(columns[column][offset:offset + starts], values)
            for start in np.flatnonzero(candidates).tolist():
                hits = table.get(tuple(int(columns[column][start + offset]) for offset, column in entry))
                if hits:
                    found.extend((attr_id, key, start, start + length) for attr_id, key in hits)
        return found


def _values(name: str, value, strings) -> list[int] | None:
    """The column values a token-pattern entry accepts, or None when a table cannot express it."""
    if name in STRING_ATTRS:
        options = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]
        if all(isinstance(o, str) for o in options):
            return [strings.add(o) for o in options]
    elif name in FLAG_ATTRS and isinstance(value, bool):
        return [int(value)]
    return None


@Language.factory("lookup_attribute_ruler")
def make_lookup_attribute_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name)


def use_lookup_attribute_ruler(nlp: Language) -> None:
    """Swap the model's attribute ruler for a ``LookupAttributeRuler`` with the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names or type(nlp.get_pipe("attribute_ruler")) is not AttributeRuler:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns
    nlp.replace_pipe("attribute_ruler", "lookup_attribute_ruler").add_patterns(patterns)
