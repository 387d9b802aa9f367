"""End to end: a WARC with records that are not articles, and a folder of articles in three
languages, through real runs read back with DuckDB (issue 10's second and third checks)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, query, run
from tests.test_warc import build_warc

LANGUAGE_PAGES = REPO / "tests" / "fixtures" / "html" / "languages"
EXTRACTION_TABLES = ("entities", "quotes", "topics", "keyphrases")

# Written for this test. The second article declares no language and is detected; the third
# declares one, which is kept.
JSONL_ARTICLES = [
    {"url": "https://harbour.example/en/lanes", "title": "Bridge lanes to close for repairs",
     "text": "The harbour authority said on Monday that two lanes of the old swing bridge will close "
             "for six weeks while engineers replace worn bearings. “We have no choice,” said Ada Lindqvist, "
             "the authority's chief engineer."},
    {"url": "https://harbour.example/de/spuren", "title": "Brücke wird saniert",
     "text": "Die Hafenbehörde teilte am Montag mit, dass zwei Spuren der alten Drehbrücke für sechs Wochen "
             "gesperrt werden, während Ingenieure die abgenutzten Lager austauschen."},
    {"url": "https://harbour.example/fr/voies", "title": "Le pont en travaux", "language": "fr-FR",
     "text": "Deux voies du vieux pont tournant seront fermées pendant six semaines, a annoncé lundi "
             "l'autorité portuaire, le temps de remplacer les appuis usés."},
]


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "parse-processes"])
def test_each_article_keeps_its_language_and_only_english_is_extracted(tmp_path, workers):
    folder = tmp_path / "mixed"
    shutil.copytree(LANGUAGE_PAGES, folder)
    (folder / "dump.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in JSONL_ARTICLES) + "\n",
                                       encoding="utf-8")
    output = tmp_path / "out"
    summary = run(output, folder, workers=workers)

    languages = dict(query(output, "select coalesce(url, ''), language from articles"))
    by_name = {url.rsplit("/", 1)[-1]: language for url, language in languages.items()}
    assert by_name == {"en_bridge.html": "en", "en_market.html": "en", "de_bruecke.html": "de",
                       "fr_passerelle.html": "fr", "lanes": "en", "spuren": "de", "voies": "fr"}
    assert query(output, "select language, bool_and(extracted), bool_or(extracted) from articles "
                         "group by language order by language") == [("de", False, False), ("en", True, True),
                                                                    ("fr", False, False)]
    for table in EXTRACTION_TABLES:
        extracted_languages = query(output, f"select distinct a.language from {table} join articles a using (article_id)")
        assert extracted_languages == [("en",)], table
    assert summary.inputs == summary.articles == 7 and summary.errors == 0
    assert summary.not_extracted == 4 and summary.extraction_errors == 0
    assert "extraction skipped for 4 article(s) in languages without a model" in "\n".join(summary.lines())


def test_a_warc_run_keeps_the_pages_counts_the_other_records_and_reports_the_cut(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(build_warc(gzip=True))
    output = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(archive), "--output", str(output)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr

    assert sorted(query(output, "select url from articles")) == [("https://garden.example/award",),
                                                                 ("https://news.example/2022/05/17/harbour-barrier/",)]
    ((entries, articles, duplicates, errors, skipped, status),) = query(
        output, "select entries, articles, duplicates, errors, skipped, status from sources")
    assert (articles, duplicates, errors, skipped) == (2, 0, 1, 3)  # revisit, 404 and PDF counted, not errors
    assert entries == articles + duplicates + errors
    assert status == "ok"
    ((stage, message),) = query(output, "select stage, message from errors")
    assert stage == "parse" and "truncated" in message
    assert "3 non-article records skipped" in result.stdout
