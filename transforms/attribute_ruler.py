"""spaCy's attribute ruler with its patterns matched by dictionary lookups instead of its Matcher.

The English models' attribute ruler is a tag map plus word exceptions: 179 one- and two-token
patterns on TAG, LOWER, DEP and IS_SPACE (``[{"TAG": "NNS"}]`` -> POS NOUN, Number=Plur). spaCy
runs them through its general Matcher, which took 5.8 ms of a BBC article's ~75 ms parse. Here
they are looked up in a few tables, their NOT_IN and REGEX tests checked on the rows found: the
same matches, applied in the same order by spaCy's own ``set_annotations``;
``tests/test_attribute_ruler.py`` compares the two.
"""
from __future__ import annotations

import itertools
import re
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
    pattern tests which attribute for a value or a set of values). A pattern's NOT_IN and REGEX
    tests are checked on the rows its values find; a pattern with no value to look up by (or an
    operator, or another attribute) stays with spaCy's Matcher (``rest``)."""

    def __init__(self, ruler: AttributeRuler):
        strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        self.regex_results: dict[tuple[str, int], bool] = {}
        tables: dict = defaultdict(lambda: defaultdict(list))
        for attr_id in range(len(ruler.attrs)):
            key = strings[str(attr_id)]
            for pattern in ruler.matcher.get(key)[1]:
                tests = [(offset, name.upper(), _test(name.upper(), value, strings))
                         for offset, token_pattern in enumerate(pattern) for name, value in sorted(token_pattern.items())]
                lookups = [(offset, ATTRIBUTES[name], test[1]) for offset, name, test in tests if test and test[0] == "IN"]
                if not lookups or any(test is None for _, _, test in tests):
                    self.rest.add(key, [pattern])
                    continue
                checks = tuple((offset, ATTRIBUTES[name], *test) for offset, name, test in tests if test[0] != "IN")
                shape = tuple((offset, column) for offset, column, _ in lookups)
                for values in itertools.product(*(values for _, _, values in lookups)):
                    tables[(len(pattern), shape)][values].append((attr_id, key, checks))
        self.columns = sorted({column for _, shape in tables for _, column in shape}
                              | {check[1] for table in tables.values() for hits in table.values()
                                 for _, _, checks in hits for check in checks})
        index = {column: i for i, column in enumerate(self.columns)}
        self.tables = []
        for (length, shape), table in tables.items():
            allowed = [np.array(sorted({values[i] for values in table}), dtype=np.uint64) for i in range(len(shape))]
            table = {values: [(attr_id, key, tuple((offset, index[column], kind, data) for offset, column, kind, data in checks))
                              for attr_id, key, checks in hits] for values, hits in table.items()}
            self.tables.append((length, [(offset, index[column]) for offset, column in shape], table, allowed))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = [(int(doc.vocab.strings[key]), key, start, end)
                 for key, start, end in self.rest(doc, allow_missing=True, as_spans=False)] if len(self.rest) else []
        if not len(doc) or not self.tables:
            return found
        columns = doc.to_array([IDS[column] for column in self.columns]).reshape(len(doc), -1).T
        for length, shape, table, allowed in self.tables:
            starts = len(doc) - length + 1
            if starts <= 0:
                continue
            # Only positions where each looked-up attribute has a value some pattern wants.
            candidates = np.ones(starts, dtype=bool)
            for (offset, column), values in zip(shape, allowed):
                candidates &= np.isin(columns[column][offset:offset + starts], values)
            for start in np.flatnonzero(candidates).tolist():
                for attr_id, key, checks in table.get(tuple(int(columns[column][start + offset])
                                                            for offset, column in shape), ()):
                    if all(self.passes(int(columns[column][start + offset]), kind, data, doc.vocab.strings)
                           for offset, column, kind, data in checks):
                        found.append((attr_id, key, start, start + length))
        return found

    def passes(self, value: int, kind: str, data, strings) -> bool:
        if kind == "NOT_IN":
            return value not in data
        result = self.regex_results.get((data.pattern, value))
        if result is None:  # as spaCy's Matcher: a regex searches the attribute's string
            result = self.regex_results[(data.pattern, value)] = bool(data.search(strings[value]))
        return result


def _test(name: str, value, strings) -> tuple[str, object] | None:
    """What a token-pattern entry asks of its attribute: ("IN", hashes it may have), ("NOT_IN",
    hashes it may not have) or ("REGEX", compiled pattern); None when a table cannot take it."""
    if name in FLAG_ATTRS and isinstance(value, bool):
        return "IN", [int(value)]
    if name not in STRING_ATTRS:
        return None
    if isinstance(value, str):
        return "IN", [strings.add(value)]
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (operator, operand), = value.items()
    if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(o, str) for o in operand):
        hashes = [strings.add(o) for o in operand]
        return (operator, hashes) if operator == "IN" else (operator, frozenset(hashes))
    if operator == "REGEX" and isinstance(operand, str):
        return operator, re.compile(operand)
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
