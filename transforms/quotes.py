"""Quotes: who said what, as plain functions over a spaCy ``Doc``.

Two kinds of rows come out of :func:`extract_quotes`:

* ``direct`` quotes: words between quotation marks, found by scanning the characters of the
  article (not the tokens) paragraph by paragraph, so that an unbalanced mark can only spoil
  its own paragraph. Curly and straight double quotes, ``''`` / ````…''`` pairs, guillemets
  and single quotes used as quotation marks are understood; a paragraph that reopens a quote
  without closing the previous one continues it.
* ``indirect`` quotes: the clause a reporting verb governs ("X said (that) ...", "X told
  reporters ..."), the clause "according to X" attaches to, what a warning or argument was
  about ("X warned of ..."), and an unquoted paragraph a colon lead-in introduces ("X added:").

Each quote is then attributed with the dependency parse: the reporting verb that governs it or
that stands next to it ("..., said X", "X said: ...", "X, who ..., said", "according to X",
"... – X", "..., Trump barked"), the verb's subject as the speaker; quotes with no attribution
of their own inherit the speaker of the quote they continue (split quotes, follow-on
paragraphs), of a colon lead-in, of the last reporting verb earlier in their paragraph, or of
the previous sentence's subject; a quoted transcript line opening with its speaker's label in
capitals ("PENCE: …") is spoken by the label. Quoted terms of fewer than ``MIN_QUOTE_WORDS`` words ("fake
news") are not quotations unless they stand as an attributed utterance, and neither are
title-like names in quotation marks (shows, events, slogans), nor page furniture an open quote
ran into ("Follow X on Twitter @x").

Speakers are resolved to the article's canonical entities (see ``entities.py``) so ``speaker``
matches ``entities.name``: pronouns ("he said", "his office said") go to a person who is a
subject earlier in the pronoun's sentence, else to the most recent person who spoke or was the
subject of a main clause, within a few paragraphs, else null; either way only to a person whose
gender, as the article shows it (Mr./Ms., unambiguous he/she), does not contradict the pronoun.
A possessor never speaks, and an indefinite "a Vermont Democrat" is nobody named. Definite role descriptions ("the ambassador") to the person the article
gave that title (else the most recent person); statements, websites and spokespeople to the
organisation or person they speak for. A proper name the entity index does not know is kept as
written, with a null ``speaker_key``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Span, Token

from transforms.entities import Entity, EntityIndex

# Verbs that report speech or writing, by lemma. "think"/"believe" are left out on purpose:
# they report opinions, not statements.
REPORTING_LEMMAS = frozenset({
    "say", "tell", "add", "note", "argue", "insist", "warn", "claim", "explain", "write", "state",
    "announce", "confirm", "deny", "suggest", "acknowledge", "ask", "reply", "respond", "declare",
    "recall", "report", "contend", "maintain", "predict", "promise", "admit", "stress", "emphasize",
    "emphasise", "comment", "tweet", "post", "urge", "assert", "concede", "complain", "boast",
    "observe", "remark", "mention", "reiterate", "caution", "counter", "retort", "exclaim", "vow",
    "pledge", "testify", "inform", "assure", "reassure", "conclude", "allege", "agree", "continue",
    "point", "shout", "yell", "whisper", "joke", "quip", "muse", "recount", "elaborate", "proclaim",
    "charge", "disclose", "reveal", "signal", "indicate",
})
# Lemmas that report speech alone ("he continued") but not with an infinitive ("continued to be").
ASPECTUAL_LEMMAS = {"continue"}
# Lemmas that only report speech together with a particle ("pointed out").
PARTICLE_REQUIRED = {"point": "out"}

# Fewer words than this between quote marks is a term, title or scare quote ("fake news"),
# not a quotation, unless the quote stands as a whole utterance with its own attribution.
MIN_QUOTE_WORDS = 4

SPEAKER_PRONOUNS = {"he": "m", "she": "f", "it": "n"}
POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}
FIRST_PERSON_OR_GROUP = {"i", "we", "you", "they", "who", "that", "which", "one"}
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                    "sir": "m", "lady": "f", "dame": "f", "lord": "m"}
GENDERED_NOUNS = {"spokeswoman": "f", "spokesman": "m", "congresswoman": "f", "congressman": "m",
                  "chairwoman": "f", "chairman": "m", "businesswoman": "f", "businessman": "m",
                  "woman": "f", "man": "m", "wife": "f", "husband": "m", "mother": "f", "father": "m",
                  "daughter": "f", "son": "m", "sister": "f", "brother": "m", "girl": "f", "boy": "m"}
# Entity labels a speaker's name can carry.
NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE")
SPOKESPERSON_NOUNS = {"spokesman", "spokeswoman", "spokesperson"}
# Things that speak for their owner: "the Clinton campaign said", "Trump's statement says".
VOICE_NOUNS = {"statement", "campaign", "website", "site", "post", "letter", "ad", "advertisement", "tweet",
               "office", "team", "camp", "memo", "email", "blog", "account", "page", "release", "spokesman",
               "spokeswoman", "spokesperson", "lawyer", "attorney", "representative", "editorial", "report",
               "study", "poll", "survey", "article", "story", "column", "book", "analysis", "filing", "document"}
# Roles that, in a definite description ("the senator said"), refer back to a person already named.
ROLE_NOUNS = {"senator", "governor", "president", "candidate", "nominee", "congressman", "congresswoman",
              "lawmaker", "minister", "secretary", "ambassador", "mayor", "chairman", "chairwoman", "leader",
              "businessman", "businesswoman", "billionaire", "mogul", "tycoon", "host", "anchor", "author",
              "director", "executive", "judge", "commissioner", "attorney", "general", "founder", "activist",
              "adviser", "advisor", "official", "premier", "chancellor", "officer", "chief", "manager", "coach",
              "professor", "economist", "analyst", "pollster", "strategist", "veteran", "politician",
              "spokesman", "spokeswoman", "spokesperson", "man", "woman", "father", "mother"}
DASHES = "-–—―"
INDEFINITE_DETERMINERS = {"a", "an", "another", "one", "some", "any"}
SENTENCE_END = {".", "!", "?", "...", "…"}
# How far back (in paragraphs) a pronoun or follow-on quote may look for its speaker.
SALIENCE_PARAGRAPHS = 3
# An honorific right before a name ("Mr. Reyes") and how much more it weighs than a pronoun.
HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
HONORIFIC_WEIGHT = 3

_WORD = re.compile(r"[\w']+")


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


# --------------------------------------------------------------------------- quote marks

@dataclass(frozen=True)
class QuotedSpan:
    """Words between quotation marks, in character offsets of the article text."""
    open_char: int            # where the opening mark starts
    start_char: int           # first quoted character (marks and edge spaces excluded)
    end_char: int             # end of the quoted words
    close_char: int           # just past the closing mark (the paragraph end when left open)
    continues_previous: bool  # a paragraph that reopens a quote left open by the previous one


@dataclass(frozen=True)
class _Mark:
    pos: int
    width: int
    kind: str   # "double" or "single"
    role: str   # "open", "close" or "either"
    style: str  # marks pair with marks of their own style; another style inside a quote is nested


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


# Every character _classify_marks looks at, twin marks first (as it reads them): the scan
# jumps from one to the next instead of stepping through every character of the paragraph.
_MARK_CANDIDATES = re.compile(r"``|''|[“„‟”«»\"‘‹’›']")


def _classify_marks(text: str, start: int, end: int) -> list[_Mark]:
    """Quotation-mark candidates in text[start:end], with the direction their context suggests."""
    marks = []
    for found in _MARK_CANDIDATES.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        prev = text[i - 1] if i > start else ""
        nxt = text[i + 1] if i + 1 < end else ""
        if found.group() == "``":
            marks.append(_Mark(i, 2, "double", "open", "twin"))
            continue
        if found.group() == "''":
            after = text[i + 2] if i + 2 < end else ""
            marks.append(_Mark(i, 2, "double", _straight_role(prev, after), "twin"))
            continue
        if ch in "“„‟":
            marks.append(_Mark(i, 1, "double", "open", "curly"))
        elif ch == "”":
            # A closing mark after a space and before a word ("the aides ”wanted more") is an
            # opening mark typed the wrong way round.
            marks.append(_Mark(i, 1, "double", "open" if _is_space(prev) and nxt.isalnum() else "close", "curly"))
        elif ch in "«»":
            marks.append(_Mark(i, 1, "double", "open" if ch == "«" else "close", "guillemet"))
        elif ch == '"':
            marks.append(_Mark(i, 1, "double", _straight_role(prev, nxt), "straight"))
        elif ch in "‘‹":
            if nxt and not nxt.isspace() and not nxt.isdigit():
                marks.append(_Mark(i, 1, "single", "open", "single"))
        elif ch in "’›'":
            role = _single_role(prev, nxt, straight=(ch == "'"))
            if role:
                marks.append(_Mark(i, 1, "single", role, "single"))
    return marks


def _straight_role(prev: str, nxt: str) -> str:
    if _is_space(prev) or prev in "([{" + DASHES + "/:":
        return "open" if not _is_space(nxt) else "either"
    if _is_space(nxt) or nxt in ".,;:!?)]}" + DASHES + "’'":
        return "close"
    return "either"


def _single_role(prev: str, nxt: str, straight: bool) -> str | None:
    """Role of ’ or ' — None when it is an apostrophe (don't, O'Brien, ’90s)."""
    if prev.isalnum() and nxt.isalnum():
        return None                      # don't, O'Brien
    if _is_space(prev) or prev in "([{" + DASHES:
        if straight and nxt.isalpha():
            return "open"
        return None                      # ’90s, a lone mark
    if _is_space(nxt) or nxt in ".,;:!?)]}" + DASHES + "”\"":
        return "close"
    return None


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line; normalize_text keeps paragraphs as lines."""
    bounds, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            bounds.append((pos, pos + len(line)))
        pos += len(line) + 1
    return bounds


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without the whitespace at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, outermost marks only (nested quotes stay inside their quote)."""
    spans: list[QuotedSpan] = []
    paragraphs = _paragraph_bounds(text)
    carried_open = False  # the previous paragraph ended inside a quote
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = _classify_marks(text, p_start, p_end)
        doubles = [m for m in marks if m.kind == "double"]
        reopens = bool(doubles) and doubles[0].pos == _trimmed(text, p_start, p_end)[0] and doubles[0].role != "close"
        continues = carried_open and reopens
        carried_open = False
        paragraph_spans: list[QuotedSpan] = []
        open_mark: _Mark | None = None
        nested: _Mark | None = None   # a quote inside the quote, in marks of another style
        for mark in doubles:
            if open_mark is None:
                if mark.role != "close":
                    open_mark = mark
                continue            # a closing mark with nothing open is stray
            if mark.style != open_mark.style:
                if nested is not None:
                    if mark.style == nested.style and mark.role != "open":
                        nested = None
                    continue
                if mark.role != "close":
                    nested = mark
                    continue
                # A clearly closing mark of another style closes the quote (“Hello," he said).
            elif mark.role == "open":
                open_mark, nested = mark, None   # the earlier opening mark was stray
                continue
            paragraph_spans.append(_span(text, open_mark, mark.pos, mark.pos + mark.width,
                                         continues and not paragraph_spans))
            open_mark, nested = None, None
        if open_mark is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            next_reopens = next_start is not None and _opens_with_quote(text, next_start, paragraphs[index + 1][1])
            # A quote can run on past its paragraph only if it does not open mid-phrase
            # (paragraph or sentence start, "X said:", "X said,"); otherwise the mark is stray.
            before = text[p_start:open_mark.pos].rstrip()
            if not before or not before[-1].isalnum():
                # Multi-paragraph quote (or a missing closing mark at the paragraph's end).
                paragraph_spans.append(_span(text, open_mark, p_end, p_end, continues and not paragraph_spans))
                carried_open = next_reopens
        paragraph_spans += _single_quoted(text, marks, paragraph_spans)
        spans += [s for s in paragraph_spans if s.end_char > s.start_char]
    return sorted(spans, key=lambda s: s.start_char)


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    marks = [m for m in _classify_marks(text, start, end) if m.kind == "double"]
    return bool(marks) and marks[0].pos == _trimmed(text, start, end)[0] and marks[0].role != "close"


def _span(text: str, open_mark: _Mark, inner_end: int, close_end: int, continues: bool) -> QuotedSpan:
    start, end = _trimmed(text, open_mark.pos + open_mark.width, inner_end)
    return QuotedSpan(open_mark.pos, start, end, close_end, continues)


def _single_quoted(text: str, marks: list[_Mark], double_spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single quotes used as quotation marks, outside double-quoted spans.

    A closing candidate that looks like a plural possessive ("the players’ union") is passed
    over when a later candidate exists.
    """
    def inside_double(pos: int) -> bool:
        return any(s.open_char <= pos < s.close_char for s in double_spans)

    singles = [m for m in marks if m.kind == "single" and not inside_double(m.pos)]
    found, i = [], 0
    while i < len(singles):
        opener = singles[i]
        if opener.role != "open":
            i += 1
            continue
        closers = [j for j in range(i + 1, len(singles)) if singles[j].role == "close"
                   and not any(opener.pos < s.open_char < singles[j].pos for s in double_spans)]
        if not closers:
            i += 1
            continue
        plain = [j for j in closers if not _looks_possessive(text, singles[j].pos)]
        j = plain[0] if plain else closers[0]
        found.append(_span(text, opener, singles[j].pos, singles[j].pos + 1, False))
        i = j + 1
    return found


def _looks_possessive(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1] in "sS" and pos + 2 < len(text) and text[pos + 1] == " " and text[pos + 2].isalnum()


def word_count(text: str) -> int:
    return len(_WORD.findall(text.replace("’", "'")))


# --------------------------------------------------------------------------- attribution

@dataclass
class _Attribution:
    cue: str | None = None
    speaker_token: Token | None = None   # head of the speaker phrase
    inherited_from: "_Statement | None" = None
    speaker_label: str | None = None     # a speaker named by a transcript label ("PENCE:")


@dataclass
class _Statement:
    """A quote being built: where it is, how it is attributed, and its resolved speaker."""
    start_char: int
    end_char: int
    type: str
    attribution: _Attribution
    paragraph: int
    standalone: bool = False          # a whole utterance with its own attribution
    span: QuotedSpan | None = None
    speaker: Entity | None = None
    speaker_name: str | None = None
    speaker_mention: str | None = None
    speaker_key: str | None = None


def _is_reporting(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in REPORTING_LEMMAS or not (tok.pos_ in ("VERB", "AUX") or _verb_tagged_as_noun(tok)):
        return False
    particle = PARTICLE_REQUIRED.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
        return False
    if lemma in ASPECTUAL_LEMMAS and any(c.dep_ == "xcomp" for c in tok.children):
        return False   # "will continue to be “a friend”" reports nothing
    return not _is_passive(tok)


def _verb_tagged_as_noun(tok: Token) -> bool:
    """"Trump claims that he …", "…, the doctor maintains.": the tagger can read a present-tense
    reporting verb as a plural noun; a "noun" with its own subject or complement clause is the verb."""
    return tok.tag_ == "NNS" and any(c.dep_ in ("nsubj", "ccomp") for c in tok.children)


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _cue_text(verb: Token) -> str:
    particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return verb.text + (" " + particles[0].text if particles else "")


def _subject_of(verb: Token, usable: Callable[[Token], bool] = lambda t: True) -> Token | None:
    """The speaker of a reporting verb: its subject, or that of the clause it hangs from.

    "X said", "said X", "X, who ..., said" (the relative clause's antecedent), "X ... but said"
    (shared subject of coordinated verbs, even a passive one), "X ..., adding that" and
    "X went on to say" (the governing clause's subject). ``usable`` rules tokens out (quoted
    words): climbing stops there and the fallbacks for a lost parse are tried. A possessor is
    never the speaker ("said on Channel Nine’s morning show": the channel owns the show, it does not speak).
    """
    return _subject_of_verb(verb, lambda tok: not _is_possessor(tok) and usable(tok))


def _is_possessor(tok: Token) -> bool:
    """The owner in a possessive: "Channel Nine" in "Channel Nine’s Ann Lee", "his" in "his office"."""
    return tok.dep_ == "poss" or tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS"


def _subject_of_verb(verb: Token, usable: Callable[[Token], bool]) -> Token | None:
    tok, via_conj = verb, False
    reporter = _outer_reporting_verb(verb)
    if reporter is not None and usable(reporter):
        tok, via_conj = reporter, True
    for _ in range(4):
        # The nearest subject first: "in Carlow, IA, after a walk through the market, Mayor Karl Brandt said".
        for child in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
            if child.dep_ == "nsubj" or (via_conj and child.dep_ == "nsubjpass"):
                if child.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                    return tok.head if usable(tok.head) else None
                if usable(child):
                    return child
        if tok.dep_ == "relcl":
            return tok.head if usable(tok.head) else None
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i and usable(tok.head):
            via_conj = tok.dep_ == "conj"
            tok = tok.head
            continue
        break
    # "X seemed keen to joke about the fight in Leeds, telling fans, “…”": a participle has no subject of
    # its own; when the parse hangs it from the quote, the sentence's subject is still its subject.
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(c.dep_ == "aux" for c in verb.children):
        root = verb.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if root.i < verb.i and subject is not None and usable(subject):
            return subject
    # "said U.S. Ambassador Pete Hoekstra" sometimes parses the name as an object.
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "appos") and child.i - verb.i <= 5 and (
                child.ent_type_ in NAME_LABELS or child.pos_ == "PROPN" and not child.ent_type_) \
                and verb.lemma_ != "tell" and usable(child):
            return child
    # "“…,” said Owen Pritchard, an adviser who leads Protect the Coast": the parser can make the
    # name the subject of a later verb; in an inverted attribution the name right after "said" speaks.
    if verb.i + 1 < len(verb.doc) and verb.i > 0 and verb.doc[verb.i - 1].is_punct and verb.doc[verb.i + 1].ent_type_ == "PERSON":
        last = verb.doc[verb.i + 1]
        while last.i + 1 < len(verb.doc) and verb.doc[last.i + 1].ent_iob_ == "I":
            last = verb.doc[last.i + 1]
        if usable(last):
            return last
    # "In a statement, her adviser, Jake Sullivan, said" and "…,” Ramos, 58, told AFP": the name
    # sometimes ends up inside another phrase; the name right before the verb still speaks.
    before = verb.i - 1
    while before >= 0 and (verb.doc[before].is_punct or verb.doc[before].like_num and verb.doc[before].dep_ == "appos"):
        before -= 1
    if before >= 0 and not verb.doc[before].is_sent_end and usable(verb.doc[before]):
        name = verb.doc[before]
        # "…,” Ines Varga, a senior adviser to the minister, said": the appositive's head speaks.
        described = name
        while described.dep_ in ("pobj", "prep", "compound", "amod") and described.head.i < verb.i:
            described = described.head
        if described.dep_ == "appos" and described.head.ent_type_ == "PERSON" and usable(described.head):
            return described.head
        if name.ent_type_ in NAME_LABELS or (name.pos_ == "PROPN" and not name.ent_type_
                                             and name.dep_ in ("appos", "pobj", "conj", "npadvmod")):
            return name
    # "“…,” said Judiciary ranking Republican Ruth Abara (R-Ore.)" with the words after the verb
    # parsed as a clause: the last proper noun before the next punctuation mark.
    if 0 < verb.i and verb.doc[verb.i - 1].is_punct:
        after = []
        for tok in verb.doc[verb.i + 1: verb.i + 8]:
            if tok.is_punct:
                break
            after.append(tok)
        names = [t for t in after if t.pos_ == "PROPN"]
        if names and usable(names[-1]):
            return names[-1]
    return None


def _outer_reporting_verb(verb: Token) -> Token | None:
    """The reporting verb whose clause the parser wrongly hung a second reporting verb from:
    in "X said the count was not over but added, …" and "X insisted it was reckless while adding …"
    the parser makes "added" part of what X said; X added it."""
    if verb.dep_ not in ("conj", "advcl") or not _is_reporting(verb):
        return None
    clause = verb.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and _is_reporting(clause.head) and clause.head.i < verb.i:
        return clause.head
    return None


def _according_to(tokens: list[Token]) -> tuple[Token, Token] | None:
    """("according", its object) for an "according to X" among ``tokens``."""
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            source = _according_to_source(tok)
            if source is not None:
                return tok, source
    return None


def _according_to_source(according: Token) -> Token | None:
    """The X of "according to X": the object of "to", or, when the parser lost it ("according to
    engineer Paul Brandt" read as a verb), the first name (else the last noun) that follows."""
    objects = [c for c in according.nbor(1).children if c.dep_ == "pobj"]
    if objects:
        return objects[0]
    following = []
    for tok in according.doc[according.i + 2: according.i + 10]:
        if tok.is_punct:
            break
        following.append(tok)
    for position, tok in enumerate(following):
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            while position + 1 < len(following) and following[position + 1].ent_iob_ == "I":
                position += 1
            return following[position]   # the name's last word, its head
    nouns = [t for t in following if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else None


class _Article:
    """One article's parse, quote spans and speaker resolution state."""

    def __init__(self, doc: Doc, entities: EntityIndex):
        self.doc = doc
        self.entities = entities
        self.text = doc.text
        self.ents = doc.ents  # spaCy builds this tuple of spans anew on every access
        self.paragraphs = _paragraph_bounds(self.text)
        self._paragraph_ends = [end for _, end in self.paragraphs]
        self.token_paragraph = [self.paragraph_of(t.idx) for t in doc]
        self._token_starts = [t.idx for t in doc]
        self.spans = find_quoted_spans(self.text)
        self.in_quote = self._token_quote_map()
        self.genders: dict[str, str] = self._article_genders()
        self.salient: list[tuple[int, Entity]] = []  # (char position, entity) of speakers, in order
        self.subjects = self._main_clause_subjects()

    # ----- layout helpers

    def paragraph_of(self, char: int) -> int:
        return min(bisect.bisect_left(self._paragraph_ends, char), max(0, len(self.paragraphs) - 1))

    def same_paragraph(self, a: Token, b: Token) -> bool:
        return self.token_paragraph[a.i] == self.token_paragraph[b.i]

    def within_paragraph(self, anchor: Token, first: int, last: int) -> list[Token]:
        """doc[first:last+1] cut to the paragraph of ``anchor`` (the parser sometimes runs
        a sentence on across a paragraph break)."""
        paragraph = self.token_paragraph[anchor.i]
        return [t for t in self.doc[first: last + 1] if self.token_paragraph[t.i] == paragraph]

    def _token_quote_map(self) -> list[int]:
        """For every token, the index of the quoted span it lies in (marks included), else -1."""
        mapping = [-1] * len(self.doc)
        for index, span in enumerate(self.spans):
            chars = self.doc.char_span(span.open_char, span.close_char, alignment_mode="expand")
            if chars is not None:
                for tok in chars:
                    mapping[tok.i] = index
        return mapping

    def tokens_between(self, start_char: int, end_char: int) -> list[Token]:
        """The tokens lying wholly within [start_char, end_char)."""
        first = bisect.bisect_left(self._token_starts, start_char)
        last = bisect.bisect_left(self._token_starts, end_char)
        return [t for t in self.doc[first:last] if t.idx + len(t) <= end_char]

    # ----- speakers

    def subject_of(self, verb: Token) -> Token | None:
        """The verb's subject (see ``_subject_of``) when it is in the same paragraph and not quoted.
        "Asked about the wall, Trump said …": whoever asked is not named, Trump answered."""
        if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(c.dep_.startswith("aux") for c in verb.children):
            return None
        subject = _subject_of(verb, lambda t: self.in_quote[t.i] < 0 and self.same_paragraph(t, verb))
        if subject is not None:
            # "Rep. Dana Whitcombe (R-Ohio) said", "said Gov. Ines Ortega (D-NM)": the party tag in
            # brackets is not the speaker; the name before the bracket is.
            opening = next((t for t in reversed(verb.doc[max(0, subject.i - 4): subject.i]) if t.text in "()"), None)
            if opening is not None and opening.text == "(" and opening.i > 0 and _looks_like_name(opening.nbor(-1)):
                return opening.nbor(-1)
        return subject

    def _main_clause_subjects(self) -> list[tuple[int, Token]]:
        """People who are subjects of main clauses or of reporting verbs, outside quotes: the
        antecedents pronouns fall back on. A clause the parser hangs before the root is a main
        clause too ("X rebuked the presenter: “…,” she said" makes "rebuked" a complement of "said")."""
        verbs = [t for t in self.doc if _is_reporting(t)]
        for sent in self.doc.sents:
            verbs += [sent.root] + [c for c in sent.root.children if c.dep_ == "conj"
                                    or c.dep_ == "ccomp" and c.i < sent.root.i and self.in_quote[c.i] < 0]
        found = {}
        for verb in verbs:
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and self.in_quote[child.i] < 0:
                    entity = self.entity_at(child)
                    if entity is not None and entity.label == "PERSON":
                        found[child.i] = (child.idx, child)
        return [found[i] for i in sorted(found)]

    def _article_genders(self) -> dict[str, str]:
        """Each person's gender as the article itself shows it, by entity key: honorifics before
        a mention ("Mr. Reyes", "Ms. Reyes"), and "he"/"she" subjects outside quotes whose
        antecedent is unambiguous (one person named, not as a possessor, in the pronoun's
        sentence before it or in the sentence before that in the same paragraph). Evidence is
        counted; a person with mixed evidence keeps no gender rather than a guessed one."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for person in (e for e in self.entities.entities if e.label == "PERSON"):
            for start, _, _ in person.mentions:
                honorific = HONORIFIC_BEFORE.search(self.text[max(0, start - 8):start])
                if honorific:
                    votes[person.key][HONORIFIC_GENDER[honorific.group(1).lower()]] += HONORIFIC_WEIGHT
        sentences = list(self.doc.sents)
        for index, sentence in enumerate(sentences):
            start = sentence.start
            if index and self.token_paragraph[sentences[index - 1].start] == self.token_paragraph[sentence.start]:
                start = sentences[index - 1].start
            for pronoun in sentence:
                gender = SPEAKER_PRONOUNS.get(pronoun.lower_)
                if gender not in ("m", "f") or pronoun.dep_ not in ("nsubj", "nsubjpass") or self.in_quote[pronoun.i] >= 0:
                    continue
                named = {entity.key for entity in (self.entity_at(t) for t in self.doc[start:pronoun.i]
                                                   if self.in_quote[t.i] < 0 and not _is_possessor(t))
                         if entity is not None and entity.label == "PERSON"}
                if len(named) == 1:
                    votes[named.pop()][gender] += 1
        genders = {}
        for key, counts in votes.items():
            (best, n), *rest = counts.most_common() + [("", 0)]
            if n >= 2 * rest[0][1]:
                genders[key] = best
        return genders

    def resolve(self, statement: _Statement) -> None:
        """Fill the statement's speaker fields from its attribution."""
        attribution = statement.attribution
        if attribution.inherited_from is not None:
            source = attribution.inherited_from
            statement.speaker, statement.speaker_name = source.speaker, source.speaker_name
            statement.speaker_mention, statement.speaker_key = source.speaker_mention, source.speaker_key
            attribution.cue = attribution.cue or source.attribution.cue
            return
        tok = attribution.speaker_token
        if tok is None and attribution.speaker_label:
            statement.speaker_mention = attribution.speaker_label
            entity = self.by_name(attribution.speaker_label, statement.start_char)
            if entity is not None:
                self.credit(statement, entity, statement.start_char)
            return
        if tok is None:
            return
        mention = self.mention_span(tok)
        statement.speaker_mention = mention.text
        entity, name = self.entity_for(tok, mention)
        if entity is not None:
            self.credit(statement, entity, tok.idx)
        elif name:
            statement.speaker_name = name

    def credit(self, statement: _Statement, entity: Entity, position: int) -> None:
        """The statement is the entity's, who becomes a salient speaker from ``position`` on."""
        statement.speaker, statement.speaker_name, statement.speaker_key = entity, entity.name, entity.key
        self.salient.append((position, entity))

    def mention_span(self, tok: Token) -> Span:
        """The speaker as written: the noun phrase up to its head (the whole name when the head is
        in one), plus a following "for/of X"; no quote marks or edge punctuation."""
        doc = self.doc
        start, end = tok.left_edge.i, tok.i + 1
        name = next((ent for ent in self.ents if ent.start <= tok.i < ent.end), None) if tok.ent_iob_ != "O" else None
        if name is not None:
            start, end = min(start, name.start), max(end, name.end)
        else:
            linking = ("for", "of", "at", "to") + (("in", "by", "from") if tok.lower_ in VOICE_NOUNS else ())
            for child in tok.rights:
                if child.dep_ == "prep" and child.lower_ in linking and child.i == end:
                    end = child.right_edge.i + 1
                else:
                    break
        while start < tok.i and (doc[start].is_punct or self.in_quote[start] >= 0 or not self.same_paragraph(doc[start], tok)):
            start += 1
        while end - 1 > tok.i and (doc[end - 1].is_punct or self.in_quote[end - 1] >= 0):
            end -= 1
        return doc[start:end]

    def entity_for(self, tok: Token, mention: Span) -> tuple[Entity | None, str | None]:
        """The canonical entity a speaker phrase names (or a bare proper name when NER missed it)."""
        lower = tok.lower_
        if tok.pos_ == "PRON" or lower in SPEAKER_PRONOUNS or lower in FIRST_PERSON_OR_GROUP:
            return self.antecedent(tok), None
        entity = self.entity_at(tok)
        if (tok.ent_type_ == "NORP" or entity is not None and entity.label == "NORP") and any(
                c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children):
            return None, None   # "a Vermont Democrat said": somebody unnamed, not the party
        if entity is not None:
            return entity, None
        # A phrase headed by a title or role: "the chairman, John Smith", "U.S. Ambassador to Canada
        # Pete Hoekstra", "a spokeswoman for Clinton", "Clinton spokesman" (but not "Clinton aide").
        named = [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
        if tok.pos_ == "PROPN" or lower in SPOKESPERSON_NOUNS:
            named += [t for t in mention if t != tok]
        people = [e for e in (self.entity_at(t) for t in reversed(named)) if e is not None and e.label == "PERSON"]
        if people:
            return people[0], None
        # Whose statement, website or campaign it is: "the Heritage Foundation website", "the DNC's
        # statement", "a spokeswoman for the Regional Water Board", "an editorial in The Beacon".
        if tok.pos_ == "NOUN" and tok.tag_ != "NNS":
            owners = [self.entity_at(t) for t in self.doc[tok.left_edge.i: tok.i] if t.dep_ in ("compound", "poss", "nmod")
                      or t.head.dep_ in ("compound", "poss", "nmod")]
            if lower in VOICE_NOUNS:
                owners += [self.entity_at(t) for t in mention if t.i > tok.i]
            owners = [e for e in owners if e is not None and (e.label in ("ORG", "NORP") or
                                                             e.label == "PERSON" and lower in VOICE_NOUNS)]
            if owners:
                return owners[-1], None
            # "his office said", "her campaign said": the owner is the person the pronoun refers to.
            possessive = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
            if possessive is not None and lower in VOICE_NOUNS:
                return self.antecedent(possessive), None
        if _looks_like_name(tok):
            name_tokens = [t for t in mention if _looks_like_name(t) and t.i <= tok.i]
            name = " ".join(t.text for t in name_tokens) if name_tokens else tok.text
            entity = self.by_name(name, tok.idx)
            return (entity, None) if entity is not None else (None, name)
        if tok.pos_ == "NOUN":
            return self.described(tok), None
        return None, None

    @staticmethod
    def is_definite(noun: Token) -> bool:
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in noun.children)

    def entity_at(self, tok: Token) -> Entity | None:
        """The canonical entity with a mention covering this token."""
        return self.entities.at(tok.idx, tok.idx + len(tok))

    def by_name(self, name: str, near_char: int) -> Entity | None:
        return self.entities.by_name(name, near_char=near_char)

    def gender_of(self, tok: Token) -> str | None:
        """Gender hint from an honorific or gendered noun in the phrase around a name."""
        phrase = list(tok.subtree) + [tok.nbor(-1)] if tok.i > 0 else list(tok.subtree)
        for t in phrase:
            hint = HONORIFIC_GENDER.get(t.lower_) or GENDERED_NOUNS.get(t.lower_)
            if hint:
                return hint
        return None

    def antecedent(self, pronoun: Token) -> Entity | None:
        """The person (or, for "it", organisation) a speaker pronoun ("he", "his office") or role
        description ("the senator") refers to, or None if unclear."""
        kind = SPEAKER_PRONOUNS.get(pronoun.lower_) or POSSESSIVE_PRONOUNS.get(pronoun.lower_) or (
            GENDERED_NOUNS.get(pronoun.lower_, "person") if pronoun.pos_ == "NOUN" else None)
        if kind is None:
            return None
        if kind != "n":
            # "X rebuked him: “…,” she said": a person who is a subject earlier in the pronoun's
            # own sentence comes first.
            for tok in reversed(self.doc[pronoun.sent.start:pronoun.i]):
                entity = self.entity_at(tok) if tok.dep_ in ("nsubj", "nsubjpass") and self.in_quote[tok.i] < 0 else None
                if entity is not None and entity.label == "PERSON" and self.gender_allows(entity, kind):
                    return entity
        first_paragraph = self.paragraph_of(pronoun.idx) - SALIENCE_PARAGRAPHS
        candidates: list[tuple[int, Entity]] = [(p, e) for p, e in self.salient if p < pronoun.idx]
        for pos, subject in self.subjects:
            if pos < pronoun.idx:
                entity = self.entity_at(subject)
                if entity is not None:
                    self.genders.setdefault(entity.key, self.gender_of(subject) or "")
                    candidates.append((pos, entity))
        for pos, entity in sorted(candidates, key=lambda c: c[0], reverse=True):
            if self.paragraph_of(pos) < first_paragraph:
                break
            if kind == "n":
                if entity.label in ("ORG", "GPE", "NORP"):
                    return entity
                continue
            if entity.label != "PERSON":
                continue
            if not self.gender_allows(entity, kind):
                continue
            if kind != "person":
                self.genders[entity.key] = kind
            return entity
        return None

    def gender_allows(self, entity: Entity, kind: str) -> bool:
        """Whether a pronoun of this kind ("m", "f", or "person" for a description) can refer
        to the entity: its gender is unknown or the same."""
        known = self.genders.get(entity.key)
        return kind == "person" or not known or known == kind

    def described(self, noun: Token) -> Entity | None:
        """The person an earlier mention gave this title ("Ambassador Pete Hoekstra" for "the ambassador"),
        or the organisation whose name contains the noun ("the ministry"). Only definite descriptions
        refer back: "a Republican strategist said" introduces somebody new."""
        if not self.is_definite(noun) or noun.tag_ == "NNS":
            return None   # "the senators" are several people
        lemma = noun.lemma_.lower()
        best: tuple[int, Entity] | None = None
        for ent in self.ents:
            if ent.start_char >= noun.idx:
                break
            if ent.label_ == "PERSON":
                titled = any(t.lemma_.lower() == lemma for t in self.doc[max(0, ent.start - 4): ent.start]
                             if t.head.i in range(ent.start, ent.end) or t.head.head.i in range(ent.start, ent.end))
                titled = titled or any(t.lemma_.lower() == lemma for c in ent.root.children if c.dep_ == "appos"
                                       for t in c.subtree)
            elif ent.label_ == "ORG":
                titled = lemma in ent.text.lower().split()
            else:
                titled = False
            if titled:
                entity = self.entities.for_span(ent)
                if entity is not None:
                    best = (ent.start_char, entity)
        if best is None and lemma in ROLE_NOUNS:
            return self.antecedent(noun)
        return best[1] if best else None


def _sentence_frame_left(article: _Article, span: QuotedSpan, bound: int) -> list[Token]:
    """Tokens of the quote's own sentence before its opening mark (after the previous quotation),
    leaving out the words of short quoted terms in between, and whitespace tokens."""
    tokens = [t for t in article.tokens_between(bound, span.open_char) if article.in_quote[t.i] < 0 and not t.is_space]
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].text in SENTENCE_END:
            return tokens[i + 1:]
    return tokens


def _sentence_frame_right(article: _Article, span: QuotedSpan, bound: int) -> list[Token]:
    """Tokens after the closing mark up to the end of that sentence (or the next quotation);
    whitespace tokens (a non-breaking space before a dash) are not part of the frame."""
    tokens = [t for t in article.tokens_between(span.close_char, bound) if article.in_quote[t.i] < 0 and not t.is_space]
    for i, tok in enumerate(tokens):
        if tok.text in SENTENCE_END:
            return tokens[:i + 1]
    return tokens


def _looks_like_name(tok: Token) -> bool:
    """A proper noun, or a capitalised word inside a sentence the tagger took for a noun ("D’Souza")."""
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start)


def _is_content_verb(tok: Token) -> bool:
    """A verb that can carry an attribution on its own ("barked", "called"), not "be" or "have"."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() not in ("be", "have")


# How many heads up from a quote's words its governing verb is looked for: a partial quote can sit
# deep inside a reported clause ("X said the chairman regards … the plan that the board is
# putting to members … in contrast to “…”").
GOVERNING_VERB_DEPTH = 14


def _governing_verbs(article: _Article, index: int, span: QuotedSpan) -> tuple[Token | None, Token | None]:
    """Verbs outside the quote that its words hang from, in the quote's paragraph: the nearest
    reporting verb ("X said that “…”", “…,” said X, partial quotes), and the nearest verb of
    any kind with a subject ("X called it “…”"). Climbing stops at an independent coordinated clause."""
    tokens = article.doc.char_span(span.open_char, span.close_char, alignment_mode="expand") or []
    reporting = any_verb = None
    for tok in tokens:
        if article.in_quote[tok.head.i] == index:
            continue
        head, child = tok.head, tok
        for _ in range(GOVERNING_VERB_DEPTH):
            if head.i == child.i or not article.same_paragraph(head, tok) or article.in_quote[head.i] >= 0:
                break
            if _is_reporting(head):
                reporting = reporting or head
                break
            if any_verb is None and _is_content_verb(head) and article.subject_of(head) is not None:
                any_verb = head
            # "… and he railed" is the writer's own clause; "… and that the panel “…”" is a second
            # complement of the same reporting verb.
            if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) and not any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                break
            head, child = head.head, head
    return reporting, any_verb


def _verb_and_subject_after_quote(article: _Article, right: list[Token]) -> tuple[Token, Token] | None:
    """A verb of any kind right after a quote, next to its subject: “…,” Trump barked."""
    words = [t for t in right[:6] if not t.is_punct]
    for position, tok in enumerate(words):
        if not _is_content_verb(tok):
            continue
        subject = article.subject_of(tok)
        if subject is not None and right[0].i <= subject.i and abs(subject.i - tok.i) <= 4:
            return tok, subject
        # The parser sometimes hangs "Trump barked" off the quote; the name just before still speaks.
        names = words[:position]
        if names and all(_looks_like_name(t) or t.lower_ in SPEAKER_PRONOUNS for t in names):
            return tok, names[-1]
        return None
    return None


def _attribute_direct(article: _Article, index: int, left_bound: int, right_bound: int) -> tuple[_Attribution, bool]:
    """How a direct quote is attributed within its own sentence; the bool says the quote is a
    whole utterance (nothing of its sentence before it, or a lead-in ending in a colon or comma)."""
    span = article.spans[index]
    left = _sentence_frame_left(article, span, left_bound)
    right = _sentence_frame_right(article, span, right_bound)
    standalone = not left or left[-1].text in (":", ",")
    quoted = article.text[span.start_char:span.end_char]
    # After “… work.” a capitalised word starts a new sentence, not an attribution.
    right_attaches = bool(right) and (quoted[-1:] not in ".…" or not right[0].text[:1].isupper())

    def attributed(verb: Token | None, cue: str | None = None) -> _Attribution | None:
        subject = article.subject_of(verb) if verb is not None else None
        return _Attribution(cue or _cue_text(verb), subject) if subject is not None else None

    # A lead-in before a quote that ends its sentence wins over a verb after it: in
    # "Clinton responds with, “Why now?” Mills then writes back" Mills answers, Clinton asks.
    if left and left[-1].text in (":", ",") and quoted[-1:] in ".?!…":
        found = _lead_in_attribution(article, left)
        if found:
            return found, True
    # “…,” said X. / “…,” X, who …, said. / “…,” X told Y.
    first_reporting = next((t for t in right if _is_reporting(t)), None) if right_attaches else None
    found = attributed(first_reporting)
    if found:
        return found, not left
    # “…” – X  (dash attribution)
    if right and right[0].text[:1] in DASHES and len(right) > 1:
        named = next((t for t in right[1:4] if t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN"), None)
        if named is not None:
            head = named
            while head.head.i != head.i and head.head.i <= right[-1].i and head.head.pos_ == "PROPN" and head.head.i > head.i:
                head = head.head
            return _Attribution(right[0].text, head), not left
    # according to X, … “…”  /  “…”, according to X
    for frame in (right, left):
        according = _according_to(frame)
        if according is not None:
            return _Attribution("according to", according[1]), False
    reporting, any_verb = _governing_verbs(article, index, span)
    # X said “…” / X said that “…” … / …, adding that “…”
    found = attributed(reporting)
    if found:
        return found, standalone
    # X said: “…” / Hillary shot back, “…” / Continued Stone: “…” / When Trump wrapped up — “…”
    if left and (left[-1].text in (":", ",") or left[-1].text[:1] in DASHES):
        found = _lead_in_attribution(article, left)
        if found:
            return found, True
    # “Go back to Univision,” Trump barked.
    if right_attaches:
        verb_and_subject = _verb_and_subject_after_quote(article, right)
        if verb_and_subject is not None:
            return _Attribution(_cue_text(verb_and_subject[0]), verb_and_subject[1]), not left
    # Trump called the show “…”
    found = attributed(any_verb)
    if found:
        return found, False
    # A reporting verb elsewhere in the sentence: “…” he said of the plan on Monday.
    for tok in list(right) + list(reversed(left)):
        found = attributed(tok) if _is_reporting(tok) else None
        if found:
            return found, False
    return _Attribution(), standalone


def _lead_in_attribution(article: _Article, lead_in: list[Token]) -> _Attribution | None:
    """Speaker of the words introducing a quote: "X said:", "Hillary shot back,", "Continued
    Stone:", "When Trump wrapped up —", "Republican pollster Daron Shaw:"."""
    reporting = [t for t in lead_in if _is_reporting(t)]
    if reporting:
        subject = article.subject_of(reporting[-1])
        if subject is not None:
            return _Attribution(_cue_text(reporting[-1]), subject)
    if lead_in[-1].text == ":" and len(lead_in) > 1:
        name = lead_in[-2]
        if name.ent_type_ in ("PERSON", "ORG") or name.pos_ == "PROPN":
            return _Attribution(":", name)
    for verb in reversed([t for t in lead_in if _is_content_verb(t)]):
        subject = article.subject_of(verb)
        if subject is not None:
            return _Attribution(_cue_text(verb), subject)
    return None


def _lead_in(article: _Article, paragraph: int) -> _Attribution | None:
    """Speaker from the previous paragraph when it ends with a colon: "Breitbart News responded:"."""
    if paragraph == 0:
        return None
    p_start, p_end = article.paragraphs[paragraph - 1]
    if not article.text[p_start:p_end].rstrip().endswith(":"):
        return None
    tokens = [t for t in article.tokens_between(p_start, p_end) if article.in_quote[t.i] < 0]
    last_sentence_start = max((i + 1 for i, t in enumerate(tokens[:-1]) if t.text in SENTENCE_END), default=0)
    return _lead_in_attribution(article, tokens[last_sentence_start:]) if tokens else None


def _previous_sentence_subject(article: _Article, span: QuotedSpan) -> Token | None:
    """The named or pronoun subject of the sentence just before a quote that has no attribution."""
    first = article.doc.char_span(span.open_char, span.close_char, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    previous = article.doc[first.start - 1].sent
    if article.paragraph_of(previous.start_char) < article.paragraph_of(span.open_char) - 1:
        return None
    def speaker_like(tok: Token) -> bool:
        entity = article.entity_at(tok)
        return tok.lower_ in ("he", "she") or (entity is not None and entity.label in ("PERSON", "ORG"))

    # The subject of the sentence's last reporting verb ("Moll elaborated in a column that …",
    # even when the parser makes another verb the root), else the subject of its root.
    for verb in reversed([t for t in previous if _is_reporting(t) and article.in_quote[t.i] < 0]):
        subject = article.subject_of(verb)
        if subject is not None and speaker_like(subject):
            return subject
    for child in previous.root.children:
        if child.dep_ == "nsubj" and article.in_quote[child.i] < 0 and speaker_like(child):
            return child
    return None


def _is_quotation(article: _Article, span: QuotedSpan) -> bool:
    """Long enough to be somebody's words rather than a quoted term, and not a title."""
    quoted = article.text[span.start_char:span.end_char]
    return word_count(quoted) >= MIN_QUOTE_WORDS and not looks_like_title(quoted)


# Words a title leaves in lower case ("Life in the Fast Lane", "Mornings with Jo Bell").
TITLE_MINOR_WORDS = frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "of", "on", "in", "at", "to",
                               "by", "with", "from", "as", "vs", "vs.", "is", "de", "la", "y", "&"})
_TITLE_EDGE = "“”\"‘’'()[],.;:"


def looks_like_title(quoted: str) -> bool:
    """A name in quotation marks (a show, event, group or slogan: “The Late Evening Report”,
    “Fair Roads for Every County”), not somebody's words: two to ten words, every one capitalised
    except short function words. An utterance is not a title: all capitals (a shouted line or
    headline), a closing "!" or "?", or a full stop inside ("Go Home. Now.")."""
    core = quoted.strip().rstrip(",;:").strip()
    if core.endswith(("!", "?")) or re.search(r"[.!?]\s+\S", core):
        return False
    words = [w.strip(_TITLE_EDGE) for w in core.split()]
    words = [w for w in words if w]
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    if not 2 <= len(words) <= 10 or not lettered or all(w.isupper() for w in lettered):
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_MINOR_WORDS for w in words)


# An all-capitals speaker label opening a line of a transcript: "PENCE: Well, look, …".
TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s+(?=\S)")
# Capitalised lead-ins that are not somebody speaking.
NOT_SPEAKER_LABELS = {"UPDATE", "UPDATED", "WARNING", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "BREAKING",
                      "WATCH", "CORRECTION", "VIDEO", "PHOTOS", "RELATED", "READ MORE", "CLAIM", "FACT", "VERDICT",
                      "PS", "P.S.", "NB", "FYI", "TRANSCRIPT"}


def _transcript_label(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(label, where the words start) for a quoted transcript line that opens with its speaker's
    label in capitals ("WALLACE: Governor, …"): the label says who speaks, the words after it are
    the quote."""
    match = TRANSCRIPT_LABEL.match(text, start, end)
    if match is None or match.group(1) in NOT_SPEAKER_LABELS:
        return None
    return match.group(1), match.end()


# Page furniture a quote left open at the end of an article can run into.
PAGE_FURNITURE = re.compile(r"(Follow|Like|Subscribe to)\b.{0,80}\b(on|at)\s+(Twitter|Facebook|Instagram|YouTube)\b.{0,40}$",
                            re.I | re.S)


def _direct_statements(article: _Article) -> list[_Statement]:
    """Every quoted span, attributed. Short quoted terms neither bound the attribution frames of
    the quotations around them nor pass their speaker on."""
    statements: list[_Statement] = []
    previous: _Statement | None = None   # the last quotation
    quotations = [i for i, span in enumerate(article.spans) if _is_quotation(article, span)]
    for index, span in enumerate(article.spans):
        paragraph = article.paragraph_of(span.open_char)
        p_start, p_end = article.paragraphs[paragraph]
        left_bound = max(p_start, previous.span.close_char) if previous and previous.paragraph == paragraph else p_start
        following = next((article.spans[i].open_char for i in quotations if i > index), p_end)
        right_bound = min(p_end, following) if following > span.close_char else p_end
        start = span.start_char
        label = _transcript_label(article.text, span.start_char, span.end_char)
        if label is not None:
            attribution, standalone, start = _Attribution(":", speaker_label=label[0]), True, label[1]
        else:
            attribution, standalone = _attribute_direct(article, index, left_bound, right_bound)
        if attribution.speaker_token is not None and _is_possessor(attribution.speaker_token):
            attribution = _Attribution(attribution.cue)   # "…” – Channel Nine’s Ann Lee" went wrong upstream
        if attribution.speaker_token is None and attribution.speaker_label is None:
            attribution = _floating_attribution(article, span, paragraph, previous) or attribution
        statement = _Statement(start, span.end_char, "direct", attribution, paragraph,
                               standalone=standalone, span=span)
        statements.append(statement)
        if index in quotations:
            previous = statement
    return statements


def _signature_after(article: _Article, span: QuotedSpan, paragraph: int) -> _Attribution | None:
    """A quote closing its paragraph, signed on the next line: “…” / – Bernie Sanders."""
    p_end = article.paragraphs[paragraph][1]
    if paragraph + 1 >= len(article.paragraphs) or article.text[span.close_char:p_end].strip(" .,;") != "":
        return None
    n_start, n_end = article.paragraphs[paragraph + 1]
    signature = [t for t in article.tokens_between(n_start, n_end) if not t.is_space]
    if not signature or signature[0].text[:1] not in DASHES or len(signature) > 15:
        return None
    names = [t for t in signature[1:5] if t.ent_type_ in NAME_LABELS or _looks_like_name(t)]
    if not names:
        return None
    last = names[0]
    while last.i + 1 < len(article.doc) and article.doc[last.i + 1] in names:
        last = article.doc[last.i + 1]
    return _Attribution(signature[0].text, last)


def _floating_attribution(article: _Article, span: QuotedSpan, paragraph: int,
                          previous: _Statement | None) -> _Attribution | None:
    """A quote without attribution in its sentence: the quote it continues, the last speaker
    named earlier in its paragraph, a colon lead-in, or the previous sentence's subject."""
    signed = _signature_after(article, span, paragraph)
    if signed is not None:
        return signed
    if previous is not None and (span.continues_previous or previous.paragraph == paragraph):
        return _Attribution(inherited_from=previous)
    # "The new coach is a “safe pair of hands,” Ortega said. “That is what this club needs.”"
    p_start = article.paragraphs[paragraph][0]
    for tok in reversed(article.tokens_between(p_start, span.open_char)):
        if article.in_quote[tok.i] < 0 and _is_reporting(tok):
            subject = article.subject_of(tok)
            if subject is not None:
                return _Attribution(_cue_text(tok), subject)
    lead_in = _lead_in(article, paragraph)
    if lead_in is not None:
        return lead_in
    opens_paragraph = span.open_char == p_start
    if opens_paragraph and previous is not None and previous.paragraph == paragraph - 1 and (
            previous.attribution.speaker_token is not None or previous.attribution.inherited_from is not None):
        return _Attribution(inherited_from=previous)
    subject = _previous_sentence_subject(article, span)
    if subject is not None:
        return _Attribution(None, subject)
    return None


# --------------------------------------------------------------------------- reported speech

def _clause_bounds(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of a reported clause without a leading "that"/comma, a trailing
    non-restrictive ", which …" or ", who …" or a trailing description of a name (", a former
    mayor who …": the writer’s aside, not the report) or trailing punctuation."""
    for i in range(1, len(tokens) - 1):
        if tokens[i].text != ",":
            continue
        if tokens[i + 1].lower_ in ("which", "who") and tokens[i + 1].head.dep_ == "relcl":
            aside_end = tokens[i + 1].head.right_edge.i
        elif _describes_name(tokens[i + 1], tokens[i]):
            aside_end = tokens[i + 1].head.right_edge.i if tokens[i + 1].dep_ != "appos" else tokens[i + 1].right_edge.i
        else:
            continue
        # Only an aside that ends the clause: in "the bakery, which a family trust owns,
        # raised wages" the clause goes on after it.
        if all(t.is_punct for t in tokens if t.i > aside_end):
            tokens = tokens[:i]
            break
    while tokens and (tokens[0].is_punct and tokens[0].text not in "“\"‘'" or tokens[0].lower_ in ("that",)):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\"’'" or tokens[-1].dep_ == "cc"):
        if tokens[-1].text == ")" and sum(t.text == "(" for t in tokens) >= sum(t.text == ")" for t in tokens):
            break   # the bracket of "(D-Va.)" closes a pair within the clause
        tokens = tokens[:-1]   # ", and" left over where a following clause was cut
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _describes_name(first: Token, comma: Token) -> bool:
    """Whether the phrase starting at ``first`` right after ``comma`` is an appositive describing
    a proper name before the comma ("Rep. Dana Whitcombe, a former mayor …")."""
    appos = first if first.dep_ == "appos" else first.head if first.dep_ in ("det", "amod", "compound") else None
    return (appos is not None and appos.dep_ == "appos" and appos.left_edge.i == first.i
            and appos.head.i < comma.i and appos.head.pos_ == "PROPN")


def _inside_quotes(article: _Article, start: int, end: int) -> float:
    """Share of a character range lying within quotation marks."""
    covered = sum(max(0, min(end, s.close_char) - max(start, s.open_char)) for s in article.spans)
    return covered / max(1, end - start)


# Lemmas that report speech next to a quote but take infinitives of something else ("continued to").
# "He continued" attributes a quote, but "continue" governs no reported clause.
NOT_REPORTING_CLAUSES = {"continue"}
NO_INFINITIVE_CONTENT = {"continue", "agree", "point", "add", "note"}


# Reporting verbs whose noun-phrase object is the report itself ("announced a benefit concert",
# "acknowledged the agency's limits"); the object of "say" or "tell" is not ("said it", "told reporters").
NOMINAL_REPORT_LEMMAS = {"announce", "claim", "deny", "acknowledge", "confirm", "reveal", "disclose", "admit",
                         "report", "promise", "pledge", "predict", "note", "stress", "emphasize", "mention",
                         "recall", "reiterate", "concede"}


def _reported_clauses(article: _Article, verb: Token) -> list[list[Token]]:
    """Token runs a reporting verb presents as what was said: its clause ("said (that) …",
    "asked whether …"), its infinitive ("urged Congress to …"), or the clause it interrupts or
    follows ("…, X said", "Now, X said, …", "As X noted, …"); failing those, the noun phrase some
    verbs report ("announced a benefit concert")."""
    runs = []
    for child in verb.children:
        if not article.same_paragraph(child, verb) or article.in_quote[child.i] >= 0 and child.dep_ != "ccomp":
            continue
        if child.dep_ == "ccomp" and child.i < verb.i and any(
                article.in_quote[i] >= 0 for i in range(child.right_edge.i + 1, verb.i)):
            continue   # "X rebuked him: “…,” she said": the words before the quote lead it in
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and verb.lemma_.lower() not in NO_INFINITIVE_CONTENT):
            runs.append(_without_new_main_clause(article.within_paragraph(verb, child.left_edge.i, child.right_edge.i), child))
        elif child.dep_ == "advcl" and child.i > verb.i and any(m.dep_ == "mark" and m.lower_ in ("if", "whether")
                                                               for m in child.children):
            runs.append(article.within_paragraph(verb, child.left_edge.i, child.right_edge.i))   # asked whether …
        elif _unmarked_clause_after(verb, child):
            # The phrase the parser hung inside it ("after the convention") belongs to the verb.
            subject = next(c for c in child.children if c.dep_ in ("nsubj", "nsubjpass"))
            start = min(subject.left_edge.i, child.i)
            runs.append(_without_new_main_clause(article.within_paragraph(verb, start, child.right_edge.i), child))
    if not runs:
        runs += _misattached_that_clauses(article, verb)
    if not runs and verb.lemma_.lower() in NOMINAL_REPORT_LEMMAS:
        for child in verb.children:
            if child.dep_ == "dobj" and article.in_quote[child.i] < 0 and child.pos_ != "PRON":
                runs.append(article.within_paragraph(verb, child.left_edge.i, child.right_edge.i))
    if not runs:
        runs += _topic_of_speech(article, verb)
    participle = verb.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if not runs and verb.head.pos_ in ("VERB", "AUX") and not participle and not _is_reporting(verb.head) and (
            verb.dep_ == "parataxis" or verb.dep_ in ("advcl", "ccomp") and verb.head.i < verb.i):
        # "<clause>, X said.", "<clause>, she said, <clause>" and "As X noted, <clause>": the
        # clause the verb hangs from.
        fronted = next((c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i), None)
        if verb.dep_ == "parataxis" and verb.head.i > verb.i and fronted is not None:
            # "If the appeal fails, Mr. Ruiz argues, there are other courts": the parser hangs the
            # fronted clause from the attribution; the whole sentence around it is the report.
            runs.append(article.within_paragraph(verb, fronted.left_edge.i, verb.head.right_edge.i))
        else:
            runs.append(_outside(article, verb.head, verb))
    elif not runs and verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):
        runs.append(_outside(article, verb.head, verb))
    # A run that starts inside a direct quote and ends outside it is a parse that swallowed the
    # attribution ("“It is …,” Ines Varga, a senior adviser"); the direct quote reports it.
    runs = [run for run in (_within_sentence(article, r, verb) for r in runs) if run]
    return [run for run in runs if article.in_quote[run[0].i] < 0 or article.in_quote[run[-1].i] == article.in_quote[run[0].i]]


# Prepositions that introduce what a statement was about: "warned of …", "argued against …",
# "complained about …" (not "on", "in", "at": mostly when and where it was said), after verbs
# whose topic is a statement of its own; "said of …" after a quote names the quote's topic, and
# "writes about …" is mostly somebody's beat.
TOPIC_PREPOSITIONS = {"about", "against", "of"}
TOPIC_LEMMAS = {"warn", "caution", "argue", "ask", "complain", "boast", "muse", "testify", "comment", "remark"}


def _topic_of_speech(article: _Article, verb: Token) -> list[list[Token]]:
    """"X warned of the risks a trade war would bring", "Y argued against new checks at the border":
    a reporting verb with no clause of its own still reports what it was about."""
    if verb.lemma_.lower() not in TOPIC_LEMMAS or _is_question(verb):
        return []   # a question put to somebody: see _question_topics
    return _prepositional_objects(article, verb, verb.rights, TOPIC_PREPOSITIONS, pronouns=False)


def _unmarked_clause_after(verb: Token, clause: Token) -> bool:
    """"Trump said after the convention he would not accept …": with a phrase between the verb and
    its complement the parser can hang the complement as an adverbial clause. A finite clause with
    its own subject and no subordinating conjunction after a reporting verb is what was reported."""
    return (clause.dep_ == "advcl" and clause.i > verb.i and clause.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
            and not any(c.dep_ in ("mark", "advmod") and c.i < clause.i and c.lower_ != "that" for c in clause.children)
            and clause.tag_ != "VBG")


def _misattached_that_clauses(article: _Article, verb: Token) -> list[list[Token]]:
    """"X said late on Tuesday during a radio interview that he might hold off" and "X told a meeting
    of growers that …": the parser can hang the that-clause from the last noun as a relative clause. A relative clause introduced by "that"
    as a conjunction (not as its subject or object) after a reporting verb's own phrase is what
    the verb reported."""
    runs = []
    for prep in (c for c in verb.rights if c.dep_ in ("prep", "npadvmod", "dobj")):
        for noun in prep.subtree:
            for clause in (c for c in noun.children if c.dep_ == "relcl" and c.i > noun.i):
                that = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that"), None)
                if that is not None and article.in_quote[that.i] < 0:
                    runs.append(article.within_paragraph(verb, that.i, clause.right_edge.i))
    return runs


def _within_sentence(article: _Article, run: list[Token], verb: Token) -> list[Token]:
    """A reported clause is one clause: when the parser runs it on past a full stop or a semicolon
    outside quotation marks ("X said A; they only learned B"), keep the part on the verb's side."""
    stops = [i for i, t in enumerate(run) if (t.text in SENTENCE_END or t.text == ";") and article.in_quote[t.i] < 0
             and i + 1 < len(run)]
    if not stops:
        return run
    return run[:stops[0]] if run[0].i > verb.i else run[stops[-1] + 1:]


def _outside(article: _Article, head: Token, inner: Token) -> list[Token]:
    """The head's clause without the inner verb's subtree: the longer side of it when the
    attribution sits inside ("Now, she said, the two communities don't mix much")."""
    before = article.within_paragraph(head, head.left_edge.i, inner.left_edge.i - 1)
    after = article.within_paragraph(head, inner.right_edge.i + 1, head.right_edge.i)
    return max(before, after, key=lambda run: sum(not t.is_punct for t in run))


ADDED_CLAUSE_MARKS = {"while", "whereas", "although", "though"}


def _is_contrast_clause(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ADDED_CLAUSE_MARKS for m in clause.children)


def _without_new_main_clause(tokens: list[Token], clause_head: Token) -> list[Token]:
    """Cut a reported clause where the writer's own narration resumes, which the parser often
    hangs inside it: ", and he railed …" (a comma, a conjunction and a pronoun subject), or
    "… but did not comment further" (a subjectless reporting verb: the speaker again, not the
    reported clause's subject)."""
    for conj in (c for c in clause_head.children if c.dep_ == "conj" and c.i > clause_head.i):
        own_subjects = [s for s in conj.children if s.dep_ in ("nsubj", "nsubjpass")]
        cut = conj.left_edge.i
        previous = [t for t in tokens if t.i < cut]
        second_complement = any(m.dep_ == "mark" and m.lower_ == "that" for m in conj.children)
        if previous and previous[-1].dep_ == "cc" and not second_complement:   # not "…, but that he would …"
            if any(s.pos_ == "PRON" for s in own_subjects) and len(previous) >= 2 and previous[-2].text == ",":
                return previous[:-2]
            if _is_reporting(conj):
                return previous[:-1]   # "… and did not comment further", "…, and 4 in 10 said …"
    # "…, while most others prefer …", "…, calling it a dull document": a contrast or
    # participle the writer adds after the report.
    for clause in (c for c in clause_head.children if c.dep_ == "advcl" and c.i > clause_head.i):
        previous = [t for t in tokens if t.i < clause.left_edge.i]
        after_comma = bool(previous) and previous[-1].text == ","
        if after_comma and (clause.tag_ == "VBG" or _is_contrast_clause(clause)):
            return previous
    return tokens


def _is_question(verb: Token) -> bool:
    """A question put to somebody: "X was asked whether …", "Asked about the wall, …". The one
    asked is not the speaker; the asker often goes unnamed."""
    return verb.lemma_.lower() == "ask" and verb.tag_ == "VBN" and (
        _is_passive(verb) or verb.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "aux") for c in verb.children))


def _by_agent(verb: Token) -> Token | None:
    """The "by X" of a passive verb: "was asked by reporters whether …", "was announced by the ministry"."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _question_topics(article: _Article, verb: Token) -> list[list[Token]]:
    """What a question was about: "Asked about the vote, X said …" reports "the vote". Only the
    participle opening a sentence: after "X was asked about Y and said …" the answer carries the
    report (measured: topic rows there added nothing on polnear_train and were false positives
    on the sample article)."""
    if _is_passive(verb):
        return []
    return _prepositional_objects(article, verb, verb.children, {"about"})


def _prepositional_objects(article: _Article, verb: Token, candidates, prepositions: set[str],
                           pronouns: bool = True) -> list[list[Token]]:
    """The unquoted objects of those ``candidates`` that are prepositions in ``prepositions``
    ("about the vote"), each as the run of tokens it spans in the verb's paragraph."""
    return [article.within_paragraph(verb, obj.left_edge.i, obj.right_edge.i)
            for prep in candidates if prep.dep_ == "prep" and prep.lower_ in prepositions
            for obj in prep.children if obj.dep_ == "pobj" and article.in_quote[obj.i] < 0
            and (pronouns or obj.pos_ != "PRON")]


# Reporting verbs whose passive mostly means something else: "were admitted (to NATO)", "was
# recalled (by the maker)", "was stressed".
OTHER_SENSES_WHEN_PASSIVE = {"admit", "recall", "stress"}


def _is_idiom_without_speaker(verb: Token) -> bool:
    """"It is worth noting that …", "It goes without saying that …", "needless to say": the writer's
    own comment in the form of a report, with nobody reporting anything."""
    if verb.i == 0:
        return False
    before = verb.nbor(-1).lower_
    return verb.tag_ == "VBG" and before in ("worth", "without") or (
        verb.lemma_.lower() == "say" and before == "to" and verb.i > 1 and verb.nbor(-2).lower_ == "needless")


def _indirect_statements(article: _Article) -> list[_Statement]:
    doc = article.doc
    statements = []
    for tok in doc:
        if article.in_quote[tok.i] >= 0:
            continue
        asked = _is_question(tok)
        if _is_idiom_without_speaker(tok):
            continue
        if asked or _is_reporting(tok) and tok.lemma_.lower() not in NOT_REPORTING_CLAUSES:
            speaker = _by_agent(tok) if asked else article.subject_of(tok)
            for run in _reported_clauses(article, tok) + (_question_topics(article, tok) if asked else []):
                bounds = _clause_bounds(run)
                if bounds is None or word_count(article.text[bounds[0]:bounds[1]]) < 3:
                    continue
                if _inside_quotes(article, *bounds) > 0.6:
                    continue  # the direct quote already carries it
                statements.append(_Statement(bounds[0], bounds[1], "indirect", _Attribution(_cue_text(tok), speaker),
                                             article.paragraph_of(bounds[0])))
        elif tok.lemma_.lower() in NOMINAL_REPORT_LEMMAS - OTHER_SENSES_WHEN_PASSIVE and tok.tag_ == "VBN" and _is_passive(tok):
            # "the deal was announced (by X)": the passive subject is what was reported.
            for subject in (c for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON" and article.in_quote[c.i] < 0):
                bounds = _clause_bounds(article.within_paragraph(tok, subject.left_edge.i, subject.right_edge.i))
                if bounds is not None and word_count(article.text[bounds[0]:bounds[1]]) >= 2:
                    statements.append(_Statement(bounds[0], bounds[1], "indirect", _Attribution(_cue_text(tok), _by_agent(tok)),
                                                 article.paragraph_of(bounds[0])))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
            statement = _according_to_statement(article, tok)
            if statement is not None:
                statements.append(statement)
    return statements


def _unquoted_blocks(article: _Article) -> list[_Statement]:
    """A paragraph that a reporting lead-in ending in a colon introduces ("Limbaugh added:") and
    that carries no quotation marks of its own: the words the lead-in reports, set as a block."""
    statements = []
    for paragraph, (p_start, p_end) in enumerate(article.paragraphs):
        start, end = _trimmed(article.text, p_start, p_end)
        if _inside_quotes(article, start, end) > 0 or word_count(article.text[start:end]) < 3:
            continue
        attribution = _lead_in(article, paragraph)
        if attribution is not None and attribution.cue != ":":
            statements.append(_Statement(start, end, "indirect", attribution, paragraph))
    return statements


def _outermost(statements: list[_Statement]) -> list[_Statement]:
    """Reported speech inside reported speech ("X said that critics had been predicting …") is
    part of the outer report, not a report of its own."""
    return [s for s in statements if not any(o is not s and o.start_char <= s.start_char and s.end_char <= o.end_char
                                             and (o.end_char - o.start_char) > (s.end_char - s.start_char) for o in statements)]


def _according_to_statement(article: _Article, according: Token) -> _Statement | None:
    """"According to X, <clause>" and "<clause>, according to X": the clause is what X reported."""
    source = _according_to_source(according)
    head = according.head
    if source is None or head.i == according.i:
        return None
    if not article.same_paragraph(head, according):
        return None
    if according.i < head.i:
        tokens = article.within_paragraph(according, according.right_edge.i + 1, head.right_edge.i)
    else:
        # "A got 37 percent, B 36 and C 13, according to the poll" reports the whole coordination,
        # but not a lead-in before a colon or semicolon.
        while (head.dep_ == "conj" or _is_contrast_clause(head)) and head.head.i < head.i and \
                article.same_paragraph(head.head, according):
            head = head.head   # "A raised $3 million, while B raised $6 million, according to …" too
        tokens = article.within_paragraph(according, head.left_edge.i, according.left_edge.i - 1)
        breaks = [i for i, t in enumerate(tokens) if t.text in (":", ";") and article.in_quote[t.i] < 0]
        tokens = tokens[breaks[-1] + 1:] if breaks else tokens
    bounds = _clause_bounds(tokens)
    if bounds is None or word_count(article.text[bounds[0]:bounds[1]]) < 3 or _inside_quotes(article, *bounds) > 0.6:
        return None
    return _Statement(bounds[0], bounds[1], "indirect", _Attribution("according to", source),
                      article.paragraph_of(bounds[0]))


# --------------------------------------------------------------------------- public interface

def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """Direct and reported quotes of an article, in text order, with their speakers resolved."""
    article = _Article(doc, entities)
    direct = _direct_statements(article)
    statements = sorted(direct + _outermost(_indirect_statements(article) + _unquoted_blocks(article)), key=lambda s: (s.start_char, s.type))
    for statement in statements:  # in text order, so pronouns see the speakers before them
        article.resolve(statement)
    quotes = []
    for s in statements:
        quoted = article.text[s.start_char:s.end_char]
        if s.type == "direct" and (looks_like_title(quoted) or PAGE_FURNITURE.match(quoted) or word_count(quoted) < MIN_QUOTE_WORDS and not (
                s.standalone and s.attribution.speaker_token is not None)):
            continue
        quotes.append(Quote(
            text=article.text[s.start_char:s.end_char], start_char=s.start_char, end_char=s.end_char,
            type=s.type, speaker=s.speaker_name, speaker_mention=s.speaker_mention,
            speaker_key=s.speaker_key, cue=s.attribution.cue,
        ))
    return quotes


def quote_rows(article_id: str, quotes: list[Quote]) -> list[dict]:
    return [
        {"article_id": article_id, "quote_index": i, "text": q.text, "start_char": q.start_char,
         "end_char": q.end_char, "type": q.type, "speaker": q.speaker, "speaker_mention": q.speaker_mention,
         "speaker_key": q.speaker_key, "cue": q.cue}
        for i, q in enumerate(quotes)
    ]
