"""How trustworthy the entities table is: raw spaCy NER against resolve_entities.

Usage: entity_stats.py ARTICLES.jsonl [--gold GOLD.jsonl] [--spacy-model NAME]

Each article's text (``maintext``, ``text`` or ``content``) goes through ``load_nlp()``,
``normalize_text`` and ``resolve_entities`` as in the pipeline. Printed for both the raw
NER (mentions grouped by surface form and model label, what the table held before
resolution) and the resolved entities:

(a) PERSON rows that are a single surname whose full name the article also tags PERSON
    ("Carney" next to "Mark Carney": the same person counted twice);
(b) label conflicts: one surface form (case, accents, "the" and possessives folded) under
    two or more labels in one article;
PERSON rows: distinct PERSON names per article, summed (fewer duplicates and non-people);
(c) with --gold (lines with ``url`` and ``persons``): PERSON precision, recall, F1 and the
    share of articles whose person set is exactly right, with names compared as
    ``shared/eval/score_entities.py`` compares them (case and punctuation folded).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.entities import KEPT_LABELS, fold, resolve_entities  # noqa: E402
from transforms.nlp import load_nlp  # noqa: E402
from transforms.text import normalize_text  # noqa: E402

POSSESSIVE_END = re.compile(r"(?:['’‘]s|['’])$")


def surface(text: str) -> str:
    """A mention's text compared across labels: no leading "the", no possessive, folded."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return fold(POSSESSIVE_END.sub("", text))


def gold_fold(name: str) -> str:
    """Name folding of the gold scorer: case, curly apostrophes, punctuation other than ' and -."""
    name = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", name)).strip()


def raw_rows(doc) -> list[tuple[str, str, list[str]]]:
    """Raw NER as rows: one per (surface form, label), with the mentions' texts."""
    rows: dict[tuple[str, str], list[str]] = defaultdict(list)
    for ent in doc.ents:
        if ent.label_ in KEPT_LABELS and surface(ent.text):
            name = POSSESSIVE_END.sub("", re.sub(r"^(?:the|The)\s+", "", ent.text.strip()))
            rows[(name, ent.label_)].append(ent.text)
    return [(name, label, texts) for (name, label), texts in rows.items()]


def resolved_rows(doc) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.label, [t for _, _, t in e.mentions]) for e in resolve_entities(doc).entities]


def full_name_surnames(doc) -> set[str]:
    """Folded last words of the multi-word PERSON mentions the model found in the article."""
    return {surface(e.text).split()[-1] for e in doc.ents
            if e.label_ == "PERSON" and len(surface(e.text).split()) >= 2}


def stats(rows: list[tuple[str, str, list[str]]], doc) -> tuple[int, int, set[str]]:
    """(lone surnames of a named person, label conflicts, folded PERSON names) for one article."""
    surnames = full_name_surnames(doc)
    lone = sum(1 for name, label, _ in rows
               if label == "PERSON" and len(surface(name).split()) == 1 and surface(name) in surnames)
    labels_of_surface: dict[str, set[str]] = defaultdict(set)
    for _, label, texts in rows:
        for text in texts:
            labels_of_surface[surface(text)].add(label)
    conflicts = sum(1 for labels in labels_of_surface.values() if len(labels) > 1)
    people = {gold_fold(name) for name, label, _ in rows if label == "PERSON"}
    return lone, conflicts, people


def person_scores(predicted: dict[str, set[str]], gold: dict[str, set[str]]) -> dict[str, float]:
    tp = fp = fn = exact = 0
    for url, wanted in gold.items():
        got = predicted.get(url, set())
        tp += len(wanted & got)
        fp += len(got - wanted)
        fn += len(wanted - got)
        exact += wanted == got
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "exact": exact / len(gold) if gold else 0.0}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", help="JSONL of articles")
    parser.add_argument("--gold", help="JSONL with url and persons per article")
    parser.add_argument("--spacy-model", default=None)
    args = parser.parse_args(argv)

    articles = [json.loads(line) for line in open(args.articles, encoding="utf-8") if line.strip()]
    texts = [normalize_text(a.get("maintext") or a.get("text") or a.get("content") or "") for a in articles]
    nlp = load_nlp(args.spacy_model)
    totals = {"raw NER": [0, 0, 0], "resolved": [0, 0, 0]}
    people: dict[str, dict[str, set[str]]] = {"raw NER": {}, "resolved": {}}
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=16)):
        for system, rows in (("raw NER", raw_rows(doc)), ("resolved", resolved_rows(doc))):
            lone, conflicts, names = stats(rows, doc)
            totals[system][0] += lone
            totals[system][1] += conflicts
            totals[system][2] += len(names)
            people[system][article.get("url", "")] = names

    print(f"{len(articles)} articles from {args.articles}")
    print(f"{'':10s} {'(a) lone surnames':>18s} {'(b) label conflicts':>20s} {'PERSON rows':>12s}")
    for system, (lone, conflicts, person_rows) in totals.items():
        print(f"{system:10s} {lone:18d} {conflicts:20d} {person_rows:12d}")
    if args.gold:
        gold = {}
        for line in open(args.gold, encoding="utf-8"):
            record = json.loads(line)
            if "persons" in record:
                gold[record["url"]] = {gold_fold(p) for p in record["persons"]}
        if not gold:
            print(f"(c) {args.gold} has no 'persons': no PERSON scores")
            return
        print(f"(c) PERSON against {len(gold)} gold articles")
        for system in people:
            s = person_scores(people[system], gold)
            print(f"{system:10s} P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F1']:.3f}  exact sets {s['exact']:.3f}")


if __name__ == "__main__":
    main()
