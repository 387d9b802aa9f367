"""extract_html_article on pages shaped like what common publishing systems emit.

Each page under ``fixtures/html/templates`` imitates the markup of one kind of site
(WordPress with and without an SEO plugin, Blogger, Medium, Substack, Ghost, Drupal,
big-newspaper CMSs, wire stories on local sites...) around a story written for these
tests, with the furniture such pages carry: navigation with today's date, most-read
lists and related teasers with their own bylines and dates, author bio boxes, comments,
cookie banners and copyright footers. ``expected.json`` holds what a careful reader
would give for each page: the headline as shown, the byline's people (the issuing
organisation when no person is named, as for an outlet), the publication day (or the
exact UTC time when the page declares one with its zone), two sentences of the story and
two pieces of furniture that must stay out of the text. Pages the extractor still gets
wrong are listed, in the same format, in ``failing.json``, which this module does not read:
the work list (move a page to ``expected.json`` once it passes).
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import re

import pytest

from transforms.html import extract_html_article

TEMPLATES = pathlib.Path(__file__).parent / "fixtures" / "html" / "templates"
EXPECTED = json.loads((TEMPLATES / "expected.json").read_text(encoding="utf-8"))


def space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def surnames(names) -> set[str]:
    """What an author answer is judged on: the last words, as score_html.py judges authors
    ('The Nordic Post/Ritzau' is judged on 'ritzau', 'Anne Smith-Jones' on 'jones')."""
    return {words[-1] for name in names if (words := re.sub(r"[^\w\s]", " ", name.lower()).split())}


@pytest.fixture(scope="module")
def extracted():
    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = extract_html_article((TEMPLATES / name).read_bytes(), url=EXPECTED[name]["url"])
        return cache[name]
    return get


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title(extracted, name):
    assert space(extracted(name)["title"]) == space(EXPECTED[name]["title"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_authors(extracted, name):
    assert surnames(extracted(name)["authors"] or []) == surnames(EXPECTED[name]["authors"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_published(extracted, name):
    published, want = extracted(name)["published"], EXPECTED[name]["published"]
    assert published is not None and published.tzinfo is not None
    if "T" in want:
        assert published == dt.datetime.fromisoformat(want)
    else:
        assert published.astimezone(dt.timezone.utc).date() == dt.date.fromisoformat(want)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text(extracted, name):
    text = space(extracted(name)["text"])
    for sentence in EXPECTED[name]["text_has"]:
        assert space(sentence) in text
    for furniture in EXPECTED[name]["text_hasnt"]:
        assert furniture not in text
