"""Language identification on articles written for these tests."""
from __future__ import annotations

import pathlib

import pytest

from transforms.html import extract_html_article
from transforms.language import detect_language

LANGUAGE_PAGES = pathlib.Path(__file__).parent / "fixtures" / "html" / "languages"


@pytest.mark.parametrize("page, expected", [
    ("en_bridge.html", "en"),
    ("en_market.html", "en"),
    ("de_bruecke.html", "de"),
    ("fr_passerelle.html", "fr"),
])
def test_each_article_in_a_mixed_folder_gets_its_language(page, expected):
    path = LANGUAGE_PAGES / page
    article = extract_html_article(path.read_bytes(), url=path.resolve().as_uri())
    assert article["language"] == expected
    assert detect_language(article["text"]) == expected


def test_the_folder_mixes_three_languages():
    found = {detect_language(extract_html_article(p.read_bytes())["text"]) for p in LANGUAGE_PAGES.glob("*.html")}
    assert found == {"en", "de", "fr"}


@pytest.mark.parametrize("text, expected", [
    ("The committee will publish its findings on the collapse of the bridge next month.", "en"),
    ("Der Ausschuss wird seine Ergebnisse zum Einsturz der Brücke im nächsten Monat veröffentlichen.", "de"),
    ("La commission publiera le mois prochain ses conclusions sur l'effondrement du pont.", "fr"),
    ("El comité publicará el mes que viene sus conclusiones sobre el derrumbe del puente.", "es"),
])
def test_single_sentences(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", None, "Hi", "12 34 56 78 90 12 34", "https://example.org/a/b/c/d/e/f/g"])
def test_too_little_text_gives_none_rather_than_a_guess(text):
    assert detect_language(text) is None


def test_a_fork_while_the_model_loads_in_the_background_gets_a_working_model():
    """Runs load the model in a thread and fork parse processes meanwhile: the fork waits for
    the load, so the child neither inherits a held lock (and hangs) nor loads it again."""
    import multiprocessing

    from transforms import language

    language._load_identifier.cache_clear()
    language.load_in_background()
    with multiprocessing.get_context("fork").Pool(1) as child:
        inherited = child.apply_async(_model_is_loaded).get(timeout=60)
        found = child.apply_async(language.detect_language,
                                  ("Der Ausschuss tagt am Montag im alten Rathaus der Stadt.",)).get(timeout=60)
    assert inherited  # loaded in the launcher before the fork, not again in the child
    assert found == "de"


def _model_is_loaded() -> bool:
    from transforms import language
    return language._load_identifier.cache_info().currsize == 1
