"""Entities: one canonical row per person, organisation and place in an article.

Plain functions over a spaCy ``Doc`` so they can be tested without Beam. The quote
extractor reuses :func:`resolve_entities` so that ``quotes.speaker`` names the same
canonical entity as the ``entities`` table.

The small English model finds names but labels them inconsistently ("Carney" as GPE,
"Hoekstra" as ORG) and writes one person several ways ("Prime Minister Mark Carney",
"Carney's"). Resolution works only from the article's own evidence:

1. every NER mention is cleaned: leading articles, possessives, punctuation and (for
   people) titles such as "Prime Minister" or "Sen." are cut from its offsets;
2. acronyms the article introduces ("... Corporation (CBC)") or whose letters spell a
   longer organisation name in the article join that organisation;
3. people are clustered: full names that agree on first name and surname merge
   ("Hillary Clinton" into "Hillary Rodham Clinton"); a bare surname (or first name)
   joins the one person who has it, whatever label the model gave it; when two people
   share the surname it joins the one named in full just before, else the one the
   article mentions most;
4. the remaining mentions group by surface form under their majority label; PERSON
   tags the article contradicts (a word it also uses in lower case, a digit, a span
   wrapping an organisation's name, a family "the Clintons") are dropped, names ending
   "Society", "University", ... become ORG, and short organisation names ("Daily News",
   "Hofstra") join the one full name they shorten;
5. untagged occurrences of a known person's name or surname become mentions, so a
   quote attribution like "said Hoekstra" resolves even where the model saw nothing.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from nameparser.config import CONSTANTS as NAMEPARSER
from spacy.tokens import Doc, Span, Token

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}

# nameparser's list of titles and honorifics (Mr, Prime, Minister, Ambassador, ...), without
# the place words it also lists, plus newsroom titles it lacks.
TITLE_WORDS = frozenset(
    (set(NAMEPARSER.titles) - {"us", "uk", "united", "states", "british", "english", "st", "saint", "sainte"})
    | {"sen", "spokesman", "spokeswoman", "chairman", "chairwoman", "congressman", "congresswoman",
       "assemblyman", "assemblywoman", "candidate", "nominee", "former", "ex", "lawmaker", "then",
       "billionaire", "mogul", "tycoon"}
)
# Titles that stay part of a one-word name: "Pope Francis", "Queen Elizabeth", "Uncle Sam".
REGNAL_TITLES = frozenset({"pope", "king", "queen", "prince", "princess", "emperor", "empress", "sultan", "tsar",
                           "uncle", "aunt", "auntie"})
NAME_PARTICLES = frozenset(NAMEPARSER.prefixes)  # bin, van, de, la, ... (lower case inside names)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"})
# Last words that make a name an organisation's ("John Birch Society"), whatever the model said.
ORGANISATION_HEADS = frozenset({
    "society", "party", "foundation", "institute", "institution", "university", "college", "committee",
    "association", "council", "agency", "department", "ministry", "inc", "corp", "corporation", "company",
    "center", "centre", "league", "network", "administration", "campaign", "commission", "caucus",
    "coalition", "federation", "organization", "organisation", "alliance", "trust", "fund", "grants"})
POSSESSIVE = {"'s", "’s", "‘s", "'", "’"}
LEADING_DETERMINERS = {"the", "a", "an"}
ACRONYM_SKIPPED_WORDS = {"of", "and", "the", "for", "on", "in", "at", "to", "&"}
# "Full Name (ACR)": an acronym in brackets right after a mention introduces it.
# How far back (in characters) a full name decides whom a shared bare surname means.
NAMESAKE_WINDOW = 300
INTRODUCED_ACRONYM = re.compile(r"\s*\(\s*((?:[A-Z]\.?){2,8}|[A-Z][A-Za-z&]{1,7}[A-Z])\s*\)")


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


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case, accents, punctuation and spacing folded: the form names are compared in (cached:
    resolution compares the same few names many times)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s]", "", stripped).split())


def entity_key(name: str, label: str) -> str:
    """Normalised name plus label: case, accents and punctuation folded, for joins across articles."""
    return f"{label}:{fold(name)}"


class EntityIndex:
    """The canonical entities of one article, and lookup of the entity a span or name refers to."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_offset = {(s, e): ent for ent in entities for s, e, _ in ent.mentions}
        # Mentions sorted by start, for overlap lookups.
        self._spans = sorted(((s, e, ent) for ent in entities for s, e, _ in ent.mentions), key=lambda m: m[:2])
        self._starts = [s for s, _, _ in self._spans]
        self._longest = max((e - s for s, e, _ in self._spans), default=0)

    def at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity with a mention overlapping [start_char, end_char), if any.

        When several overlap ("U.S. Ambassador to Canada Pete Hoekstra"), a person wins,
        then the mention ending last (English noun phrases put the head last).
        """
        hit = self._by_offset.get((start_char, end_char))
        if hit:
            return hit
        overlapping = []
        i = bisect.bisect_left(self._starts, end_char) - 1
        while i >= 0 and self._starts[i] + self._longest > start_char:
            s, e, ent = self._spans[i]
            if start_char < e:
                overlapping.append((ent.label == "PERSON", e, ent))
            i -= 1
        if not overlapping:
            return None
        return max(overlapping, key=lambda hit: hit[:2])[2]

    def for_span(self, span: Span) -> Entity | None:
        return self.at(span.start_char, span.end_char)

    def by_name(self, text: str, near_char: int | None = None) -> Entity | None:
        """The entity a bare name refers to: "Joly", "Mélanie Joly's", "Mr. Trump".

        A form the article used comes first, then a surname or first name of one person.
        When two people share the surname (or first name), ``near_char`` (where the name
        was written) picks the one mentioned most recently before it; without it, None.
        """
        words = _name_words_of_string(text)
        if not words:
            return None
        folded = tuple(fold(w) for w in words)
        people = [ent for ent in self.entities if ent.label == "PERSON"]
        by_surname = [p for p in people if _ends_with(_folded_words(p.name), folded)]
        by_first = [p for p in people if len(folded) == 1 and _folded_words(p.name)[:1] == folded]
        exact = [ent for ent in self.entities if any(_folded_words(t) == folded for _, _, t in ent.mentions)]
        if len(by_surname) > 1:  # people sharing the surname, whichever of them the article shortened
            exact = by_surname
        for candidates in (exact, by_surname, by_first):
            if len(candidates) == 1:
                return candidates[0]
            if candidates and all(c.label == "PERSON" for c in candidates):
                return _namesake_at(candidates, near_char) if near_char is not None else None
            if candidates:
                return max(candidates, key=lambda ent: (ent.label == "PERSON", len(ent.mentions)))
        return None


@dataclass
class _Mention:
    """One NER mention after cleaning. ``title_words`` counts leading title tokens, which
    stay in the offsets unless the mention is resolved to a person. Its tokens never change,
    so its words and key are worked out once (resolution asks for them thousands of times)."""

    tokens: list[Token]
    ner_label: str
    title_words: int = 0

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1].text)

    @functools.cached_property
    def word_tokens(self) -> list[list[Token]]:
        """The mention's tokens grouped into words: a hyphen inside a word joins its neighbours
        ("Mark-Viverito", "Jean-Luc"), which the tokenizer splits."""
        groups: list[list[Token]] = []
        for tok in self.tokens:
            if groups and (tok.text == "-" or groups[-1][-1].text == "-") and not groups[-1][-1].whitespace_:
                groups[-1].append(tok)
            else:
                groups.append([tok])
        return groups

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        return tuple("".join(t.text for t in group) for group in self.word_tokens)

    def last_words(self, n: int, label: str) -> _Mention:
        return _Mention([t for group in self.word_tokens[-n:] for t in group], label)

    @functools.cached_property
    def key(self) -> str:
        return fold(" ".join(self.words))

    def person_form(self) -> _Mention:
        return _Mention(self.tokens[self.title_words:], "PERSON")

    def as_tuple(self) -> tuple[int, int, str]:
        first, last = self.tokens[0], self.tokens[-1]
        return self.start, self.end, first.doc[first.i: last.i + 1].text


def _is_title(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.rstrip(".").lower() in TITLE_WORDS


def _clean(span: Span) -> _Mention | None:
    """Cut leading articles and lower-case words, possessives, punctuation and (counted) titles
    off a mention; None when nothing name-like is left ("us" tagged GPE)."""
    tokens = list(span)
    inner_possessive = [i for i, t in enumerate(tokens[:-1]) if t.text in POSSESSIVE]
    if inner_possessive:
        # "Breitbart's Joel Pollak" names Pollak, "Lasry's Avenue Capital Group" the group;
        # "Dave Leip's Atlas" names Leip.
        after = tokens[inner_possessive[-1] + 1:]
        if len(after) >= 2:
            tokens = after
        elif span.label_ == "PERSON":
            tokens = tokens[:inner_possessive[0]]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].text in POSSESSIVE):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].text in POSSESSIVE
                      or tokens[0].lower_ in LEADING_DETERMINERS
                      or (tokens[0].is_lower and tokens[0].lower_ not in NAME_PARTICLES)):  # "her", "federal"
        tokens.pop(0)
    if not any(c.isupper() or c.isdigit() for t in tokens for c in t.text):
        return None
    titles = 0
    while titles < len(tokens) - 1 and _is_title(tokens[titles]) and tokens[titles + 1].text[:1].isupper():
        titles += 1
    if titles == len(tokens) - 1 and tokens[titles - 1].lower_ in REGNAL_TITLES:
        titles -= 1  # "Pope Francis" is the name, not "Francis"
    mention = _Mention(tokens, span.label_, titles)
    if span.label_ == "PERSON" and titles:
        mention = mention.person_form()
    return mention


def _common_words(doc: Doc) -> set[str]:
    """Words the article writes in lower case mid-sentence: evidence they are not names."""
    return {t.text for t in doc if t.is_alpha and t.text.islower() and not t.is_sent_start}


def _is_title_fragment(mention: _Mention, common_words: set[str]) -> bool:
    """A department inside a title ("Trade" in "Trade Minister X", "State" in "Secretary of State X")."""
    if mention.ner_label != "ORG" or len(mention.tokens) != 1:
        return False
    word = mention.tokens[0]
    if word.text.isupper() or (word.lower_ not in common_words and word.lower_ not in TITLE_WORDS):
        return False
    doc = word.doc
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    before = doc[word.i - 2: word.i] if word.i >= 2 else []
    return bool((after is not None and _is_title(after))
                or (len(before) == 2 and _is_title(before[0]) and before[1].lower_ == "of"))


def _looks_like_name(words: tuple[str, ...], common_words: set[str]) -> bool:
    """Could these words be a person's name, on the article's own evidence?"""
    if any(any(c.isdigit() for c in w) or "@" in w for w in words):
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    if any(not w[:1].isupper() and w.lower() not in NAME_PARTICLES and w not in POSSESSIVE for w in words):
        return False
    if all(w.rstrip(".").lower() in TITLE_WORDS for w in words) or fold(words[0]) in NAME_SUFFIXES:
        return False
    if len(words) > 1 and fold(words[-1]) in ORGANISATION_HEADS:
        return False
    return not (len(words) == 1 and words[0].lower() in common_words)


def _initials(words: tuple[str, ...]) -> str:
    """"NRA" for National Rifle Association; nothing for names holding abbreviations ("U.S. Senate")."""
    if any("." in w for w in words):
        return ""
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIPPED_WORDS and w[:1].isupper())


def _abbreviates(acronym: str, words: tuple[str, ...]) -> bool:
    """Could ``acronym`` stand for ``words``: same first letter, its letters in order in them
    ("CBC" for Canadian Broadcasting Corporation, not "AFP" for New York)."""
    letters = iter(" ".join(words).lower())
    acronym = acronym.replace(".", "").lower()
    return bool(acronym) and acronym[0] == words[0][:1].lower() and all(c in letters for c in acronym)


def _as_acronym(words: tuple[str, ...]) -> str | None:
    letters = "".join(words).replace(".", "")
    return letters if len(words) == 1 and 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() else None


@functools.lru_cache(maxsize=4096)  # asked for every pair of names while clustering people
def _folded_words(name: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in name.split() if fold(w))


def _surname_part(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words without generational suffixes (Jr., III) at the end."""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words


def _surname(name: str) -> str:
    """The last word of a name that is not a generational suffix: "King" in "Martin Luther King Jr."."""
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in NAME_SUFFIXES:
        words.pop()
    return words[-1]


def _family_of(key: str, surnames: set[str]) -> bool:
    """"clintons" or "bushes" for a surname in ``surnames``."""
    return " " not in key and any(key in (s + "s", s + "es") for s in surnames)


def _ends_with(full: tuple[str, ...], short: tuple[str, ...]) -> bool:
    full = _surname_part(full)
    return 0 < len(short) < len(full) and full[-len(short):] == short


def _same_person(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Two full names of one person: same first name and surname, the shorter inside the longer
    ("Hillary Clinton" / "Hillary Rodham Clinton")."""
    short, full = _surname_part(short), _surname_part(full)
    if len(short) < 2 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(w in rest for w in short)


def _namesake_at(candidates: list[Entity], char: int) -> Entity:
    """Which of several people sharing a surname a bare surname at ``char`` means: the one
    named in full shortly before it, else the one the article mentions most."""
    def last_full_mention(ent: Entity) -> int:
        return max((s for s, _, t in ent.mentions if " " in t and char - NAMESAKE_WINDOW <= s < char), default=-1)
    recent = max(candidates, key=last_full_mention)
    if last_full_mention(recent) >= 0:
        return recent
    return max(candidates, key=lambda ent: (len(ent.mentions), -ent.first_char))


def _name_words_of_string(text: str) -> tuple[str, ...]:
    """A bare name string cleaned as :func:`_clean` cleans a span."""
    words = text.replace("’", "'").replace("‘", "'").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'"):
        words[-1] = words[-1][:-1]
    words = [w.strip(".,;:!?\"()[]") for w in words]
    words = [w for w in words if w]
    while words and words[0].lower() in LEADING_DETERMINERS:
        words.pop(0)
    while len(words) > 1 and words[0][:1].isupper() and words[0].rstrip(".").lower() in TITLE_WORDS:
        words.pop(0)
    return tuple(words)


class _Resolver:
    """The steps of :func:`resolve_entities` over one doc (see the module docstring)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.common_words = _common_words(doc)
        mentions = [m for ent in doc.ents if ent.label_ in KEPT_LABELS and (m := _clean(ent)) is not None]
        self.mentions = [m for m in mentions if not _is_title_fragment(m, self.common_words)]
        self.votes: dict[str, Counter] = defaultdict(Counter)
        for m in self.mentions:
            self.votes[m.key][m.ner_label] += 1

    def majority_label(self, key: str) -> str:
        votes = self.votes[key]
        return max(votes, key=lambda label: (votes[label], label == "PERSON"))

    def run(self) -> list[Entity]:
        acronym_groups, rest = self.merge_acronyms(self.mentions)
        people, rest = self.cluster_people(rest)
        others = self.group_by_surface(rest, people) + acronym_groups
        self.merge_short_organisation_names(others)
        entities = people + [e for e in others if e.mentions]
        self.add_untagged_mentions(people, entities)
        for ent in entities:
            ent.mentions = sorted(set(ent.mentions))
        return sorted(entities, key=lambda e: e.first_char)

    def merge_acronyms(self, mentions: list[_Mention]) -> tuple[list[Entity], list[_Mention]]:
        """Organisations with their acronyms: introduced in brackets, or spelled by the initials
        of exactly one multi-word organisation or place in the article."""
        long_forms: dict[str, list[_Mention]] = defaultdict(list)
        for m in mentions:
            if len(m.words) >= 2 and self.majority_label(m.key) in {"ORG", "GPE", "NORP", "FAC", "LOC"}:
                long_forms[m.key].append(m)
        acronym_owner: dict[str, str] = {}
        introduced: dict[str, tuple[int, int]] = {}
        for key, group in long_forms.items():
            for m in group:
                found = INTRODUCED_ACRONYM.match(self.text, m.end)
                if found and _abbreviates(found.group(1), m.words):
                    acronym_owner[fold(found.group(1))] = key
                    introduced[fold(found.group(1))] = found.span(1)
        by_initials = defaultdict(set)
        for key, group in long_forms.items():
            by_initials[fold(_initials(group[0].words))].add(key)
        for m in mentions:
            acronym = _as_acronym(m.words)
            if acronym and fold(acronym) not in acronym_owner and len(by_initials.get(fold(acronym), ())) == 1:
                acronym_owner[fold(acronym)] = next(iter(by_initials[fold(acronym)]))
        if not acronym_owner:
            return [], mentions
        groups: dict[str, Entity] = {}
        rest = []
        for m in mentions:
            owner = m.key if m.key in acronym_owner.values() else acronym_owner.get(m.key)
            if owner is None:
                rest.append(m)
                continue
            ent = groups.setdefault(owner, Entity(name="", label=self.majority_label(owner)))
            ent.mentions.append(m.as_tuple())
        for acronym, (start, end) in introduced.items():
            groups[acronym_owner[acronym]].mentions.append((start, end, self.text[start:end]))
        for owner, ent in groups.items():
            ent.name = max(long_forms[owner], key=lambda m: len(m.words)).as_tuple()[2]
        return list(groups.values()), rest

    def is_person_surface(self, m: _Mention) -> bool:
        votes = self.votes[m.key]
        return votes["PERSON"] >= max(votes.values()) and _looks_like_name(m.words, self.common_words)

    def person_keys(self, mentions: list[_Mention]) -> set[str]:
        """Surface forms that name people: PERSON by majority and name-like, not wrapping an
        organisation's name ("Follow Breitbart News"), plus titled names the model called
        something else whose surname it tags PERSON ("Spokeswoman Haley Morris" as ORG)."""
        people = {m.key for m in mentions if self.is_person_surface(m)}
        organisations = {m.key for m in mentions if len(m.words) >= 2 and m.key not in people}
        people = {k for k in people if not any(f" {org} " in f" {k} " for org in organisations)}
        places_or_organisations = {m.key for m in mentions if " " not in m.key and m.key not in people}
        people = {k for k in people if " " not in k or not set(k.split()) <= places_or_organisations}
        for m in mentions:
            form = m.person_form()
            if (m.title_words and len(form.words) >= 2 and fold(form.words[-1]) in people
                    and _looks_like_name(form.words, self.common_words)):
                people.add(form.key)
        return people

    def cluster_people(self, mentions: list[_Mention]) -> tuple[list[Entity], list[_Mention]]:
        """People with all their mentions (full names, surnames, first names), and the mentions
        that are not people."""
        self.people_keys = self.person_keys(mentions)
        forms = [m.person_form() if m.person_form().key in self.people_keys else m for m in mentions]
        forms = self.drop_descriptors(forms, {m.key for m in mentions if " " not in m.key})
        full_names = sorted({f.key: f for f in forms if f.key in self.people_keys and len(f.words) >= 2}.values(),
                            key=lambda f: (-len(f.words), f.start))
        clusters: list[Entity] = []
        cluster_of_key: dict[str, Entity] = {}
        for f in full_names:
            words = _folded_words(f.key)
            matches = [c for c in clusters if _same_person(words, _folded_words(c.name))]
            # "Peña Nieto" after "Enrique Peña Nieto": a fuller name ending in these words.
            matches = matches or [c for c in clusters if _ends_with(_folded_words(c.name), words)]
            if len(matches) != 1:
                matches = [Entity(name=f.as_tuple()[2], label="PERSON")]
                clusters.append(matches[0])
            cluster_of_key[f.key] = matches[0]
        for f in forms:
            if f.key in cluster_of_key:
                cluster_of_key[f.key].mentions.append(f.as_tuple())
        rest = []
        for f in forms:
            if f.key in cluster_of_key:
                continue
            owner = self.short_form_owner(f, clusters)
            if owner is not None:
                owner.mentions.append(f.as_tuple())
            else:
                rest.append(f)
        return clusters, rest

    def drop_descriptors(self, forms: list[_Mention], single_words: set[str]) -> list[_Mention]:
        """"Crooked Hillary Clinton" is "Hillary Clinton" with a descriptor in front: the shorter
        full name is a person in the article, and the article shortens it to its last word
        ("Clinton"), so its first word is a first name. Without that shortening the extra words
        are the first name of a compound surname ("Enrique" in "Enrique Peña Nieto")."""
        full_names = {f.key for f in forms if f.key in self.people_keys and len(f.words) >= 2}
        trimmed = []
        for f in forms:
            if f.key in full_names and fold(f.words[-1]) in single_words:
                inner = next((f.last_words(n, "PERSON") for n in range(len(f.words) - 1, 1, -1)
                              if fold(" ".join(f.words[-n:])) in full_names), None)
                f = inner or f
            trimmed.append(f)
        return trimmed

    def short_form_owner(self, m: _Mention, people: list[Entity]) -> Entity | None:
        """The person a surname ("Carney", "bin Laden", whatever its label) or a first name
        tagged PERSON ("Hillary") belongs to."""
        if not _looks_like_name(m.words, set()):
            return None
        last = m.words[-1]
        if m.ner_label in {"GPE", "LOC"} and m.key not in self.people_keys and last.isupper():
            return None  # a dateline ("WASHINGTON —"), not Kerry Washington
        if "." in last or (last.isupper() and len(last) <= 3):
            return None  # an abbreviation ("U.N."), not a surname ("Kim Jong Un")
        words = _folded_words(m.key)
        by_surname = [p for p in people if _ends_with(_folded_words(p.name), words)]
        by_first = [p for p in people if len(words) == 1 and m.key in self.people_keys
                    and _folded_words(p.name)[:1] == words]
        for candidates in (by_surname, by_first):
            if candidates:
                return _namesake_at(candidates, m.start) if len(candidates) > 1 else candidates[0]
        return None

    def group_by_surface(self, mentions: list[_Mention], people: list[Entity]) -> list[Entity]:
        """Mentions left over: one entity per surface form under its majority label. PERSON
        forms the article contradicts are dropped, and so are families named after one of its
        people ("the Clintons"); those ending "Society", "Party", ... become organisations."""
        surnames = {fold(_surname(p.name)) for p in people}
        groups: dict[str, Entity] = {}
        for m in mentions:
            label = "PERSON" if m.key in self.people_keys else self.majority_label(m.key)
            if label == "PERSON" and len(m.words) > 1 and fold(m.words[-1]) in ORGANISATION_HEADS:
                label = "ORG"
            elif label == "PERSON" and (m.key not in self.people_keys or _family_of(m.key, surnames)):
                continue
            ent = groups.setdefault(m.key, Entity(name=m.as_tuple()[2], label=label))
            ent.mentions.append(m.as_tuple())
        return list(groups.values())

    def merge_short_organisation_names(self, entities: list[Entity]) -> None:
        """Short names of organisations join the one longer name they abbreviate: "Daily News"
        ends "New York Daily News", "Hofstra" is "Hofstra University" without its last word.
        The short name stays canonical when the longer adds only ordinary words ("Top")."""
        orgs = [e for e in entities if e.label == "ORG"]
        for short in orgs:
            words = _folded_words(short.name)

            def abbreviated_by_short(long: Entity) -> bool:
                long_words = _folded_words(long.name)
                if long is short or len(long_words) <= len(words):
                    return False
                if len(words) >= 2 and long_words[-len(words):] == words:
                    return True
                return long_words[:-1] == words and long_words[-1] in ORGANISATION_HEADS

            longer = [e for e in orgs if abbreviated_by_short(e)]
            if len(longer) == 1:
                longer[0].mentions.extend(short.mentions)
                short.mentions.clear()
                long_words = longer[0].name.split()
                extra = long_words[:-len(short.name.split())]
                ends_alike = fold(long_words[-1]) == words[-1]
                if ends_alike and all(w.lower() in self.common_words for w in extra):  # "Top Republican Party"
                    longer[0].name = short.name

    def add_untagged_mentions(self, people: list[Entity], entities: list[Entity]) -> None:
        """Occurrences of a person's name or surname that the model did not tag (or tagged as
        a title fragment) become mentions of that person."""
        covered = [(e.start_char, e.end_char) for e in self.doc.ents]
        covered += [(s, e) for ent in entities for s, e, _ in ent.mentions]
        aliases: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
        for person in people:
            forms = {tuple(t.split()) for _, _, t in person.mentions}
            forms.add((_surname(person.name),))
            for form in forms:
                if _looks_like_name(form, self.common_words) and person not in aliases[form]:
                    aliases[form].append(person)
        by_first_word: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for form in sorted(aliases, key=len, reverse=True):
            by_first_word[form[0]].append(form)
        doc = self.doc
        words = [t.text for t in doc]
        i = 0
        while i < len(doc):
            match = next((f for f in by_first_word.get(words[i], ()) if tuple(words[i:i + len(f)]) == f), None)
            if match is None or not self._is_free_name(doc[i:i + len(match)], covered):
                i += 1
                continue
            span = doc[i:i + len(match)]
            owners = aliases[match]
            owner = owners[0] if len(owners) == 1 else _namesake_at(owners, span.start_char)
            owner.mentions.append((span.start_char, span.end_char, span.text))
            covered.append((span.start_char, span.end_char))
            i += len(match)

    def _is_free_name(self, span: Span, covered: list[tuple[int, int]]) -> bool:
        """Not inside another mention nor a longer capitalised name ("Trump Tower")."""
        if any(s < span.end_char and span.start_char < e for s, e in covered):
            return False
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 1] if span.start > 0 else None
        if after is not None and after.text[:1].isupper() and after.text not in POSSESSIVE and not after.is_punct:
            return False
        if (before is not None and before.text[:1].isupper() and not before.is_sent_start
                and not _is_title(before) and not before.is_punct):
            return False
        return not (span[0].is_sent_start and len(span) == 1 and span.text.lower() in self.common_words)


def resolve_entities(doc: Doc) -> EntityIndex:
    """Group the doc's entity mentions into canonical entities (see the module docstring)."""
    return EntityIndex(_Resolver(doc).run())


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
