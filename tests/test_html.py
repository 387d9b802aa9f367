"""Article text and metadata from saved pages (fixtures written for these tests)."""
from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from transforms.files import file_uri
from transforms.html import NoArticleText, extract_html_article
from transforms.normalize import normalize_article
from transforms.page_authors import MAX_BYLINE_CHARS, split_names
from transforms.page_dates import parse_published
from transforms.page_title import strip_site_name
from transforms.records import RawArticle

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
    assert article["canonical_url"] == "https://news.coastline-courier.example/2022/05/17/harbour-barrier/"
    assert article["source"] == "The Coastline Courier"
    assert article["language"] == "en"
    assert "movable tidal barrier" in article["text"]
    assert "cellar has been under water" not in article["text"]  # comments stay out


def test_meta_only_page_strips_site_suffix_and_byline_noise():
    article = extract("meta_only.html")
    assert article["title"] == "Rail freight volumes climb for a third quarter"
    assert article["authors"] == ["Jane Roe"]
    assert article["published"] == dt.datetime(2021, 9, 30, 6, 15, tzinfo=UTC)
    assert article["canonical_url"] == "https://midlandledger.example/business/rail-freight-third-quarter"
    assert article["source"] == "Midland Ledger"


def test_byline_only_page_uses_h1_byline_links_and_visible_date():
    article = extract("byline_only.html")
    # the <title> has the site name as a prefix ('The Valley Gazette :: ...'); the h1 is the headline
    assert article["title"] == "Library reopens after two-year renovation"
    assert article["authors"] == ["Maria Lopez", "Tom Becker"]
    assert article["published"] == dt.datetime(2021, 3, 3, tzinfo=UTC)
    assert article["canonical_url"] is None  # the page names no address of its own


def test_copyright_year_is_not_a_publication_date():
    article = extract("copyright_trap.html")
    assert article["published"] is None
    assert article["title"] == "Community garden wins regional award"


def test_outlet_as_byline_gives_way_to_the_writer_named_in_the_text():
    article = extract("republished.html")
    assert article["authors"] == ["Ana Costa"]
    assert article["title"] == "Wetlands store more carbon than expected, survey finds"


def test_url_is_where_the_page_was_read_from_and_canonical_url_what_it_claims():
    page = FIXTURES / "jsonld_article.html"
    claimed = "https://news.coastline-courier.example/2022/05/17/harbour-barrier/"
    now = dt.datetime(2026, 11, 26, tzinfo=UTC)

    def row(**raw):
        return normalize_article(RawArticle(kind="file", **raw), now, "run")

    saved = row(input_uri=file_uri(str(page)), html=page.read_bytes())
    fetched = row(input_uri="file:///crawl.warc.gz", url="https://mirror.example/harbour", html=page.read_bytes())
    fetched_again = row(input_uri="file:///crawl.warc.gz", url="https://mirror.example/harbour?page=2",
                        html=page.read_bytes())
    from_json = row(input_uri="file:///dump.jsonl", url=claimed, title="Harbour", text=saved["text"])
    assert saved["url"] == file_uri(str(page)) and fetched["url"] == "https://mirror.example/harbour"
    assert saved["canonical_url"] == fetched["canonical_url"] == from_json["canonical_url"] == claimed
    # a saved page has no address of its own, so it is the story its canonical link names...
    assert saved["article_id"] == from_json["article_id"]
    # ...but a fetched page keeps its own: a site naming one canonical link for every page stays many stories
    assert len({saved["article_id"], fetched["article_id"], fetched_again["article_id"]}) == 3


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
    ("Marta Quill Updated Apr 3, 2019 @ 9:15 am", ["Marta Quill"]),
    ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ("Perry Bacon, Jr.", ["Perry Bacon Jr."]),
    ("Follow", []),
    ("jane@example.org", []),
    ("By HELEN OKAFOR", ["Helen Okafor"]),                                   # capitals as a style, not the name
    ("Rui Tavares and Lena Moss with Reuters", ["Rui Tavares", "Lena Moss"]),
    ("Tom Ashby | Pictures: Ewan Hale", ["Tom Ashby"]),                     # other credits end the byline
    ("Owen Marsh Chief political correspondent", ["Owen Marsh"]),          # a role after the name, no comma
    ("Mary Ann Lutz Staff Writer", ["Mary Ann Lutz"]),
    ("Ines Varga, Ledger staff writer", ["Ines Varga"]),                    # an outlet's role, lower case
    ("By Russell Ames Dispatch Staff Writer • Sept. 5, 2017", ["Russell Ames"]),  # ... capitalised, no comma
    ("Emily Post Staff Writer", ["Emily Post"]),
    ("Imogen Stallybrass Chief Trust Officer ·", ["Imogen Stallybrass"]),   # a field between the rank and the noun
    ("Rosalind Achterberg VP Engineering", ["Rosalind Achterberg"]),        # a writer's card read as one line
    ("Edith Head", ["Edith Head"]),
    ("HELEN OKAFOR FOR THE LEDGER", ["Helen Okafor"]),
    ("Department for Coastal Affairs", ["Department for Coastal Affairs"]),  # an organisation, not 'X for outlet'
    # other languages' labels, and the date before the name
    ("Eingestellt von Sabine Kuhl", ["Sabine Kuhl"]),
    ("Pubblicato da Giulia Neri", ["Giulia Neri"]),
    ("Da Silva Costa", ["Da Silva Costa"]),                                 # a name's particle, not 'by'
    ("Di Stefano Rossi", ["Di Stefano Rossi"]),
    ("Texto: Ana Loureiro", ["Ana Loureiro"]),
    ("dinsdag 8 april 2014, 14:52 – Door Femke Bruin", ["Femke Bruin"]),
    ("Autor: Tomasz Wron Data publikacji: 15.06.2020, 14:30", ["Tomasz Wron"]),  # a two-word label ends the byline
    ("Jane Doe Photos: Jim Roe", ["Jane Doe"]),
    ("Par Julie Marchal avec AFP", ["Julie Marchal"]),
    ("Geschrieben von Florian Wetz am 11.03.2024 um 13:47 Uhr", ["Florian Wetz"]),
    ("Admin » Mon Jan", []),                                                # what a cut date leaves is no name
    (["Werner Koslowski", "Oktober 08, 2017"], ["Werner Koslowski"]),        # ... in German too
    ("June Mayfield", ["June Mayfield"]),
    ("By Dr. Hannah Veld and Prof Ian Moss", ["Hannah Veld", "Ian Moss"]),
    # roles named by what they head, after a name
    ("Jane Doe, Minister of State for Harbours", ["Jane Doe"]),
    ("By Kofi Mensah, The Rt Hon Minister of State", ["Kofi Mensah"]),
    ("Von Anna Berg, Leiterin der Stadtbibliothek", ["Anna Berg"]),
    (["Henrike Tiedemann", "Head of Engineering bei Wolfsteller Digital"], ["Henrike Tiedemann"]),  # ... as the next item
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


def story_page(before: str = "", after: str = "", head: str = "") -> str:
    """The ferry story in an <article> under its h1, with what a test sets above and below its text."""
    return (f"<html><head>{head}</head><body><article><h1>Ferry timetable changes again</h1>{before}{ARTICLE_BODY}"
            f"{after}</article></body></html>")


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
    padding = "Staff Writer, " * (MAX_BYLINE_CHARS // 10)
    assert split_names("By Ann Lee and Bo Kim, " + padding)[:2] == ["Ann Lee", "Bo Kim"]
    assert "Cy Diaz" not in split_names("By Ann Lee, " + padding + "Cy Diaz")  # past the cut: not read


def _gallery_page(slides: int, caption_paragraphs: bool) -> str:
    looks = [("Lighthouse keeper", "Borrow a yellow raincoat and carry a torch.", "Windy nights suit it best."),
             ("Garden gnome", "A red pointed hat and a white cotton beard do the work.", "Stand very still."),
             ("Paper moon", "Cut a crescent from card and paint it silver.", "Glows under lamps."),
             ("Tired commuter", "Wear a suit, hold a cold coffee and sigh at every door.", "Easy to improvise.")]
    figures = []
    for number, (name, need, quip) in enumerate(looks[:slides], 1):
        caption = (f"<p>{quip}</p><p><strong>What to wear:</strong> {need}</p>" if caption_paragraphs
                   else f"{name}, photographed at the harbour fair")
        figures.append(f'<figure class="slide"><h2><a href="/gallery/{number}">{number}. {name}</a></h2>'
                       f'<img src="/img/{number}.jpg"><figcaption class="slide-caption">{caption}</figcaption></figure>')
    return ("<html><head><title>Four costumes from things at home</title></head><body><article>"
            "<h1>Four costumes from things at home</h1>"
            "<p>Nobody needs to buy a costume this autumn: each of these looks comes together from clothes and "
            "odds and ends most households already keep in a cupboard or a drawer somewhere.</p>"
            "<p>We asked readers which outfits drew the most compliments at last year's street parade, and the "
            "answers leaned towards simple ideas with one striking detail rather than elaborate tailoring.</p>"
            "<p>None of them takes more than an evening to put together, and most cost nothing beyond a little "
            "face paint, some cardboard and a roll of tape borrowed from the kitchen drawer.</p>"
            f"{''.join(figures)}</article></body></html>")


def test_gallery_captions_are_the_text_of_a_slideshow_page_in_their_order():
    text = extract_html_article(_gallery_page(4, caption_paragraphs=True))["text"]
    wanted = ["Nobody needs to buy a costume", "Windy nights suit it best.", "Borrow a yellow raincoat", "Stand very still.", "A red pointed hat",
              "Glows under lamps.", "Cut a crescent", "Easy to improvise.", "hold a cold coffee"]
    positions = [text.find(snippet) for snippet in wanted]
    assert -1 not in positions and positions == sorted(positions)
    assert text.count("Windy nights") == 1


def test_photo_captions_of_an_ordinary_page_stay_out_of_the_text():
    text = extract_html_article(_gallery_page(2, caption_paragraphs=True))["text"]
    assert "Windy nights" not in text  # two pictures with captions are illustrations, not a gallery
    text = extract_html_article(_gallery_page(4, caption_paragraphs=False))["text"]
    assert "photographed at the harbour fair" not in text


def _dated_page(json_ld_date: str, before_h1: str = "", after_h1: str = "") -> str:
    block = f'{{"@type": "NewsArticle", "headline": "Ferry timetable changes again", "datePublished": "{json_ld_date}"}}'
    return (f'<html><head><script type="application/ld+json">{block}</script></head><body>'
            f'<header><div class="site-logo">Harbour Times</div><div class="today">{before_h1}</div></header>'
            f'<article><h1>Ferry timetable changes again</h1>{after_h1}{ARTICLE_BODY}'
            '<section id="comments"><div class="comment"><span class="when">June 30, 2024</span>'
            '<p>Lovely.</p></div></section></article></body></html>')


@pytest.mark.parametrize("json_ld_date, before_h1, after_h1, expected", [
    # the byline shows another day than the CMS's JSON-LD: the day readers are shown wins
    ("2021-02-01T09:00:00Z", "", '<div class="timestamp">Updated May 5, 2021 @ 8:05 am</div>',
     dt.datetime(2021, 5, 5, tzinfo=UTC)),
    # ... as the instant a zoned <time> gives
    ("2021-02-01T09:00:00Z", "", '<p class="meta"><time datetime="2021-05-05T18:00:00-07:00">5 May</time></p>',
     dt.datetime(2021, 5, 6, 1, tzinfo=UTC)),
    # a day apart is the time zone: the declared UTC timestamp stays
    ("2021-03-04T23:30:00-05:00", "", '<span class="date">March 4, 2021</span>', dt.datetime(2021, 3, 5, 4, 30, tzinfo=UTC)),
    # ... but a day shown as the update, the only one shown, is what readers cite
    ("2021-03-04T13:30:00-05:00", "", '<span class="date">Updated March 5, 2021</span>', dt.datetime(2021, 3, 5, tzinfo=UTC)),
    # ... in the languages read: 'Aggiornato', 'Bijgewerkt', 'Atualizado'
    ("2021-03-04T18:30:00+01:00", "", '<span class="date">Aggiornato il 5 marzo 2021 alle 12:04</span>',
     dt.datetime(2021, 3, 5, tzinfo=UTC)),
    ("2021-03-04T18:30:00+01:00", "", '<span class="date">Bijgewerkt: 5 maart 2021</span>', dt.datetime(2021, 3, 5, tzinfo=UTC)),
    # ... and a line with both days gives the publication's
    ("2021-03-04T18:30:00+01:00", "", '<span class="date">Atualizado 5 de março de 2021, publicado 4 de março de 2021</span>',
     dt.datetime(2021, 3, 4, 17, 30, tzinfo=UTC)),
    # ... and in a line of two <time>s, each its own label: 'Updated <time>, first published at <time>'
    ("2024-03-10T20:32:00Z", "", '<p class="upd"><span>Updated</span> <time datetime="2024-03-11T00:05:00Z">March 11, 2024 — '
     '11.05am</time>, <span>first published at</span> <time datetime="2024-03-10T20:32:00Z">7.32am</time></p>',
     dt.datetime(2024, 3, 10, 20, 32, tzinfo=UTC)),
    # a site header's 'today' above the headline, a comment's date, a bare year: not the article's date
    ("2021-02-01T09:00:00Z", "Thursday, June 27, 2024", "", dt.datetime(2021, 2, 1, 9, tzinfo=UTC)),
    ("2021-02-01T09:00:00Z", "", '<span class="edition">2021 edition</span>', dt.datetime(2021, 2, 1, 9, tzinfo=UTC)),
])
def test_date_shown_with_the_headline_wins_when_it_is_another_day(json_ld_date, before_h1, after_h1, expected):
    assert extract_html_article(_dated_page(json_ld_date, before_h1, after_h1))["published"] == expected


def test_a_flattened_archive_copy_takes_the_date_over_its_headline_not_the_capture_or_the_header():
    """archive.today's copies keep no <article> or class names, only inline styles, and declare their
    capture time."""
    page = ('<html><head><meta property="og:site_name" content="archive.ph">'
            '<meta property="article:modified_time" content="2021-10-18T09:33:02Z"></head><body>'
            '<div style="padding:4px">archive.today webpage capture <span>18 Oct 2021 09:33:02 UTC</span></div>'
            '<div style="color:#666">Mittwoch, 20. Oktober 2021</div>'
            '<div style="margin:0"><div style="font-size:18px">Lokales</div><div><span>15.10.2021, 18:20 Uhr</span></div>'
            f'<h1 style="font-size:32px">Ferry timetable changes again</h1><div style="font-size:18px">{ARTICLE_BODY}</div>'
            '</div></body></html>')
    assert extract_html_article(page)["published"].date() == dt.date(2021, 10, 15)


def test_an_events_date_in_its_list_of_facts_is_not_the_publication_date():
    facts = ("<ul class='facts'><li><strong>Date:</strong> Friday 14 March 2025</li><li><strong>Time:</strong> 7pm</li>"
             "<li><strong>Venue:</strong> Quay Hall</li></ul><p class='meta'>Posted 3 February 2025 by the programme team</p>")
    page = story_page(facts, head="<meta property='article:published_time' content='2025-02-03T14:20:00+00:00'>")
    assert extract_html_article(page)["published"] == dt.datetime(2025, 2, 3, 14, 20, tzinfo=UTC)


def test_date_in_the_text_after_the_byline_is_not_the_shown_date():
    paragraph = ("<p>The operator said the winter timetable, which starts on 14 November 2021, keeps two "
                 "early sailings that commuters asked for when the first draft was published in the summer.</p>")
    page = _dated_page("2021-02-01T09:00:00Z", after_h1=paragraph + "<p>Tickets: 14 November 2021.</p>")
    assert extract_html_article(page)["published"] == dt.datetime(2021, 2, 1, 9, tzinfo=UTC)


def test_sign_up_boxes_rights_notices_and_related_links_are_not_article_text():
    story = ("<p>The harbour authority will dredge the northern channel next spring, a job last done eleven years ago, "
             "after two freighters touched bottom at low tide in January.</p>"
             '<p>Related: <a href="/2024/01/freighters-aground">Two freighters aground in a week</a></p>'
             "<p>Related to the dredging, the authority will also survey the old breakwater, which storms have "
             "battered three winters in a row.</p>"
             '<section class="article-email-capture"><h3>You are on the list!</h3><p>Thanks for joining the Harbour '
             'Times morning briefing; look for it in your inbox before breakfast.</p></section>'
             "<p>Work is expected to last six weeks and will close the channel to yachts at weekends, officials said, "
             "adding that a notice of all rights reserved by the port under the old lease does not apply here.</p>"
             "<p>Copyright holders of the old charts have agreed to let the port reprint them for the crews.</p>"
             "<p>Copyright 2024 Harbour Broadcasting Ltd. All rights reserved; no part may be copied without leave.</p>")
    page = f"<html><body><article><h1>Channel to be dredged next spring</h1>{story}</article></body></html>"
    text = extract_html_article(page)["text"]
    assert "Two freighters aground" not in text and "You are on the list" not in text
    assert "Harbour Broadcasting" not in text
    # the same words inside the story's own sentences stay
    assert "Related to the dredging" in text and "notice of all rights reserved" in text
    assert "Copyright holders of the old charts" in text
    assert "dredge the northern channel" in text and "close the channel to yachts" in text


def test_shown_publication_day_beats_a_shown_update_day_listed_first():
    byline = ('<div class="byline"><span class="stamp">Updated: May 5, 2021</span>'
              '<span class="stamp">Published: <time datetime="2021-02-01T08:00:00-05:00">Feb 1</time></span></div>')
    page = _dated_page("2020-12-30T09:00:00Z", after_h1=byline)
    assert extract_html_article(page)["published"] == dt.datetime(2021, 2, 1, 13, tzinfo=UTC)


def test_date_after_a_logo_h1_is_the_site_header_not_the_byline():
    block = '{"@type": "NewsArticle", "headline": "Ferry timetable changes again", "datePublished": "2021-02-01T09:00:00Z"}'
    page = (f'<html><head><script type="application/ld+json">{block}</script></head><body>'
            '<header><h1 class="logo">Coastal Pages Online</h1><div class="today">Thursday, June 27, 2024</div></header>'
            f'<main><h2>Ferry timetable changes again</h2>{ARTICLE_BODY}</main></body></html>')
    assert extract_html_article(page)["published"] == dt.datetime(2021, 2, 1, 9, tzinfo=UTC)


def test_republication_note_above_the_article_is_put_back_once():
    note = '<p class="source-note">This article originally appeared in <a href="https://valley.example">Valley Weekly</a>.</p>'
    comment = ('<section id="comments"><div class="comment"><p>This story first appeared on my own blog, '
               'says a reader.</p></div></section>')
    page = (f'<html><body><h1>Ferry timetable changes again</h1><div class="meta">{note}</div>'
            f'<article>{ARTICLE_BODY}</article>{comment}</body></html>')
    text = extract_html_article(page)["text"]
    assert text.startswith("This article originally appeared in Valley Weekly.\n")
    assert text.count("originally appeared") == 1 and "my own blog" not in text
    inside = f'<html><body><h1>Ferry timetable changes again</h1><article>{ARTICLE_BODY}{note}</article></body></html>'
    assert extract_html_article(inside)["text"].count("originally appeared") == 1


def test_site_name_given_as_a_url_gives_way_to_the_publisher_name():
    block = ('{"@type": "NewsArticle", "headline": "Ferry timetable changes again", '
             '"publisher": {"@type": "Organization", "name": "Harbour Times"}}')
    page = (f'<html><head><meta property="og:site_name" content="https://www.harbourtimes.example">'
            f'<script type="application/ld+json">{block}</script></head><body>'
            f'<article><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}</article></body></html>')
    assert extract_html_article(page)["source"] == "Harbour Times"


@pytest.mark.parametrize("shown_byline, expected", [
    # a desk credited by the CMS gives way to the reporter the page prints; the news service is a credit too
    ("<p><strong>By Tom Ashby, Local Democracy Reporting Service</strong></p>", ["Tom Ashby"]),
    # with nobody named, the desk stands for the outlet
    ("", ["Harbour Times"]),
    # a surname that is also an organisation word, in a two-word name, is a person's
    ('<p class="byline">By <a href="/author/marion-service">Marion Service</a></p>', ["Marion Service"]),
])
def test_desks_and_services_are_credits_not_people(shown_byline, expected):
    block = ('{"@type": "NewsArticle", "headline": "Ferry timetable changes again", "author": {"@type": "Person", '
             '"name": "Web Desk"}, "publisher": {"@type": "Organization", "name": "Harbour Times"}}')
    page = (f'<html><head><script type="application/ld+json">{block}</script></head><body>'
            f'<article><h1>Ferry timetable changes again</h1>{shown_byline}{ARTICLE_BODY}</article></body></html>')
    assert extract_html_article(page)["authors"] == expected


@pytest.mark.parametrize("path", ["author", "contributors", "reporters"])
def test_a_byline_linking_more_writers_than_the_meta_author_names_them_all(path):
    byline = (f"<p class='byline'>By <a href='/{path}/ada-brook/'>Ada Brook</a> and "
              f"<a href='/{path}/tom-reyes/'>Tom Reyes</a></p>")
    page = story_page(byline, head="<meta name='author' content='Ada Brook'>")
    assert extract_html_article(page)["authors"] == ["Ada Brook", "Tom Reyes"]


@pytest.mark.parametrize("credits, head, expected", [
    # the writer's and the photographer's credits on lines of their own; the meta tag names the photographer
    ("<div class='credits'><p><span>Text:</span> <a href='/c/ada-brook/'>Ada Brook</a></p>"
     "<p><span>Photos:</span> <a href='/c/tom-reyes/'>Tom Reyes</a></p></div>",
     "<meta name='author' content='Tom Reyes'>", ["Ada Brook"]),
    # the translator, on a line of the byline's block, whom the meta tag lists too
    ("<div class='byline'><p>By <a href='/c/ada-brook/'>Ada Brook</a></p><p>Translated from the French by "
     "<a href='/c/tom-reyes/'>Tom Reyes</a></p></div>", "<meta name='author' content='Ada Brook, Tom Reyes'>", ["Ada Brook"]),
    # an opinion page's board stands for the outlet
    ("<div class='by'><span class='by__name'>The Editorial Board</span></div>",
     "<meta name='author' content='The Editorial Board'><meta property='og:site_name' content='Harbour Times'>", ["Harbour Times"]),
    # the interviewer, labelled so
    ("<div class='info'><span>Interview:</span> <span>Ada Brook</span><br><span>9 July 2019</span></div>", "", ["Ada Brook"]),
    # a news agency alone under the headline, the CMS's account in the metadata
    # the outlet's digital desk in the metadata, the reporter in capitals under the headline
    ("<p class='byline'>By <a href='/author/wanjiru-kamau/'>WANJIRU KAMAU</a></p>",
     "<meta name='author' content='Harbour Times Digital'><meta property='og:site_name' content='Harbour Times'>",
     ["Wanjiru Kamau"]),
    ("<div class='source'><span>AFP</span></div><div class='updated'>Updated: January 30, 2024</div>",
     "<meta name='author' content='webteam'><meta property='og:site_name' content='Harbour Times'>", ["AFP"]),
])
def test_credits_printed_under_the_headline_on_lines_of_their_own(credits, head, expected):
    assert extract_html_article(story_page(credits, head=head))["authors"] == expected


def test_a_widgets_lower_case_teaser_credits_credit_nobody():
    widget = "".join(f"<li class='popular'><a class='popular-link' href='/2016/0{n}/other-post-{n}/'>Another post about the allotment, part {n}</a>"
                     f"<div class='popular-meta'><span class='popular-byline'>by Rhys Morgan</span></div></li>" for n in range(1, 4))
    page = (f"<html><body><article><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}</article>"
            f"<aside><section class='widget widget_popular'><h2>Most popular</h2><ol>{widget}</ol></section></aside></body></html>")
    assert extract_html_article(page)["authors"] == []


def test_headline_inside_the_article_is_not_repeated_as_the_first_line_of_the_text():
    page = f"<html><head><title>Ferry timetable changes again</title></head><body><article>" \
           f"<h1>Ferry timetable changes again</h1>{ARTICLE_BODY}</article></body></html>"
    article = extract_html_article(page)
    assert article["title"] == "Ferry timetable changes again"
    assert article["text"].startswith("The ferry timetable changes again next week")


def test_calls_to_follow_the_outlet_and_rows_of_links_are_not_article_text():
    story = ("<p>The harbour authority will dredge the northern channel next spring, a job last done eleven years ago, "
             "after two freighters touched bottom at low tide in January.</p>"
             "<p>READ: Two freighters aground in a week</p>"
             "<p>Join our WhatsApp channel for the latest harbour news.</p>"
             "<p>Work is expected to last six weeks and will close the channel to yachts at weekends | officials said | "
             "with a notice to follow.</p>"
             "<p>Corrections | Submit a news tip | Report an error</p>")
    text = extract_html_article(f"<html><body><article><h1>Channel to be dredged</h1>{story}</article></body></html>")["text"]
    assert "Two freighters aground" not in text and "WhatsApp" not in text and "Submit a news tip" not in text
    assert "close the channel to yachts at weekends | officials said" in text  # a sentence with pipes stays


@pytest.mark.parametrize("own_link", ["/reviews/4417", "https://www.reviews.example/reviews/4417/#top"])
def test_the_heading_that_links_to_the_page_itself_beats_a_reworded_social_title(own_link):
    page = ("<html><head><title>Harbour Kitchen reviewed by Dana Ortiz</title>"
            "<meta property='og:title' content='Dana Ortiz gave Harbour Kitchen 4 stars. Read the full review...'>"
            "<meta property='og:url' content='https://reviews.example/reviews/4417'></head><body>"
            "<h2><a href='/reviews/4402'>Slow service, great soup</a></h2>"  # another review: links elsewhere
            f"<div class='review'><h2><a href='{own_link}'>Worth the wait for the fish stew</a></h2>{ARTICLE_BODY}</div>"
            "</body></html>")
    assert extract_html_article(page)["title"] == "Worth the wait for the fish stew"


def test_a_heading_linking_elsewhere_is_not_the_title():
    page = ("<html><head><meta property='og:title' content='Dana Ortiz gave Harbour Kitchen 4 stars'>"
            "<meta property='og:url' content='https://reviews.example/reviews/4417'></head><body>"
            f"<h2><a href='/reviews/4402'>Slow service, great soup</a></h2>{ARTICLE_BODY}</body></html>")
    assert extract_html_article(page)["title"] == "Dana Ortiz gave Harbour Kitchen 4 stars"


@pytest.mark.parametrize("info_line, expected", [
    ("Redacción · Elena Marín · 5 de mayo de 2010", ["Elena Marín"]),  # the desk, then the reporter
    ("Redaktion | Jonas Feld | 03.04.2023", ["Jonas Feld"]),
    ("Politik · Jonas Feld · 03.04.2023", []),  # a section is no desk: not read as a byline
])
def test_a_desk_before_the_name_beside_the_date_is_a_byline(info_line, expected):
    page = (f"<html><head><title>Mercado reabre</title></head><body><h2>Mercado reabre</h2>"
            f"<p class='info'>{info_line}</p>{ARTICLE_BODY}</body></html>")
    assert extract_html_article(page)["authors"] == expected


def test_the_line_of_links_to_the_posts_before_and_after_is_not_text():
    story = ("<p>« The spring clear-out | Main | Ten years of the same text editor, and why I stay »</p>"
             f"{ARTICLE_BODY}<p>« Oui, nous partons », a-t-elle dit | puis elle est sortie.</p>")
    text = extract_html_article(f"<html><body><h1>Goodbye, plastic router</h1>{story}</body></html>")["text"]
    assert "spring clear-out" not in text
    assert "« Oui, nous partons », a-t-elle dit | puis elle est sortie." in text  # a sentence in guillemets stays


def test_a_closing_byline_with_a_comments_link_names_the_writer_of_a_site_named_after_her():
    page = ("<html><head><title>Noor Vale: Shoeboxes</title></head><body><h1><a href='/'>Noor Vale</a></h1>"
            f"<div id='content'><h3>Shoeboxes</h3>{ARTICLE_BODY}"
            "<p class='author'>&mdash; written by Noor Vale on 2 Oct 2008 &middot; "
            "<a href='/writing/shoeboxes#comment'>Comment [1]</a></p></div></body></html>")
    assert extract_html_article(page, url="http://www.noorvale.example/writing/shoeboxes")["authors"] == ["Noor Vale"]


def test_a_list_of_older_posts_inside_the_story_container_is_not_text_but_a_section_with_bullets_is():
    page = ("<html><body><div id='content'><h1>Ferry timetable changes again</h1>" + ARTICLE_BODY +
            "<h3>Older workers</h3><ul><li>Two shifts start earlier</li><li>Pay stays the same</li></ul>"
            "<h3>Older</h3><ul><li><a href='/a'>On learning to swim</a> · 14 Sep 2008</li>"
            "<li><a href='/b'>The allotment gate</a> · 30 Aug 2008</li></ul></div></body></html>")
    text = extract_html_article(page)["text"]
    assert "On learning to swim" not in text and "allotment gate" not in text
    assert "Two shifts start earlier" in text


def test_a_metadata_list_crediting_a_department_names_it():
    page = ("<html><head><title>Grants for harbour walls - GOV.EXAMPLE</title></head><body><main><h1>Grants for harbour walls</h1>"
            "<dl><dt>From:</dt><dd><a href='/organisations/coastal'>Department for Coastal Affairs</a></dd>"
            f"<dt>Published</dt><dd>14 February 2012</dd></dl>{ARTICLE_BODY}</main></body></html>")
    assert extract_html_article(page)["authors"] == ["Department for Coastal Affairs"]


STORY_PARAGRAPHS = ("Residents packed the community hall on Wednesday night to oppose plans for a depot on the old brickworks site."
                    "<br><br>More than two hundred people signed a petition in the foyer before the meeting began, organisers said."
                    "<br><br>The planning committee is expected to consider the application in June, after a visit to the site.")


def test_a_page_laid_out_in_tables_gives_its_story_without_menus_sidebars_or_header_lines():
    page = ("<html><head><title>Valley Post - Residents fight depot plan</title></head><body>"
            "<table width='770'><tr><td colspan='3'><img src='/masthead.gif' alt='Valley Post'></td></tr>"
            "<tr><td colspan='3'><a href='/'>Home</a> | <a href='/news/'>News</a> | <a href='/sport/'>Sport</a></td></tr>"
            "<tr><td width='150'><b>Sections</b><br><a href='#'>Local</a><br><a href='#'>Courts</a></td>"
            "<td width='470'><table width='100%'><tr><td><font size='1'>News &gt; Local</font><br>"
            "<font size='5'><b>Residents fight depot plan</b></font><br><b>By JANE ROE, Staff Writer</b><br>"
            f"<font size='1'>Published: Thursday, April 12, 2007</font><br><br>{STORY_PARAGRAPHS}</td></tr></table></td>"
            "<td width='150'><b>Top Stories</b><br><a href='#'>Bypass delayed again</a><br><a href='#'>Library opens</a></td></tr>"
            "</table></body></html>")
    article = extract_html_article(page, url="http://www.valleypost.example/news/local/display.var.1402.html")
    assert article["title"] == "Residents fight depot plan" and article["authors"] == ["Jane Roe"]
    assert article["text"].startswith("Residents packed the community hall")  # no breadcrumb, headline, byline, date
    assert "Bypass delayed" not in article["text"] and "Courts" not in article["text"]
    assert article["published"] == dt.datetime(2007, 4, 12, tzinfo=UTC)


def test_a_three_column_layout_with_the_story_in_a_cell_gives_the_story():
    rows = "".join(f"<tr><td>Termine</td><td>{cell}</td><td>Umfrage</td></tr>" for cell in ("Montag", "Dienstag"))
    page = (f"<html><body><table id='wrapper'>{rows}<tr><td><a href='/a'>Boxen</a></td><td><h1>Krasniqi kehrt zurück</h1>"
            f"{ARTICLE_BODY}{ARTICLE_BODY}</td><td><a href='/u'>Umfrage</a></td></tr>{rows}</table></body></html>")
    text = extract_html_article(page)["text"]
    assert text.startswith("The ferry timetable") and "|" not in text


def test_a_data_table_in_a_story_stays_a_table():
    table = ("<table><tr><th>Ward</th><th>Votes</th></tr><tr><td>Harbour</td><td>1,204</td></tr>"
             "<tr><td>Millbrook</td><td>987</td></tr></table>")
    page = f"<html><body><article><h1>Count finished</h1>{ARTICLE_BODY}{table}{ARTICLE_BODY}</article></body></html>"
    assert "| Harbour | 1,204 |" in extract_html_article(page)["text"]


def test_a_story_opening_with_by_or_a_date_keeps_that_sentence():
    opening = "<p>By noon, the crowd had gone home.</p><p>12 April 2007 was the wettest day of the year.</p>"
    page = f"<html><body><article><h1>Count finished</h1>{opening}{ARTICLE_BODY}</article></body></html>"
    assert extract_html_article(page)["text"].startswith("By noon, the crowd had gone home.\n12 April 2007 was the")


def test_the_byline_under_a_headline_set_in_bold_type_is_read():
    page = ("<html><head><title>Harwell Flyers :: Open day at the airfield</title></head><body><table><tr><td>"
            "<font class='title'><b>Open day at the airfield</b></font><br><font class='tiny'>Posted by "
            "<a href='modules.php?name=Your_Account&amp;username=gfink'>Gerald Fink</a> on Friday, April 14, 2006 "
            f"(212 reads)</font></td></tr><tr><td>{ARTICLE_BODY}</td></tr></table></body></html>")
    assert extract_html_article(page)["authors"] == ["Gerald Fink"]


@pytest.mark.parametrize("page_part, expected", [
    # a label before the name: 'Reporter: <strong>Name</strong>'
    ("<div class='info'>Reporter: <strong>Fiona Creagh</strong><br>20/10/2022</div>", ["Fiona Creagh"]),
    # a wire story's closing credits: the reporters are a team, the editor is no author; the agency is credited
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"@type\": \"Organization\", "
     "\"name\": \"Reuters\"}}</script><p>(Reporting by the London economics desk; Editing by Kate Holm)</p>", ["Reuters"]),
    # a review page's JSON-LD names its reviewer
    ("<script type='application/ld+json'>{\"@type\": \"Review\", \"name\": \"Ferry timetable changes again\", "
     "\"author\": {\"@type\": \"Person\", \"name\": \"Fiona Mackie\"}}</script>", ["Fiona Mackie"]),
    # a publication credited after the writer; a two-word name ending in such a word is a person's
    ("<p class='byline'>By Priya Castell, High Plains Report</p>", ["Priya Castell"]),
    ("<p class='byline'>By Emily Post and Priya Castell</p>", ["Emily Post", "Priya Castell"]),
    # a signature naming the outlet, then the writer, in French markup; the JSON-LD credits the outlet
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"@type\": \"Organization\", "
     "\"name\": \"Le Courrier\"}}</script><meta property='og:site_name' content='Le Courrier'><span class='signature'><span class='media'>Le Courrier</span> "
     "<span class='auteur'>Léa Garnet</span></span>", ["Léa Garnet"]),
    ("<div class='ficha'><span class='texto-autor'>Texto: Ana Loureiro</span> | "
     "<span class='foto-autor'>Fotos: Rui Mata</span></div>", ["Ana Loureiro"]),
])
def test_authors_from_labels_reviews_and_closing_notes(page_part, expected):
    page = story_page(page_part, head="<title>Ferry timetable changes again</title>")
    assert extract_html_article(page)["authors"] == expected


def test_the_h1_marked_as_the_story_title_beats_an_seo_title_it_shares_no_words_with():
    page = ("<html><head><title>Casa Lucia - Restaurant Review - Eastside Weekly</title></head><body>"
            f"<h1 class='storyTitle'>A blue door, and behind it, mole</h1>{ARTICLE_BODY}</body></html>")
    assert extract_html_article(page)["title"] == "A blue door, and behind it, mole"


def test_feedback_widgets_contact_boxes_other_news_and_social_taglines_are_not_text():
    page = ("<html><body><article><h1>Ferry timetable changes again</h1>" + ARTICLE_BODY +
            "<p>Like us on Facebook and follow us on Twitter.</p>"
            "<div class='media-contact'><h2>Media Contact</h2><p>Corinne Wall<br>Communications<br>555-0142</p></div>"
            "<h3>Other News in Parks &amp; Recreation</h3><ul><li><a href='/a'>Leaf pickup schedule announced</a></li>"
            "<li><a href='/b'>Pool opens early</a></li></ul>"
            "<div><p>Was this page helpful?</p><button>Yes</button><button>No</button></div>"
            "</article></body></html>")
    text = extract_html_article(page)["text"]
    for furniture in ("Like us on Facebook", "555-0142", "Leaf pickup", "Was this page helpful"):
        assert furniture not in text
    assert text.startswith("The ferry timetable changes again")


def test_an_op_ed_credited_to_the_desk_names_its_writer_in_the_closing_line():
    page = story_page("<p class='byline'>By Opinion Desk</p>",
                      "<p><em>Walter Brisk is a retired ferry engineer who lives in the town.</em></p>")
    assert extract_html_article(page)["authors"] == ["Walter Brisk"]


@pytest.mark.parametrize("comments_class, heading", [
    ("comentarios", "Comentarios de los lectores (2)"), ("reacties", "Reacties"), ("reactions", "Vos réactions (12)"),
    ("kommentare", "Kommentare"),
])
def test_readers_comments_in_other_languages_are_not_text(comments_class, heading):
    page = (f"<html><body><div class='content'><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}"
            f"<div class='{comments_class}'><h3>{heading}</h3><div><b>Gert</b> 8-4-2014 16:20<br>"
            "Mooi initiatief! Eindelijk gebeurt er iets met dat veld, zei hij.</div></div></div></body></html>")
    assert "Mooi initiatief" not in extract_html_article(page)["text"]


def test_captions_with_their_photo_credit_and_cookie_notices_are_not_text():
    page = ("<html><body><p>Korzystamy z plików cookies i podobnych technologii, aby dopasować treści i reklamy.</p>"
            f"<article><h1>Ferry timetable changes again</h1><div><img src='a.jpg'><p>Work on Academy Street. "
            "Fot. Kamil Zawadka</p></div><div><img src='b.jpg'><p>Hail covered the streets of Jardim — Foto: Leitor / "
            f"Arquivo</p></div>{ARTICLE_BODY}<p>She showed me the photo: a small boat pulled up on the shingle.</p>"
            "<h3>Laatste nieuws</h3><ul><li><a href='/a'>Brand in loods</a></li><li><a href='/b'>Nieuwe brug open</a></li>"
            "</ul></article></body></html>")
    text = extract_html_article(page)["text"]
    for furniture in ("cookies", "Academy Street", "Foto: Leitor", "Brand in loods"):
        assert furniture not in text
    assert "She showed me the photo: a small boat pulled up on the shingle." in text


def test_a_days_date_takes_the_instant_of_a_zoned_time_in_the_post_footer():
    page = (f"<html><body><article><h1>Tre giorni a Matera</h1>{ARTICLE_BODY}<footer>Pubblicato il "
            "<time datetime='2013-10-22T09:12:37+02:00'>22 ottobre 2013</time></footer></article></body></html>")
    article = extract_html_article(page, url="http://valigia.example/2013/10/22/tre-giorni-a-matera/")
    assert article["published"] == dt.datetime(2013, 10, 22, 7, 12, 37, tzinfo=UTC)


def test_sidebar_widgets_and_call_to_action_boxes_are_not_text():
    page = (f"<html><body><div class='post'><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}"
            "<section class='transcript-cta'><p>A full transcript of this episode is available to supporters.</p></section>"
            "</div><div class='sidebar section'><div class='widget Profile'><h2>About Me</h2><dl><dt>Marguerite Lind</dt>"
            "<dd>Children's librarian in Oregon. Reads too much, sleeps too little.</dd></dl></div></div></body></html>")
    text = extract_html_article(page)["text"]
    assert "full transcript" not in text and "librarian in Oregon" not in text


def test_a_heading_with_a_broken_link_does_not_stop_extraction():
    page = ("<html><head><link rel='canonical' href='https://a.example/x'></head><body>"
            f"<h2><a href='http://[::1:bad/'>A heading linking nowhere</a></h2>{ARTICLE_BODY}</body></html>")
    assert extract_html_article(page)["text"].startswith("The ferry timetable")


@pytest.mark.parametrize("account, opening", [
    ("Simon Acker", "Guest post by Dr Hannah Veld, Lecturer in Economic History."),
    ("Gastautor", "Ein Gastbeitrag von Hannah Veld"),  # a generic guest account posted it
    ("Guest Writer", "Words by contributor Hannah Veld"),
])
def test_a_guest_post_names_its_writer_over_the_account_that_posted_it(account, opening):
    page = (f"<html><head><meta name='author' content='{account}'></head><body><div class='post'>"
            "<h2 class='entry-title'>Guest post: What tax rolls tell us</h2><div>posted by "
            f"<span class='author vcard'>{account}</span></div><div class='entry-content'><p><strong>{opening}"
            f"</strong></p>{ARTICLE_BODY}</div></div></body></html>")
    assert extract_html_article(page)["authors"] == ["Hannah Veld"]


@pytest.mark.parametrize("heading_class", ["article__hed", "artikel-titel", "post-headline"])
def test_an_h1_marked_as_the_headline_beats_a_json_ld_headline_worded_otherwise(heading_class):
    block = '{"@type": "NewsArticle", "headline": "The Best Throw Blankets To Buy This Winter"}'
    page = (f"<html><head><script type='application/ld+json'>{block}</script></head><body><article>"
            f"<h1 class='{heading_class}'>11 Cozy Throws Worth The Splurge</h1>{ARTICLE_BODY}</article></body></html>")
    assert extract_html_article(page)["title"] == "11 Cozy Throws Worth The Splurge"


def test_a_meta_title_that_is_only_the_site_name_gives_way_to_the_h1():
    page = ("<html><head><meta property='og:site_name' content='WaterBridge Alliance'>"
            "<meta property='og:title' content='WaterBridge Alliance'><title>News | WaterBridge Alliance</title></head>"
            f"<body><h1>New wells bring water to 14 schools</h1>{ARTICLE_BODY}</body></html>")
    assert extract_html_article(page)["title"] == "New wells bring water to 14 schools"


def test_a_sponsored_post_names_its_writer_over_the_studio_and_the_bio_box_is_not_text():
    page = ("<html><head><meta name='sailthru.author' content='Nestwell Studio'></head><body><article>"
            "<h1>Sleep cooler this summer</h1><p class='byline'>Written by Danielle Ferro for Arclight Mattress Co.</p>"
            f"{ARTICLE_BODY}<div class='ArticleAuthorBio'><p>Danielle Ferro is a contributing writer at The Meridian.</p>"
            "</div></article></body></html>")
    article = extract_html_article(page)
    assert article["authors"] == ["Danielle Ferro"] and "contributing writer" not in article["text"]


@pytest.mark.parametrize("head, h1, expected", [
    # no JSON-LD, a reworded social and <title> title: the h1 readers see
    ("<meta property='og:title' content='Rate cut hopes fade'><title>Rate cut hopes fade | The Courier</title>",
     "Mortgage holders told not to bank on a rate cut", "Mortgage holders told not to bank on a rate cut"),
    # a shorter JSON-LD headline
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Hikers rescued from ledge\"}</script>",
     "Hikers rescued by helicopter after a night on a ledge", "Hikers rescued by helicopter after a night on a ledge"),
    # an h1 that is the site's name as the <title> prints it is no headline
    ("<title>St Michael's Bramford - From the Rector's desk</title>", "St Michael and All Angels, Bramford",
     "From the Rector's desk"),
])
def test_the_h1_readers_see_beats_titles_written_for_search_and_social(head, h1, expected):
    page = f"<html><head>{head}</head><body><h1>{h1}</h1>{ARTICLE_BODY}</body></html>"
    assert extract_html_article(page, url="http://www.stmichaelsbramford.example/news/rector")["title"] == expected


def test_appeals_app_promotions_and_parenthesised_photo_credits_are_not_text():
    page = ("<html><body><article><h1>Ferry timetable changes again</h1><div class='photo'><img src='a.jpg'>"
            "<p>Harold Pratt adds a lamp post to his model. (Herald photo by Jenna Halver)</p></div>" + ARTICLE_BODY +
            "<div class='csn-donate'><p>Capitol News is a nonprofit newsroom. Support us with a gift today.</p></div>"
            "<div class='Promo-support'><h3>Support local journalism</h3><p>Become a member today.</p></div>"
            "<div data-component='Newsletter'><h3>Get our alerts</h3><p>Download the app and sign up for notifications "
            "on the biggest stories.</p></div></article></body></html>")
    text = extract_html_article(page)["text"]
    for furniture in ("lamp post", "nonprofit newsroom", "Become a member", "Download the app"):
        assert furniture not in text


def test_a_date_line_with_times_and_zones_and_a_us_numeric_date_read_by_the_url():
    line = "<p class='date'>Updated 9:02 a.m. CT Aug. 2, 2019 | Published 6:00 a.m. CT Aug. 10, 2019</p>"
    assert extract_html_article(story_page(line))["published"] == dt.datetime(2019, 8, 10, tzinfo=UTC)
    numeric = "<p class='date'>05/11/2017</p>"
    assert extract_html_article(story_page(numeric), url="https://times.example/news/2017/05/11/ferry/")["published"] == \
        dt.datetime(2017, 5, 11, tzinfo=UTC)


def test_staff_and_agencies_names_nobody():
    assert extract_html_article(story_page("<p class='byline'>Staff and agencies</p>"))["authors"] == []


def test_german_and_french_page_furniture_and_bylines():
    page = ("<html><head><title>Regierung will Genehmigungen beschleunigen</title></head><body><article>"
            "<h1><span class='tb-topline'>Windkraft an Land</span> <span class='tb-title'>Regierung will Genehmigungen "
            "beschleunigen</span></h1><div class='meta'>Veröffentlicht am 08.11.2017 von Sabine Oehl in "
            f"<a href='/polizei/'>Polizei &amp; Feuerwehr</a></div>{ARTICLE_BODY}"
            "<p>Lesen Sie auch: <a href='/a'>Zalewski, die neue Hoffnung</a></p>"
            "<div class='vl-contact'><p><b>Contact presse</b><br>Claire Dumont – 04 72 10 30 30</p></div>"
            "<div class='sk-liga'><h3>Weitere Ergebnisse der 19. Runde</h3><ul><li>Rapid – Tirol 1:1</li>"
            "<li>LASK – Lustenau 3:0</li></ul></div></article></body></html>")
    article = extract_html_article(page)
    assert article["title"] == "Regierung will Genehmigungen beschleunigen"  # the kicker is no part of it
    assert article["authors"] == ["Sabine Oehl"]
    for furniture in ("Lesen Sie auch", "Claire Dumont", "Rapid – Tirol"):
        assert furniture not in article["text"]


@pytest.mark.parametrize("h1, title_tag, expected", [
    # a badge set before the headline, with no space between them
    ("<span class='live-badge'>LIVE</span>Ferry timetable changes again", "LIVE: Ferry timetable", "Ferry timetable changes again"),
    # a kicker's colon for screen readers only
    ("<span class='art__dachzeile'>Fähre</span><span class='visually-hidden'>: </span><span>Fahrplan ändert sich erneut</span>",
     "Fähre: Fahrplan ändert sich erneut", "Fahrplan ändert sich erneut"),
    # a label printed with its colon as the headline's first words, as the <title> has it: its space kept
    ("<span class='story__label'>Exclusive: </span>Ferry timetable changes again", "Exclusive: Ferry timetable changes again",
     "Exclusive: Ferry timetable changes again"),
])
def test_labels_in_the_headline(h1, title_tag, expected):
    page = f"<html><head><title>{title_tag} | Harbour Times</title></head><body><article><h1>{h1}</h1>{ARTICLE_BODY}</article></body></html>"
    assert extract_html_article(page)["title"] == expected


def test_a_headline_in_a_block_named_as_the_title_beats_a_reworded_social_title():
    page = ("<html><head><title>Danish ferry crew rescues three kayakers in a storm - The Baltic Desk</title>"
            "<meta property='og:title' content='Ferry crew rescues kayakers in storm'>"
            "<meta property='og:site_name' content='The Baltic Desk'></head><body><div class='article-single'>"
            f"<div class='article-single-title'>Danish ferry crew rescues three kayakers in a storm</div>{ARTICLE_BODY}</div></body></html>")
    assert extract_html_article(page)["title"] == "Danish ferry crew rescues three kayakers in a storm"


def test_a_box_is_measured_by_its_visible_text_not_its_markup_whitespace():
    spaced = "\n" + " " * 200
    box = f"<div class='affiliate-box'>{spaced}<p>Get 75,000 bonus points when you spend $5,000.</p>{spaced * 10}</div>"
    assert "bonus points" not in extract_html_article(story_page(after=box + ARTICLE_BODY))["text"]


def test_wordpress_prints_the_update_time_first_and_the_publication_after_it():
    line = ("<div class='entry-meta'><span class='posted-on'><time class='updated' datetime='2021-12-02T14:31:07+00:00'>"
            "2 December 2021</time><time class='entry-date published' datetime='2021-11-30T09:00:00+00:00'>"
            "30 November 2021</time></span></div>")
    assert extract_html_article(story_page(line))["published"] == dt.datetime(2021, 11, 30, 9, tzinfo=UTC)


@pytest.mark.parametrize("head, body, expected", [
    # a <title> that is only the paper's name; the headline is an h2 in a table-era layout
    ("<title>The Harlow Courier</title>", "<h2>Village board votes to replace the water tower</h2>",
     "Village board votes to replace the water tower"),
    # a theme's h1 is the section, the headline an h2 that is the social title
    ("<meta property='og:title' content='Kestrel Acquires Brightwater Controls'>",
     "<h1 class='entry-title'>News</h1><h2 class='post-title'>Kestrel Acquires Brightwater Controls</h2>",
     "Kestrel Acquires Brightwater Controls"),
    # a municipal site's <title>; the story's heading is the one above its text
    ("<title>Marlow Springs, TX - Official Website</title>",
     "<h2>Departments</h2><div><h3>Lead service line replacement to begin in Eastgate</h3></div>",
     "Lead service line replacement to begin in Eastgate"),
])
def test_the_headline_of_pages_whose_titles_name_only_the_site_or_section(head, body, expected):
    page = f"<html><head>{head}</head><body>{body}{ARTICLE_BODY}</body></html>"
    assert extract_html_article(page, url="https://www.harlowcourier.example/news/0309/")["title"] == expected


def test_platform_publishers_shop_credits_and_trafilaturas_guess_do_not_make_authors():
    block = ('{"@type": "BlogPosting", "headline": "Ferry timetable changes again", "author": {"@type": "Person", '
             '"name": "Hannah Lowe"}, "publisher": {"@type": "Organization", "name": "Blogger"}}')
    page = (f"<html><head><meta property='og:site_name' content='Loop and Lantern'>"
            f"<meta itemprop='author' content='Loop and Lantern'><script type='application/ld+json'>{block}</script>"
            f"</head><body><article><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}</article></body></html>")
    article = extract_html_article(page)
    assert article["authors"] == ["Hannah Lowe"] and article["source"] == "Loop and Lantern"


def test_more_local_news_lists_and_feed_subscription_lines_are_not_text():
    page = (f"<html><body><div class='post'><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}"
            "<p>Subscribe to: Post Comments (Atom)</p></div><div class='box'><h3>More Local News</h3><ul>"
            "<li><a href='/a'>Lions Club names citizen of the year</a></li><li><a href='/b'>Ice derby</a></li></ul>"
            "</div></body></html>")
    text = extract_html_article(page)["text"]
    assert "Post Comments" not in text and "Lions Club" not in text


def test_saved_copies_print_and_reader_view_furniture():
    page = ("<html><body><div class='container'><h1 class='reader-title'>Ferry timetable changes again</h1>"
            f"<div class='credits reader-credits'>Siobhan Garvan</div><div class='content'>{ARTICLE_BODY}"
            "<p>This story was printed from the Westbury Observer website at 10:14 on 9 March 2017.</p>"
            "<p>Exported with Reader View on March 2, 2024. Original article: https://news.example/ferry</p>"
            "</div></div></body></html>")
    article = extract_html_article(page)
    assert article["authors"] == ["Siobhan Garvan"]
    assert "printed from" not in article["text"] and "Exported with" not in article["text"]


def test_a_role_after_the_name_and_an_agency_credited_on_a_syndicating_site():
    assert extract_html_article(story_page("<div class='byline'><b>Gareth Pryde</b>, Local democracy reporter</div>")
                                )["authors"] == ["Gareth Pryde"]
    block = ('{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "The Associated Press"}, '
             '"publisher": {"@type": "Organization", "name": "Lakeshore Times"}}')
    page = story_page("<p class='byline'>The Associated Press</p>", head=f"<script type='application/ld+json'>{block}</script>")
    assert extract_html_article(page)["authors"] == ["The Associated Press"]


def test_removing_a_box_keeps_the_story_text_that_follows_it():
    paragraphs = "<br/><br/>".join(["Every morning before sunrise the roads around the town fill with runners, some "
                                    "of them champions and others hoping to be noticed by a manager."] +
                                   [f"Day {day} of the camp began with a long run on the red dirt roads above the valley, "
                                    "and ended with an early dinner and sleep before nine." for day in range(2, 6)])
    page = ("<html><body><div class='post-body'><div class='separator'><img src='a.jpg'></div>"
            f"<div class='tr-caption'>Runners on the road at dawn.</div>{paragraphs}</div></body></html>")
    text = extract_html_article(page)["text"]
    assert text.startswith("Every morning before sunrise") and "Runners on the road" not in text


@pytest.mark.parametrize("head, byline, expected", [
    # the outlet's regional edition after the writer's role is no second writer
    ("<meta property='og:site_name' content='Fjord Broadcasting'>",
     "By Ailsa Mackay | Transport correspondent, Fjord Broadcasting Scotland", ["Ailsa Mackay"]),
    # the outlet's account in lower case, as JSON-LD names it, gives way to the byline's writers
    ("<meta property='og:site_name' content='WKRM'><script type='application/ld+json'>"
     '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "wkrmweb"}}</script>',
     "DANA OKAFOR, LUIS PEREZ, 4 NEWS WKRM", ["Dana Okafor", "Luis Perez"]),
    # a CMS login as the JSON-LD's author gives way to the byline
    ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"@type\": \"Person\", "
     "\"name\": \"wkzn-admin\"}}</script>", "BY MARCO DELGADO", ["Marco Delgado"]),
    # the outlet with an agency: both credited
    ("<meta property='og:site_name' content='Radio Littoral'>", "Radio Littoral avec AFP", ["Radio Littoral", "AFP"]),
    ("<meta property='og:site_name' content='The Baltic Post'><meta property='article:author' content='The Baltic Post'>",
     "The Baltic Post/TT", ["The Baltic Post", "TT"]),
    # a station's desk, the station's name ending in its channel number
    ("<meta property='og:site_name' content='Gulf Coast Now 7'><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
     "\"author\": {\"@type\": \"Organization\", \"name\": \"Gulf Coast Now 7\"}}</script>", "GCN7 Sports Desk", ["Gulf Coast Now 7"]),
])
def test_outlets_editions_accounts_and_agencies_beside_a_byline(head, byline, expected):
    for page in (story_page(f"<p class='byline'>{byline}</p>", head=head), story_page(after=f"<p class='byline'>{byline}</p>", head=head)):
        assert extract_html_article(page)["authors"] == expected


def test_a_republished_scholars_credit_names_the_writers():
    """The Conversation's pieces, republished under an editors' account: the scholars are the writers, over the
    text or under the headline, and their closing credit is no text."""
    head = "<meta property='og:site_name' content='Pantry Science'>"
    account = "<p class='byline'>By <a href='/author/ps-editors/'>PS Editors</a></p>"
    over_text = story_page(account + "<p><strong>Maren Holt</strong>, <em>University of Otago</em></p>",
                           after="<p>Maren Holt, Senior Lecturer in Food Chemistry, University of Otago</p>", head=head)
    article = extract_html_article(over_text)
    assert article["authors"] == ["Maren Holt"] and "Senior Lecturer" not in article["text"]
    under_headline = story_page("<div class='credit'>Maren Holt, University of Otago and Tomas Ek, Lund University"
                                " &mdash; <span class='date'>March 13, 2017</span></div>", head=head)
    assert extract_html_article(under_headline)["authors"] == ["Maren Holt", "Tomas Ek"]
    # a dateline is no credit
    dateline = story_page(after="<p>BATON ROUGE, La. (AP) — The school board met on Monday.</p>", head=head)
    assert extract_html_article(dateline)["authors"] != ["BATON ROUGE"]


@pytest.mark.parametrize("before, after, expected", [
    # a writer's card: the avatar's link, the name in the heading, the job line under it, a 'Follow' button
    ("<div class='publisher-card'><a href='https://www.linkedin.com/in/ines-korda'><img src='a.jpg' alt=''></a>"
     "<div><h3>Ines Korda</h3><h4>Head of Logistics, Baltic Region | Lean</h4></div><a href='/signup'>+ Follow</a></div>",
     "", ["Ines Korda"]),
    # the role's place after the role
    ("<p class='byline'>By Kofi Mensah, Programme Officer, Ghana</p>", "", ["Kofi Mensah"]),
    # a role named by what it heads, and German job titles
    ("<p class='byline'>By Kofi Mensah, Head of Advocacy at Seedline</p>", "", ["Kofi Mensah"]),
    ("<p class='byline'>Von Dr. Henrike Saal, Stadtplanerin und Vorsitzende des Heimatvereins Oberau</p>", "",
     ["Henrike Saal"]),
    # a policy link in the writer's hover card
    ("<div class='bylines'><span>Written by</span> <a href='/ines-korda'>Ines Korda</a><div class='tooltip'>"
     "<a href='/editorial-process'>Editorial Guidelines</a></div></div>", "", ["Ines Korda"]),
    # an agency's regional service
    ("<p class='byline'>dpa/lnw</p>", "", ["dpa"]),
    # a German sentence's 'von' among short paragraphs is no byline
    ("<p>Kritik kommt von Seiten der Hafenwirtschaft.</p>", "<p class='source'>Quelle: dpa</p>", ["dpa"]),
])
def test_writer_cards_roles_places_and_agency_services(before, after, expected):
    assert extract_html_article(story_page(before, after))["authors"] == expected


def test_a_closing_source_line_is_no_text_and_a_release_date_in_a_facts_list_is_no_publication_date():
    facts = ("<dl class='facts'><dt>Label</dt><dd>Basalt Records</dd><dt>Format</dt><dd>2xLP</dd><dt>VÖ</dt><dd>08.03.2019</dd></dl>"
             "<p class='date'><time datetime='2019-03-14'>14.03.2019</time></p>")
    article = extract_html_article(story_page(facts, "<p>Quelle: HAFENFUNK NORD</p>"))
    assert article["published"] == dt.datetime(2019, 3, 14, tzinfo=UTC) and "Quelle" not in article["text"]


def test_a_parenthesised_credit_beside_a_teaser_headline_is_the_teasers():
    teaser = ("<table><tr><td>30.10.2010</td><td><a href='/news/stadion'>Stadionumbau verzögert sich um ein weiteres Jahr</a>"
              " <span class='autor'>(E. Sauer)</span></td></tr></table>")
    page = story_page("<div class='newsinfo'>13.11.2010 | von <a href='/autoren/dh.php'>Dora Hensel</a></div>", teaser)
    assert extract_html_article(page)["authors"] == ["Dora Hensel"]


def test_a_run_of_paragraphs_classed_paywall_is_the_story():
    paragraphs = "".join(f"<p class='paywall'>Paragraph {n} of the choir story, in which the hall fills up early and "
                         "the conductor waits for the last latecomers before the first song begins.</p>" for n in range(1, 6))
    page = ("<html><body><article><h1>A choir in a school gymnasium</h1><p class='dek'>Every Tuesday night.</p>"
            f"{paragraphs}</article><div class='paywall'><p>Subscribe to keep reading.</p></div></body></html>")
    text = extract_html_article(page)["text"]
    assert "Paragraph 1 of the choir story" in text and "Paragraph 5" in text and "Subscribe" not in text


@pytest.mark.parametrize("before, after, head, expected", [
    # the photographer credited beside the byline
    ("<div class='c-byline'><span>By <a href='/authors/ines-korda'>Ines Korda</a>, a senior reviewer.</span> "
     "<span>Photography by <a href='/authors/tom-vale'>Tom Vale</a></span></div>", "", "", ["Ines Korda"]),
    # an old blog theme's date line naming the poster by one name
    ("<small>March 14th, 2007 by Dex</small>", "", "", ["Dex"]),
    # the writer only in an 'About me' box's first words
    ("", "</article><aside class='widget'><h3>About me</h3><div><p>I'm Hanna Lindqvist, a bookseller and walker.</p>"
         "</div></aside><article>", "", ["Hanna Lindqvist"]),
    # the writer only in the post's footer line
    ("", "<footer class='entry-meta'>Published by <a href='/about/'>Quentin Hale</a>. <span>A professor who likes fast "
         "code.</span> View all posts by Quentin Hale.</footer>", "", ["Quentin Hale"]),
    # ... who signs with a first name, in German
    ("<p class='byline'>von Annelie</p>", "</article><aside class='widget'><h3>Über mich</h3><div><p>Hallo! Ich bin Annelie "
     "Brandstätter und backe seit meiner Kindheit.</p></div></aside><article>", "", ["Annelie Brandstätter"]),
    # a university credited in the metadata, the writer in a 'Text:' line
    ("<p class='byline'>Text: Mareike Gerlach</p>", "", "<meta name='author' content='Universität Seestadt'>",
     ["Mareike Gerlach"]),
])
def test_photographers_one_name_posters_about_boxes_and_bodies(before, after, head, expected):
    assert extract_html_article(story_page(before, after, head))["authors"] == expected


def test_a_read_next_teaser_inside_the_header_gives_no_date():
    header = ("<div class='bylines'>By <a href='/author/ines-korda'>Ines Korda</a><div class='item-date'>Updated on "
              "October 22, 2022</div></div><div class='mntl-recirc-inline'><span>Read next:</span> <a href='/spf'>"
              "The sunscreen myths dermatologists wish would die</a> <span class='by'>By Ola Berg, October 21, 2022</span></div>")
    block = '{"@type": "NewsArticle", "datePublished": "2022-10-20T12:00:00Z"}'
    page = story_page(header, head=f"<script type='application/ld+json'>{block}</script>")
    assert extract_html_article(page)["published"].date() == dt.date(2022, 10, 22)


@pytest.mark.parametrize("before, expected", [
    # 'Oct.' in the date beside a byline ends no sentence
    ("<div class='meta'><div class='byline'>By <span>Associated Press</span></div><time datetime='2018-10-27T22:52:00-04:00'>"
     "Oct. 27, 2018 10:52 PM EDT</time></div>", ["Associated Press"]),
    ("<p class='byline'>Words by Ada Okafor-Hart, Community Programmes Lead</p>", ["Ada Okafor-Hart"]),
])
def test_dates_and_roles_beside_a_byline(before, expected):
    assert extract_html_article(story_page(before))["authors"] == expected


@pytest.mark.parametrize("prefix", ["dc:date dc:created", "schema:dateCreated"])  # Drupal 7, Drupal 8+
def test_an_rdfa_date_is_declared_with_its_time_and_zone(prefix):
    page = story_page(f"<span property='{prefix}' content='2015-11-05T10:14:00-05:00'>Thu, 11/05/2015 - 10:14</span>")
    assert extract_html_article(page)["published"] == dt.datetime(2015, 11, 5, 15, 14, tzinfo=UTC)


def test_a_review_sites_page_of_one_review():
    review = ("<html><body><main><article class='review'><div class='consumer-information'><a class='consumer-information__name' "
              "href='/users/5d7'>Cal Strand</a><span>GB</span></div><time datetime='2024-01-22T18:41:07.000Z'>22 Jan 2024</time>"
              "<h1>Bike arrived with a bent wheel but they sorted it</h1><p class='review-content__text'>"
              + "Ordered a hybrid bike for my daughter and the front wheel was bent when it came. " * 3 + "</p>"
              "<div class='company-response'><h3>Pedalbarn responded on 23 January 2024</h3><p>Thanks Cal, glad we could help.</p></div>"
              "</article><section class='listing'><h2>More Pedalbarn reviews</h2>"
              + "".join(f"<div class='card'><strong>Reader {n}</strong><h4>Fine shop</h4><p>Quick delivery and a fair price for a "
                        "good bike, I would order again from them without a doubt.</p></div>" for n in range(12))
              + "</section></main></body></html>")
    article = extract_html_article(review)
    assert article["authors"] == ["Cal Strand"] and article["text"].startswith("Ordered a hybrid bike")
    assert "Thanks Cal" not in article["text"] and "Fine shop" not in article["text"] and "Quick delivery" not in article["text"]


def test_a_teaser_cards_plain_byline_and_a_role_after_a_semicolon_are_no_writers():
    teaser = ("<div class='teaser teaser-card'><a class='headline' href='/news/exam-appeals'>Pupils face a longer wait for exam"
              " appeals</a><p>The announcement came after months of talks.</p><span class='teaser-byline'>Lewis Garth</span></div>")
    page = story_page(head="<meta property='og:site_name' content='The Herald'>").replace("<article>", teaser + "<article>")
    assert "Lewis Garth" not in extract_html_article(page)["authors"]
    assert split_names("Priya Nair; Communications Officer; Faculty") == ["Priya Nair"]


@pytest.mark.parametrize("after_h1, expected", [
    # 'First published on' beside an unlabelled date: that date is the update
    ("<div class='post-byline'><span class='post-date'>2 May 2022</span> <span>First published on 8 April 2021</span></div>",
     dt.date(2021, 4, 8)),
    ("<p class='meta'>Published May 3, 2020 Last updated May 5, 2020</p>", dt.date(2020, 5, 3)),
])
def test_first_published_beside_another_date(after_h1, expected):
    assert extract_html_article(story_page(after_h1))["published"].date() == expected


def test_a_title_cut_at_the_headlines_colon_agrees_with_the_headline():
    page = ("<html><head><title>Iron deficiency - Clearwell Health</title><meta property='og:site_name' content='Clearwell Health'>"
            "</head><body><article><h1>Iron deficiency: signs, causes and when to get tested</h1><h2>What is iron deficiency?</h2>"
            f"{ARTICLE_BODY}</article></body></html>")
    assert extract_html_article(page)["title"] == "Iron deficiency: signs, causes and when to get tested"


def test_timelines_fact_boxes_and_more_links_are_no_text():
    boxes = ("<div class='timeline-box'><h3>How the bill got here</h3><ol><li>Jan. 2018: First version introduced.</li>"
             "<li>May 2019: Second version passes the House.</li></ol></div>"
             "<p class='inline-link'><strong>MORE: </strong><a href='/news/vacant'>Neighbors demand action on vacant lots</a></p>")
    text = extract_html_article(story_page(after=boxes + ARTICLE_BODY))["text"]
    assert "First version introduced" not in text and "Neighbors demand" not in text


def test_headings_marked_for_screen_readers_labels_in_the_h1_and_closing_credits():
    page = ("<html><head><title>Best cheap chargers (Tested) | Gadget Forge</title></head><body><main>"
            "<div class='headline' role='heading' aria-level='1'>I replaced my charger with a $19 brick</div>"
            f"{ARTICLE_BODY}<p class='signoff'><em>— Story and photos by Nat Quarry</em></p></main></body></html>")
    article = extract_html_article(page)
    assert article["title"] == "I replaced my charger with a $19 brick" and article["authors"] == ["Nat Quarry"]
    labelled = story_page(head="<title>Opinion: Stop changing the ferry timetable | The Post</title>").replace(
        "<h1>Ferry timetable changes again</h1>",
                                    "<h1><span class='col-label'>Opinion</span> Why the ferry timetable keeps changing</h1>")
    assert extract_html_article(labelled)["title"] == "Why the ferry timetable keeps changing"
    # Drupal's title field is no label: 'field--label-hidden'
    drupal = story_page().replace("<h1>Ferry timetable changes again</h1>",
                                  "<h1><span class='field field--name-title field--label-hidden'>Ferry timetable changes again</span></h1>")
    assert extract_html_article(drupal)["title"] == "Ferry timetable changes again"


def test_a_department_is_not_cut_at_its_host_name_and_a_declared_day_takes_the_time_shown():
    page = story_page("<dl><dt>From:</dt><dd>Department for Harbours</dd></dl><time datetime='2015-03-10T11:00:00Z'>"
                      "March 10, 2015 07:00 AM EDT</time>", head="<meta name='dc.date' content='2015-03-10'>")
    article = extract_html_article(page, url="https://harbours.gov.example/news/ferry")
    assert article["authors"] == ["Department for Harbours"]
    assert article["published"] == dt.datetime(2015, 3, 10, 11, tzinfo=UTC)


def test_a_teaser_headline_holding_a_number_is_still_a_teaser():
    teaser = ("<div class='card'><a class='card__title' href='/quake'>Quake of magnitude 3.8 felt across the valley</a>"
              "<div class='card__byline'>By Noor Haddad</div></div>")
    page = story_page(head="<meta property='og:site_name' content='Valley Wire'>").replace("<article>", teaser + "<article>")
    assert "Noor Haddad" not in extract_html_article(page)["authors"]


@pytest.mark.parametrize("site, byline, expected", [
    ("<meta property='og:site_name' content='The Frontier Courier'>", "Our Correspondent", ["The Frontier Courier"]),
    ("", "Desk Report", []),  # a desk of an outlet the page does not name stands for nobody
])
def test_generic_staff_credits_stand_for_the_outlet(site, byline, expected):
    page = story_page(f"<p class='byline'>{byline}</p>", head=site)
    assert extract_html_article(page)["authors"] == expected


def test_image_credit_lines_and_closed_comment_boxes_are_not_text():
    after = ("<p>Featured image by John Cavel/Unsplash.</p><p>Getty / Marisa Lunn</p><p>Instagram | @lacquer_lane</p>"
             "<p>Foto: Benedikt Rau</p><p>Photo © Neil Fairhurst</p><p>Image Source: Getty / Ola Brandt</p>"
             "<p class='hero__credit'>Mining bee on cat's-ear. Photo © Gareth Pell</p>"
             "<p class='image-credit'>ZINGFIZZ Photography / Nell Ostrand</p>"
             "<div class='join-conversation'><h3>Join the Conversation</h3>"
             "<p>Comments are closed on this story.</p></div>")
    text = extract_html_article(story_page(after=after))["text"]
    for furniture in ("Featured image", "Marisa Lunn", "lacquer_lane", "Benedikt Rau", "Fairhurst", "Ola Brandt", "Gareth Pell", "Ostrand",
                      "Comments are closed"):
        assert furniture not in text


@pytest.mark.parametrize("heading, hours", [
    ("Shop the Story", "Easystep Fold-Down Sneaker, $68 at easystep.com"),
    ("Plan your visit", "Open daily 9am to 6pm. Last entry 5.15pm."),
    ("Sprechzeiten", "Mo, Mi, Fr 7–11 Uhr · Di, Do 14–17 Uhr"),
    ("Mass times", "Sunday 8.30am and 10.30am, weekdays at noon"),
])
def test_opening_hours_and_shopping_callouts_set_in_the_story_are_not_text(heading, hours):
    page = story_page(after=f"<div class='box'><h3>{heading}</h3><p>{hours}</p></div>")
    text = extract_html_article(page)["text"]
    assert hours not in text and heading not in text and "ferry" in text


@pytest.mark.parametrize("pitch, furniture", [
    # a box headed 'Newsletter' whose button an archive copy flattened into a <div>
    ("<div style='font-size:13px'><h4>Newsletter</h4><p>Die Hafennachrichten jeden Morgen ins Postfach.</p>"
     "<div style='border:1px solid #ccc'>Anmelden</div></div>", "Hafennachrichten"),
    # a line that is only a link to the sign-up page
    ("<p><strong><a href='/newsletters/'>Get harbour headlines in your inbox: sign up for Tide alerts</a></strong></p>",
     "harbour headlines"),
    ("<p><strong>Get harbour headlines by email every morning: sign up free</strong></p>", "harbour headlines"),
    ("<p><em>For more harbour news, subscribe to our weekly print edition.</em></p>", "print edition"),
])
def test_newsletter_pitches_set_in_the_text_are_not_text(pitch, furniture):
    text = extract_html_article(story_page(after=pitch))["text"]
    assert furniture not in text and "ferry" in text


def test_an_ad_label_among_a_short_storys_paragraphs_does_not_take_the_story_with_it():
    """A heavy page's teasers hold more paragraph words than a short story, so the story's block is
    known by its label not opening it."""
    story = ("<p>Der für Samstag geplante Kampf um den Titel im Mittelgewicht ist abgesagt worden, teilte der Veranstalter mit.</p>"
             "<div class='ad-rec'><div class='ad-slot'>Anzeige</div></div>"
             "<p>Einen Nachholtermin gibt es noch nicht, ein Kampf im Frühsommer gilt aber als realistisch.</p>"
             "<p><strong>Weitere Boxen News:</strong> <a href='/2023/03/stadion/'>Verhandlungen um Stadionkampf gehen weiter</a></p>")
    teasers = "".join(f"<div class='module'><a href='/2023/0{n}/x/'><h3>Neue Regeln für Titelkämpfe, Teil {n}</h3></a>"
                      f"<p>Ein Gespräch über Verantwortung, Geld und die Zukunft der Szene in dieser Stadt, Teil {n}.</p></div>"
                      for n in range(1, 9))
    page = (f"<html><body><div class='post'><h1>Titelkampf abgesagt</h1><div class='post-content'>{story}</div></div>"
            f"<div class='block-more'><h4>Mehr aus der Szene</h4>{teasers}</div></body></html>")
    text = extract_html_article(page)["text"]
    assert "Mittelgewicht ist abgesagt" in text and "Nachholtermin" in text
    assert "Stadionkampf" not in text and "Anzeige" not in text


@pytest.mark.parametrize("section", ["<section class='webmentions'><h2>Webmentions</h2><ol class='wm-list'>{}</ol></section>",
                                     "<section class='reviews'><h2>Listener reviews</h2><ol class='review-list'>{}</ol></section>"])
def test_readers_words_headed_name_says_are_comments_whatever_their_section_is_called(section):
    item = ("<li class='entry'><div class='entry-author vcard'><b class='fn'>Kwame Asante</b> <span class='says'>says:</span></div>"
            "<div class='entry-content'><p>Could you share where you found the timetable? I have been looking for ages.</p></div></li>")
    page = f"<html><body><div class='post'><h1>Ferry timetable changes again</h1>{ARTICLE_BODY}</div>{section.format(item * 3)}</body></html>"
    article = extract_html_article(page)
    assert article["authors"] == [] and "looking for ages" not in article["text"]


@pytest.mark.parametrize("furniture, words", [
    ("<p class='read-more'>You might also like: <a href='/tides-101'>Tides 101: springs, neaps and the bit between</a></p>", "Tides 101"),
    ("<div class='gallery'><p class='gallery__title'>Gallery: Scenes from the quay</p><figure><img src='/g.jpg'>"
     "<figcaption>A ferry at dawn.</figcaption></figure></div>", "Scenes from the quay"),
    ("<div class='bildergalerie'><p>Bildergalerie: Die neue Fähre im Hafen</p><figure><img src='/g.jpg'></figure></div>", "Die neue Fähre"),
    ("<div class='republish'><button>Republish this story</button><p>Republish our articles for free, online or in print, "
     "under a Creative Commons license.</p></div>", "Creative Commons"),
    ("<div class='c-republish'><h4>Republish this story</h4><p>You may republish our stories for free under Creative Commons."
     "</p></div>", "Creative Commons"),
    ("<div class='ongoing'><h4>Ferry strike 2022: Full coverage</h4><ul><li><a href='/a'>Unions vote on the new offer</a></li>"
     "<li><a href='/b'>Live: every sailing cancelled today</a></li></ul></div>", "Full coverage"),
    ("<div class='supportCTA'><p>Harbour Radio depends on listener support. Your gift today keeps local reporting free.</p></div>",
     "listener support"),
    ("<section class='item-pagination'><a href='/prev'><div>Previous</div><h2>Bridge works start on Monday</h2></a></section>",
     "Bridge works"),
])
def test_links_gallery_titles_and_boxes_set_in_the_story_are_not_text(furniture, words):
    text = extract_html_article(story_page(after=furniture + "<p>The operator will publish the winter timetable online on Friday.</p>"))["text"]
    assert words not in text and "winter timetable online" in text


def test_photo_credits_job_ads_and_readers_letters_are_not_text():
    after = ("<div class='photo'><img src='/a.jpg'><p class='photoCredit'>AP Photo/Rafael Kettering</p></div>"
             "<div class='article__jobs'><h3>Jobs in Denmark</h3><ul><li>Software Developer - Aarhus</li>"
             "<li>Customer Support Agent, German speaking - Odense</li></ul></div>")
    letters = ("<div id='letters'><h3>Letters</h3><div class='letter'><p class='sig'>Greta S. · Aug 6</p>"
               "<p>Finally someone asks the obvious question about the ferries.</p></div></div>")
    page = story_page(after=after).replace("</article>", f"</article>{letters}")
    text = extract_html_article(page)["text"]
    for furniture in ("Kettering", "Jobs in Denmark", "Customer Support", "obvious question"):
        assert furniture not in text


@pytest.mark.parametrize("post_class", ["feed-shared-update-v2__commentary", "attributed-text-segment-list__content"])
def test_a_social_posts_commentary_is_the_post_not_comments(post_class):
    post = ("<article class='share-update-card'><header><span class='actor'>Katrin Vollmer</span></header>"
            f"<div class='{post_class}'>Letzte Woche habe ich zum ersten Mal ein Team durch eine "
            "Kündigungswelle begleitet, und ich habe dabei drei Dinge gelernt.<br><br>Erstens: Die Menschen, die bleiben "
            "dürfen, brauchen genauso viel Aufmerksamkeit wie die, die gehen müssen.<br><br>Zweitens: Ehrlichkeit ist "
            "wichtiger als perfekte Formulierungen, auch wenn es schwerfällt.</div></article>")
    text = extract_html_article(f"<html><body><main>{post}</main></body></html>")["text"]
    assert "Erstens" in text and "Zweitens" in text


@pytest.mark.parametrize("heading", ["À la une", "Les plus lus", "Dans la même rubrique", "Top-Themen", "Meistgelesen", "Vidéos"])
def test_french_and_german_rails_of_cards_are_not_text(heading):
    cards = "".join(f"<li class='c-card'><article><a href='/{n}-autre-sujet.html'><h3>Un autre sujet du jour, numéro {n}</h3></a>"
                    f"<p>La décision a été prise après un long débat, numéro {n}.</p><time datetime='2021-11-0{n}'>le 0{n}/11/2021</time>"
                    "</article></li>" for n in range(1, 7))
    page = story_page(ARTICLE_BODY * 3, f"<section class='rail'><h2>{heading}</h2><ul>{cards}</ul></section>")
    assert "autre sujet" not in extract_html_article(page)["text"]


def test_embedded_posts_polls_app_boxes_and_video_blocks_are_not_text():
    after = ("<blockquote class='twitter-tweet'><p>Farrow Rd bridge is OPEN.</p>&mdash; County Roads</blockquote>"
             "<blockquote class='instagram-media'><p>Obsessed with this glow.</p></blockquote>"
             "<div class='poll'><h4>Umfrage</h4><p>Fahren Sie noch auf Skitour?</p></div>"
             "<div class='app-box'><p>Nachrichten direkt aufs Handy: Laden Sie unsere App herunter.</p></div>"
             "<div class='video-player-block'><h2 class='video-title'>Semi rollover snarls traffic</h2></div>")
    text = extract_html_article(story_page(after=after))["text"]
    for furniture in ("bridge is OPEN", "Obsessed", "Skitour", "aufs Handy", "Semi rollover"):
        assert furniture not in text


def test_a_role_set_apart_from_the_name_in_the_byline_is_no_author():
    byline = ("<p class='byline'><span class='name'>Gemma Lyle</span> <span class='role'>Local Democracy Reporting "
              "Service</span></p>")
    page = story_page(byline, head="<meta property='og:site_name' content='Castlebridge Independent'>"
                                   "<meta name='author' content='Castlebridge Independent'>")
    assert extract_html_article(page)["authors"] == ["Gemma Lyle"]


def test_show_notes_credit_their_writer_not_the_musician_and_bem_author_links_are_bylines():
    page = story_page("<p>Music by Tomek Wyrzyk | Show notes by Priya Anand</p>")
    assert extract_html_article(page)["authors"] == ["Priya Anand"]
    site = "<meta property='og:site_name' content='Lumen Photography'><meta itemprop='author' content='Lumen Photography'>"
    page = story_page("<div class='Blog-meta'><a href='/journal?author=5a1b' class='Blog-meta-item--author'>Wren Hallo</a>"
                      "</div>", head=site)
    assert extract_html_article(page)["authors"] == ["Wren Hallo"]


def test_dates_of_a_line_with_its_update_marked_apart_and_of_pages_whose_titles_are_reworded():
    line = ("<div class='timestamp'><span>Jun 28, 2021, 04:15 PM EDT | <span class='updated'>Updated Jun 29, 2021"
            "</span></span></div>")
    block = '{"@type": "NewsArticle", "datePublished": "2021-06-28T16:15:00-04:00"}'
    page = story_page(line, head=f"<script type='application/ld+json'>{block}</script>")
    assert extract_html_article(page)["published"] == dt.datetime(2021, 6, 28, 20, 15, tzinfo=UTC)
    # the social title shares no word with the h1: the date after the h1 is still the story's
    page = ("<html><head><meta property='og:title' content='Why a river runs under the shops'></head><body><article>"
            "<h1>The Surveyor Who Found a Buried Stream</h1><time datetime='2018-11-20'>November 20, 2018</time>"
            f"{ARTICLE_BODY}</article><aside><time datetime='2018-11-02'>November 2, 2018</time></aside></body></html>")
    assert extract_html_article(page)["published"] == dt.datetime(2018, 11, 20, tzinfo=UTC)


def test_wire_credits_ad_placeholders_reviewers_and_staff_photo_credits():
    page = story_page("<div class='post-byline'><div>Written by Rachel Simm</div><div>Medically reviewed by Dr. Anil "
                      "Gupt, MD</div></div><div class='photo'><img src='a.jpg'><p class='cutline'>The rose garden at dusk. "
                      "Staff photo by Luis Orte</p></div>",
                      "<p>ADVERTISEMENT</p><p>(Reporting by Jan Kowal; Editing by Mark Hein)</p><p>Screenshot: CodeBeat</p>"
                      "<p class='label'>Article content</p>")
    article = extract_html_article(page)
    assert article["authors"] == ["Rachel Simm"]
    for furniture in ("ADVERTISEMENT", "Reporting by", "Screenshot", "Luis Orte", "Article content"):
        assert furniture not in article["text"]
