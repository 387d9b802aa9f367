"""Article text and metadata from saved pages (fixtures written for these tests)."""
from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from transforms.html import (NoArticleText, extract_html_article, parse_published, split_names,
                             strip_site_name)

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "html"
UTC = dt.timezone.utc


def extract(name: str, url: str | None = None):
    path = FIXTURES / name
    return extract_html_article(path.read_bytes(), url=url or path.resolve().as_uri())


def test_json_ld_page_gives_headline_people_and_utc_time():
    article = extract("jsonld_article.html")
    assert article["title"] == "Harbour Council Approves Tidal Barrier Plan"
    # one author given by @id reference into the @graph, one inline; the commenter is not an author
    assert article["authors"] == ["Priya Raman", "Owen Fairley"]
    # 22:30 at UTC-4 on the 17th is 02:30 UTC on the 18th; the later dateModified is not used
    assert article["published"] == dt.datetime(2022, 5, 18, 2, 30, tzinfo=UTC)
    assert article["url"] == "https://news.coastline-courier.example/2022/05/17/harbour-barrier/"
    assert article["source"] == "The Coastline Courier"
    assert article["language"] == "en"
    assert "movable tidal barrier" in article["text"]
    assert "cellar has been under water" not in article["text"]  # comments stay out


def test_meta_only_page_strips_site_suffix_and_byline_noise():
    article = extract("meta_only.html")
    assert article["title"] == "Rail freight volumes climb for a third quarter"
    assert article["authors"] == ["Jane Roe"]
    assert article["published"] == dt.datetime(2021, 9, 30, 6, 15, tzinfo=UTC)
    assert article["url"] == "https://midlandledger.example/business/rail-freight-third-quarter"
    assert article["source"] == "Midland Ledger"


def test_byline_only_page_uses_h1_byline_links_and_visible_date():
    article = extract("byline_only.html")
    # the <title> has the site name as a prefix ('The Valley Gazette :: ...'); the h1 is the headline
    assert article["title"] == "Library reopens after two-year renovation"
    assert article["authors"] == ["Maria Lopez", "Tom Becker"]
    assert article["published"] == dt.datetime(2021, 3, 3, tzinfo=UTC)
    # no canonical link: a local file keeps the URL it was given
    assert article["url"] == (FIXTURES / "byline_only.html").resolve().as_uri()


def test_copyright_year_is_not_a_publication_date():
    article = extract("copyright_trap.html")
    assert article["published"] is None
    assert article["title"] == "Community garden wins regional award"


def test_outlet_as_byline_gives_way_to_the_writer_named_in_the_text():
    article = extract("republished.html")
    assert article["authors"] == ["Ana Costa"]
    assert article["title"] == "Wetlands store more carbon than expected, survey finds"


def test_fetched_url_wins_over_canonical_link():
    article = extract("jsonld_article.html", url="https://mirror.example/harbour")
    assert article["url"] == "https://mirror.example/harbour"


def test_navigation_page_raises_no_article_text_with_a_useful_message():
    with pytest.raises(NoArticleText, match="no article text"):
        extract("navigation_page.html")
    with pytest.raises(ValueError):
        extract_html_article(b"")


@pytest.mark.parametrize("title, sites, expected", [
    ("Why bees dance - Stack Overflow Blog", ["Stack Overflow Blog"], "Why bees dance"),
    ("Tokyo rents rise | The Japan Times", ["The Japan Times"], "Tokyo rents rise"),
    ("The Japan Times :: Tokyo rents rise", ["The Japan Times"], "Tokyo rents rise"),
    ("Crash on I-95 – WSVN 7News | Miami News, Weather", ["WSVN 7News | Miami News, Weather"], "Crash on I-95"),
    ("Dead skin cells explained | HelloGiggles", ["hellogiggles.com", "hellogiggles"], "Dead skin cells explained"),
    # a dash inside the headline is not a separator before a site name
    ("Mother-in-law - a short history", ["Daily Example"], "Mother-in-law - a short history"),
])
def test_strip_site_name(title, sites, expected):
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize("byline, expected", [
    ("By Jane Roe, Staff Writer", ["Jane Roe"]),
    ("Written by: Ana Costa", ["Ana Costa"]),
    ("By Maria Lopez and Tom Becker | Email the author", ["Maria Lopez", "Tom Becker"]),
    ("Jessica DeFino Updated Mar 12, 2020 @ 10:42 am", ["Jessica DeFino"]),
    ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ("Perry Bacon, Jr.", ["Perry Bacon Jr."]),
    ("Follow", []),
    ("jane@example.org", []),
])
def test_split_names_cleans_bylines(byline, expected):
    assert split_names(byline) == expected


def test_parse_published_normalises_to_utc_and_refuses_nonsense():
    assert parse_published("2018-12-04T10:16:25+0100") == dt.datetime(2018, 12, 4, 9, 16, 25, tzinfo=UTC)
    assert parse_published("2020-01-10T00:59:47ZZ") == dt.datetime(2020, 1, 10, 0, 59, 47, tzinfo=UTC)
    assert parse_published("Fri, 30 Oct 2020 07:45:02 GMT") == dt.datetime(2020, 10, 30, 7, 45, 2, tzinfo=UTC)
    assert parse_published("2023-11-08 16:43:30") == dt.datetime(2023, 11, 8, 16, 43, 30, tzinfo=UTC)
    assert parse_published("next Tuesday") is None
    assert parse_published("2999-01-01") is None


def test_page_own_json_ld_article_wins_over_a_related_one_and_cut_headline_is_completed():
    article = extract("two_articles_jsonld.html")
    assert article["title"] == "Night trains return to the northern line after nine years"
    assert article["authors"] == ["Ingrid Solberg"]
    assert article["published"] == dt.datetime(2021, 11, 3, 4, 45, tzinfo=UTC)


def test_disclosures_and_image_credits_are_not_article_text():
    text = extract("two_articles_jsonld.html")["text"]
    assert "Sleeper trains will run again" in text and "daily departures" in text
    assert "We may be paid" not in text
    assert "Credit:" not in text


ARTICLE_BODY = "<p>" + "The ferry timetable changes again next week after the operator cut two sailings. " * 4 + "</p>"


@pytest.mark.parametrize("wrapper", ["<!-- {} -->", "//<![CDATA[\n{}\n//]]>"])
def test_json_ld_wrapped_in_comment_or_cdata_is_read(wrapper):
    block = wrapper.format('{"@type": "NewsArticle", "headline": "Ferry timetable changes again"}')
    page = f'<html><head><script type="application/ld+json">{block}</script></head><body><article>{ARTICLE_BODY}</article></body></html>'
    assert extract_html_article(page)["title"] == "Ferry timetable changes again"


def test_odd_json_ld_values_do_not_break_extraction():
    block = '{"@type": ["NewsArticle"], "headline": ["Ferry timetable", "x"], "author": [null, 3, {"name": null}], "datePublished": {"x": 1}}'
    page = f'<html><head><script type="application/ld+json">{block}</script></head><body>{ARTICLE_BODY}</body></html>'
    article = extract_html_article(page)
    assert article["title"] == "Ferry timetable" and article["authors"] == [] and article["published"] is None


@pytest.mark.parametrize("data", [b"", b"   ", b"%PDF-1.4 \x00\x01\x02\xff" * 50, "no markup here " * 80])
def test_what_is_not_a_page_raises_no_article_text(data):
    with pytest.raises(NoArticleText):
        extract_html_article(data)


def test_byline_of_the_story_beats_a_teaser_byline_earlier_in_the_page():
    page = ('<html><body><aside><div class="teaser"><a href="/other">Other story</a>'
            '<div class="byline">By Rupert Hale</div></div></aside>'
            f'<article><h1>Ferry timetable changes again</h1><p class="byline">By Nadia Osei</p>{ARTICLE_BODY}</article>'
            '</body></html>')
    assert extract_html_article(page)["authors"] == ["Nadia Osei"]


def test_visible_headline_beats_a_reworded_social_title_and_logo_h1_is_ignored():
    article = extract("social_title.html")
    assert article["title"] == "Is your sourdough starter dying? Here is why, and how to revive it"


def test_link_to_a_writer_page_names_the_author_when_meta_names_only_the_outlet():
    assert extract("social_title.html")["authors"] == ["Leena Patel"]


def test_date_in_the_url_survives_a_copyright_notice():
    path = FIXTURES / "copyright_trap.html"
    article = extract_html_article(path.read_bytes(), url="https://garden.example/2021/06/14/award")
    assert article["published"] == dt.datetime(2021, 6, 14, tzinfo=UTC)


def test_h1_that_extends_a_json_ld_headline_made_from_the_title_tag_is_the_title():
    block = '{"@type": "NewsArticle", "headline": "Ferry timetable changes | Harbour Times"}'
    page = (f'<html><head><meta property="og:site_name" content="Harbour Times"><script type="application/ld+json">{block}'
            f'</script></head><body><article><h1>Ferry timetable changes again for the winter</h1>{ARTICLE_BODY}</article></body></html>')
    assert extract_html_article(page)["title"] == "Ferry timetable changes again for the winter"


def test_an_enormous_byline_is_cut_before_cleaning():
    from transforms.html import MAX_BYLINE_CHARS, split_names

    padding = "Staff Writer, " * (MAX_BYLINE_CHARS // 10)
    assert split_names("By Ann Lee and Bo Kim, " + padding)[:2] == ["Ann Lee", "Bo Kim"]
    assert "Cy Diaz" not in split_names("By Ann Lee, " + padding + "Cy Diaz")  # past the cut: not read
