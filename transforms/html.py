"""Saved web pages: main text through trafilatura, metadata from what the page itself declares.

trafilatura finds the main text well, but its metadata picks up site-name suffixes in
titles, comment authors and 'Follow' buttons as bylines, and the odd wrong date. The page
usually says better in three places:

1. schema.org JSON-LD (``NewsArticle``/``BlogPosting``... ``headline``, ``author``,
   ``datePublished``), what publishers give search engines;
2. ``meta`` tags (``og:title``, ``article:published_time``, ``author``, parse.ly, Dublin Core);
3. the visible page: the ``h1``, the byline element (``rel=author``, ``itemprop=author``,
   classes named ``byline``/``author``, never inside a comment section), and for dates
   htmldate (``original_date=True``, so the first publication rather than an update).

Titles take the first of these that has a value (a title from meta tags only after its
site name is cut off); dates too, unless the day printed with the headline is another one
(then that day); authors go by agreement between the sources, because a CMS's JSON-LD often
names the account that posted a story rather than its reporters. trafilatura's own value is
the last fallback. On ``benchmarks/eval_html.py`` these choices were each right at least as
often as trafilatura's own metadata.

For the text, trafilatura's is kept, with corrections: advertiser disclosures, sign-up
boxes, image credits, rights notices and 'Related:' links out; the standfirst and a
republication note set above the article back in; and on gallery pages (a story told in
picture captions) the caption paragraphs trafilatura drops with the figures back in.
"""
from __future__ import annotations

import copy
import itertools
import datetime as dt
import html as html_lib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

import trafilatura
from htmldate import find_date

from transforms.language import detect_language
from transforms.records import RawArticle


class NoArticleText(ValueError):
    pass


# schema.org's Article and its subtypes (lower case)
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
                 "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "socialmediaposting",
                 "liveblogposting", "discussionforumposting", "report", "advertisercontentarticle",
                 "satiricalarticle"}
HEADLINE_SHARED_WORDS = 1 / 3  # an h1 sharing this much of its longer words with a declared title is that story's headline
TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»|«|/|:)\s+")
# meta tags, most specific first
LIBRARY_ORDER_META = ("dc.creator", "dcterms.creator", "citation_author")
LIBRARY_ORDER = re.compile(r"^\s*([^\W\d_][\w'’-]*),\s*([^\W\d_][\w'’. -]*?)\s*$")
AUTHOR_META = ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
               "dc.creator", "dcterms.creator", "byl", "citation_author", "cxenseparse:author")
DATE_META = ("article:published_time", "og:article:published_time", "parsely-pub-date", "datepublished",
             "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "citation_publication_date",
             "pubdate", "publishdate", "publish-date", "date")
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone")
BYLINE_XPATH = ("//*[@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' author ')"
                " or contains(@class, 'byline') or contains(@class, 'author-name') or contains(@class, 'author-info')"
                " or contains(@class, 'post-author') or contains(@class, 'entry-author') or contains(@class, 'article-author')]")
# links to an author's page, for bylines that carry no telling class
AUTHOR_LINK_XPATH = ("//body//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/writer/')"
                     " or contains(@href, '/writers/') or contains(@href, '/byline/') or contains(@href, '/people/')"
                     " or contains(@href, '/staff/') or contains(@href, '/journalists/')]")
# a link to one writer's page, not to the list of them ('/people/' in a site's menu)
AUTHOR_PAGE = re.compile(r"/(?:author|authors|writer|writers|byline|people|staff|journalists)/[^/?#\s]+")
NAVIGATION_MARKER = re.compile(r"(?:^|[\s_-])(?:nav|navbar|navigation|menu)(?:$|[\s_-])", re.I)
INLINE_TAGS = {"a", "span", "strong", "b", "em", "i", "small", "font", "u", "abbr", "cite", "address"}
LOGO_MARKER = re.compile(r"(?:^|[\s_-])(?:logo|site-?title|site-?name|site-?heading|brand|masthead|blog-?title)(?:$|[\s_-])", re.I)
COMMENT_ANCESTOR = re.compile(r"comment|respond|reply|discussion|disqus", re.I)
COMMENTS_MARK = "data-newsbeam-comments"
# Words that are in bylines but are no one's name: buttons, roles, boilerplate.
NOT_NAMES = {"follow", "email", "e-mail", "mail", "share", "twitter", "facebook", "linkedin", "instagram",
             "more", "subscribe", "view profile", "profile", "author", "authors", "admin", "administrator",
             "staff", "contributor", "contributors", "guest", "anonymous", "unknown", "posted", "updated",
             "published", "read more", "bio", "see all", "all posts", "articles", "by", "and", "editor"}
ROLE_NOUNS = (r"writer|editor|reporter|correspondent|columnist|contributor|producer|photographer|"
              r"journalist|analyst|intern|fellow|critic|blogger|anchor|host|director")
ROLE_NOUN = re.compile(rf"\b(?:{ROLE_NOUNS})\b", re.I)
ROLE_WORDS = re.compile(
    r"\b(?:staff|senior|chief|contributing|associate|managing|executive|deputy|special|political|"
    rf"national|foreign|investigative|sports?|business|science|health|tech(?:nology)?|{ROLE_NOUNS})\b", re.I)
BYLINE_NOISE = [
    re.compile(r"^.*\b(?:posts|articles|stories|entries|more)\s+(?:from|by)\s+", re.I),
    re.compile(r"^\s*(?:written|posted|published|reported|words|story|text|article|photos?)?\s*by\s*:?\s+", re.I),
    re.compile(r"^\s*(?:von|par|por|di|door|av|af)\s+", re.I),
    re.compile(r"\b(?:e-?mail|follow|contact)\s+(?:the\s+)?(?:author|me|us|him|her|them)?\b.*$", re.I),
    re.compile(r"\S+@\S+\.\w+"),
    re.compile(r"(?:^|\s)@\w+"),
    re.compile(r"\b(?:updated|published|posted|last\s+modified|input)\b.*$", re.I),
    re.compile(r"\b(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}.*$", re.I),
    re.compile(r"\b(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}.*$", re.I),
    re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*$"),
    re.compile(r"\b\d{1,2}:\d{2}\s*(?:am|pm)?.*$", re.I),
    re.compile(r"\bfor\s+(?:the\s+)?[A-Z][\w.&' ]+$"),  # 'Jane Doe for The Times'
    re.compile(r"\bwith\s+(?:the\s+)?[A-Z][\w.&' ]+$"),  # 'Jane Doe with AFP'
    re.compile(r"\s*\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?\s*$", re.I),  # 'Monday,' left before a date
    re.compile(r"\s*[|•·–—-]\s*$"),
]
BODY_BYLINE = re.compile(r"^\s*(?:written\s+)?by\s*:?\s+(?P<names>[^\n]{3,80})$", re.I)
# a byline printed as a plain line near the headline: 'By Jane Doe, Agency', 'Posted on May 5, 2021 by Jane Doe', 'Von Max Muster | 03.04.2023'
SHOWN_BYLINE = re.compile(r"(?:^|(?P<before>\S+)\s+)(?:by|von|par|por|door|av|af)\s*:?\s+(?=\S)", re.I)
# 'Photo by', 'Edited by': credits that are not the story's byline
NOT_BYLINE_CREDIT = re.compile(r"^(?:photos?|images?|pictures?|illustrat(?:ions?|ed)|graphics?|video|edited|reviewed|checked|"
                               r"produced|translated|narrated|sponsored|presented|powered|supported|curated|designed)$", re.I)
# 'Words: Jane Doe | Pictures: John Roe'
WORDS_BYLINE = re.compile(r"(?:^|[|•·/]\s*)(?:words|text|story|reporting|authors?)\s*:\s*(?=\S)", re.I)
# the line under a post in blog themes: 'This entry was filed under News by Jane Doe on March 3, 2020'
POST_FOOTER_XPATH = ("//body//*[contains(@class, 'postmetadata') or contains(@class, 'entry-footer')"
                     " or contains(@class, 'post-footer') or contains(@class, 'entry-utility')]")
SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])\s+")
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "das", "dos", "du", "del", "della", "di", "la", "le",
                  "bin", "al", "el", "ten", "ter", "y", "zu"}
CONTRIBUTOR_NOTE = re.compile(
    r"^\W*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+is\s+(?:a|an|the)\s+[^.]{0,80}?\b"
    r"(?:writer|journalist|reporter|columnist|editor|author|correspondent|contributor|freelancer|photographer|critic|blogger)\b")
# where a byline goes on to credit other work: a label ('Pictures:', 'Edited By:') or 'Photos by'
OTHER_CREDIT = re.compile(r"\s*[|•·]?\s*\b[^\W\d_]+(?:\s+by)?\s*:(?:\s|$)|\s*[|•·]?\s*\b(?:photos?|images?|pictures?|"
                          r"illustrat\w*|graphics?|video|edited|reviewed|checked|produced|translated)\s+by\b", re.I)
SHOWN_BYLINE_WORDS = 16  # a line longer than this is a sentence, not a byline
# news agencies: an author credit, not a person, when a person is also named
AGENCIES = {"ap", "associated press", "the associated press", "reuters", "afp", "agence france presse", "dpa",
            "pa", "pa media", "press association", "upi", "bloomberg", "efe", "ansa", "kyodo", "kyodo news",
            "xinhua", "tass", "anadolu", "anadolu agency", "aap", "pti", "ians", "cnn wire", "cns", "rnz"}
# last words of accounts and organisations credited as authors: 'Newsdesk', 'Local Democracy Reporting Service'
ORGANISATION_WORDS = {"desk", "newsdesk", "team", "staff", "reports", "wire", "wires", "newsroom", "bureau", "news",
                      "inc", "ltd", "llc"}
# ... and last words that are also surnames ('Marion Service'): an organisation's only in a longer name
LONG_ORGANISATION_WORDS = {"service", "services", "agency", "agencies", "media", "network", "group"}
# class or id words of blocks that sit inside articles but are not their text: advertiser
# disclosures and disclaimers, newsletter and e-mail sign-up boxes, paywall notices
BOILERPLATE_BLOCK_WORDS = ("disclosure", "disclaimer", "newsletter", "email-capture", "signup", "sign-up", "paywall")
BOILERPLATE_BLOCK_XPATH = "//body//*[" + " or ".join(
    f"contains(translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{word}')"
    for word in BOILERPLATE_BLOCK_WORDS for attr in ("class", "id")) + "]"
STORY_CONTAINERS = ("html", "body", "main", "article")
BOX_MAX_CHARS = 1500  # a box is smaller than this; a container of a whole story is not a box
# class or id names of teaser boxes: recommendations, most-read lists, ad networks' link widgets
TEASER_BOX_NAME = re.compile(r"(?:^|[-_\s])(?:related|recommend(?:ed|ations?)?|more[-_]from|most[-_](?:read|popular|viewed)"
                             r"|read[-_]next|up[-_]next|trending|outbrain|taboola)(?:$|[-_\s])", re.I)
# headings of lists of other stories set after (or inside) an article
TEASER_HEADING = re.compile(
    r"^\W*(?:more\s+(?:from|on|in|like\s+this|stories|articles|news|to\s+read)|recommended(?:\s+for\s+you|\s+from)?"
    r"|related(?:\s+(?:stories|articles|content|coverage|links|posts|reading))?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)"
    r"|(?:read|watch|up)\s+next|also\s+(?:from|on|in)\b|most\s+(?:read|popular|viewed|shared)|top\s+stories"
    r"|trending(?:\s+now)?|editors?'?\s*picks|around\s+the\s+web|what\s+to\s+read\s+next|latest\s+(?:news|stories|posts))\b",
    re.I)
CREDIT_LINE = re.compile(
    r"^\W*(?:(?:photo|image|picture|graphic|illustration)s?\s+)?(?:credit|courtesy)s?\s*:\s*\S.*$"  # (Credit: X / Y)
    r"|^\W*(?:photo|image|picture)s?\s*(?:by\s|:)\s*\S.*$", re.I)                                 # Photo: Agency
# 'Copyright 2023 Example Corp. All rights reserved. This material may not be published...'
RIGHTS_LINE = re.compile(r"^\W*(?:copyright\s*(?:©\s*)?|©\s*|\(c\)\s*)(?:\d{4}\b|by\b)", re.I)
ALL_RIGHTS = re.compile(r"\ball rights reserved\b", re.I)
# 'Related: Other story', 'READ MORE: Other story': a link to another article set in the text
RELATED_LINE = re.compile(r"^\W*(?:related(?:\s+(?:stories|articles|coverage|content))?|(?:read|see|watch)\s+(?:more|also|next)"
                          r"|also\s+(?:read|see|on\s+\w+)|more\s+on\s+this(?:\s+story)?)\s*:", re.I)
SOURCE_NOTE = re.compile(r"^\W*(?:editor'?s'?\s+note\s*:\s*)?this\s+(?:post|article|story|piece|report|essay|column|interview)\s+"
                         r"(?:was\s+|has\s+been\s+)?(?:originally|first)\s+(?:appeared|published|ran|posted)\b", re.I)
JSON_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
MIN_ARTICLE_WORDS = 20  # below this, what trafilatura found is a menu or a caption, not an article
# a day, month and year in a short text: a four-digit year and a one- or two-digit day or month
FULL_DATE = re.compile(r"^(?=.*\b(?:19|20)\d{2}\b)(?=.*(?<!\d)\d{1,2}(?!\d))")
SHOWN_DATE_SCAN = 80     # elements after the headline searched for the byline's date
SHOWN_DATES = 4          # dated elements read there (a byline's published and updated days, nested)
# the labels of a date line; a line is split before each to read several dates
DATE_LINE_LABEL = re.compile(r"\b(?:(?:last\s+|first\s+)?(?:updated?|modified|edited|published|posted|input)|aktualisiert"
                             r"|veröffentlicht|mis\s+à\s+jour|publié|actualizado|publicado)\b", re.I)
DATE_LINE_PARTS = re.compile(r"(?=\b(?:(?:last\s+|first\s+)?(?:updated?|modified|published|posted|input))\b)", re.I)
ZONED_TIME = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$")
# dates in URL paths htmldate leaves: /2021/0317/, /20210317-
URL_DATES = [re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])([0-3]\d)(?:/|$)"),
             re.compile(r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])([0-3]\d)(?:[/_.-]|$)")]
UPDATE_LABEL = re.compile(r"^\W*(?:last\s+)?(?:updated?|modified|edited|aktualisiert|mis\s+à\s+jour|actualizado)\b", re.I)
# what marks an element as a date line by name, and the words such a line has besides the date and names
DATE_LINE_MARKER = re.compile(r"date|time|stamp|byline|meta|posted|publish|dateline|author|writer", re.I)
EVENT_DATE_LABEL = re.compile(r"^\W*(?:when|event|opens|closes|deadline|starts|ends)\s*:", re.I)  # a listing's dates
DATE_LINE_WORDS = {"posted", "published", "updated", "modified", "last", "written", "and", "the", "von", "par",
                   "publié", "mis", "jour", "publicado", "actualizado", "pubblicato", "aggiornato", "gepubliceerd",
                   "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                   "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                   "septiembre", "octubre", "noviembre", "diciembre", "gennaio", "febbraio", "aprile", "maggio",
                   "giugno", "luglio", "settembre", "ottobre", "dicembre", "januari", "februari", "maart", "mei",
                   "juni", "juli", "augustus", "oktober", "uhr", "min", "read", "ago", "hours", "minutes", "edt",
                   "est", "cst", "cdt", "pst", "pdt", "gmt", "utc", "cet", "cest", "bst"}
DATE_LABEL = re.compile(r"^\W*(?:(?:last\s+)?(?:posted|published|updated|modified|first\s+published)(?:\s+on)?\s*:?\s*)+", re.I)
# a date written out: 'Feb. 20, 2024', '20th February 2024', '2024-02-20', '20.02.2024', '2024.02.20'
DATE_EXPRESSION = re.compile(
    r"[^\W\d_]{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?[^\W\d_]{3,10}\.?,?\s+(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}")
# a byline with no 'By': 'Jane Doe | 19 May 2023'
NAME_BESIDE_DATE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s*[|•·,–—-]\s*(?:" + DATE_EXPRESSION.pattern + r")\W*$")
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})(?!\d)")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\b", re.I)
POST_TITLES = 30          # h2/h3s read as candidates for a post's title
TEXT_STARTED_WORDS = 25  # an element with this many words of its own is the text: no byline after it
GALLERY_MIN_SLIDES = 3   # figures whose captions hold paragraphs: this many make a gallery page
COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


@dataclass
class PageMetadata:
    """What the page declares about itself, read before trafilatura prunes the tree."""
    json_ld: list[dict] = field(default_factory=list)       # article-type objects, in page order
    json_ld_other: list[dict] = field(default_factory=list)  # everything else (WebSite, Organization, Person)
    meta: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str | None = None
    headings: list[str] = field(default_factory=list)          # h1 texts, those inside the article first
    logo_names: list[str] = field(default_factory=list)        # texts of h1s that are the site's logo
    post_titles: list[str] = field(default_factory=list)       # h2 and h3 texts: a story's title when the h1 is the site's
    canonical: str | None = None
    bylines: list[list[str]] = field(default_factory=list)      # each byline element's texts, the story's first
    standfirst_candidates: list[str] = field(default_factory=list)
    source_notes: list[str] = field(default_factory=list)      # 'This story originally appeared in ...'

    def first_meta(self, names: Iterable[str]) -> str | None:
        for name in names:
            for value in self.meta.get(name, []):
                if value.strip():
                    return value.strip()
        return None


def extract_html_article(html: str | bytes, url: str | None = None) -> RawArticle:
    """Main text, title, authors, date (UTC), canonical URL, site name and language of one page.

    ``url`` is where the page was fetched from, when known: it resolves relative links and
    stays the article's URL (a page's canonical link can name another host); without it,
    the page's canonical link is the URL.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticleText("the file could not be parsed as HTML (empty or not a web page)")
    page = read_page_metadata(tree, url)
    site_names = _site_names(page, url or page.canonical)
    fetched_url = url if url and urlsplit(url).scheme in ("http", "https") else None
    _drop_boilerplate_blocks(tree)
    _drop_teaser_boxes(tree)
    published = choose_published(page, tree, fetched_url or page.canonical, site_names)
    shown_byline = _shown_byline(page, tree, site_names)
    slides = _gallery_paragraphs(tree)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    text = _without_boilerplate_lines(_with_gallery_text(doc.text or "", slides)) if doc is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticleText("no article text found in the page (is it an article, or a navigation or index page?)")
    text = _with_lead_ins(text, page)
    return RawArticle(
        url=fetched_url or page.canonical or doc.url or url,
        title=choose_title(page, site_names, doc.title),
        text=text,
        authors=choose_authors(page, site_names, text, doc.author, shown_byline),
        published=published,
        source=_outlet_name(page) or doc.sitename or doc.hostname,
        language=detect_language(text),
    )


# ---------------------------------------------------------------- reading the page

def read_page_metadata(tree, url: str | None = None) -> PageMetadata:
    page = PageMetadata()
    _mark_comment_sections(tree)
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        for obj in _json_ld_objects(script.text_content()):
            kinds = {t.lower() for t in _as_list(obj.get("@type")) if isinstance(t, str)}
            (page.json_ld if kinds & ARTICLE_TYPES else page.json_ld_other).append(obj)
    for tag in tree.xpath("//meta[@content]"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if name:
            page.meta.setdefault(name, []).append(html_lib.unescape(tag.get("content") or ""))
    for tag in tree.xpath("//body//*[@itemprop][@datetime]"):  # microdata: <time itemprop="datePublished" datetime=...>
        page.meta.setdefault(tag.get("itemprop").strip().lower(), []).append(tag.get("datetime"))
    titles = tree.xpath("//head/title")
    page.title_tag = _clean_space(titles[0].text_content()) if titles else None
    h1s = sorted(tree.xpath("//h1"), key=lambda h: not _in_article(h))
    story_titles = [_text_value(obj.get("headline")) for obj in page.json_ld] + [
        page.first_meta(["og:title"]), page.first_meta(["twitter:title"])]
    logos = {h for h in h1s if _is_logo(h, url) and not any(title and _agrees(_heading_text(h), title)
                                                             for title in story_titles)}
    page.headings = [t for h in h1s if (t := _heading_text(h)) and h not in logos]
    page.logo_names = [t for h in h1s if (t := _heading_text(h)) and h in logos]
    page.post_titles = [t for h in tree.xpath("//body//*[self::h2 or self::h3]")[:POST_TITLES] if (t := _heading_text(h))]
    links = tree.xpath("//link[@rel='canonical']/@href")
    page.canonical = _absolute(links[0], url) if links else _absolute(page.first_meta(["og:url"]), url)
    # the page's own article first, before any related article a page also describes
    page.json_ld.sort(key=lambda obj: not _describes(obj, [page.canonical, url]))
    marked = [el for el in tree.xpath(BYLINE_XPATH) if not _in_comments(el)]
    marked_set = set(marked)
    # bare links to a writer's page; those in one line ('By <a>A</a> and <a>B</a>') are one byline
    link_lines: dict[Any, list] = {}
    for link in tree.xpath(AUTHOR_LINK_XPATH):
        if (link not in marked_set and AUTHOR_PAGE.search(link.get("href") or "")
                and not _in_comments(link) and not _in_navigation(link)):
            link_lines.setdefault(_line_of(link), []).append(link)
    found = [(el, _byline_texts(el), True) for el in marked]
    found += [(links[0], [text for link in links for text in _byline_texts(link)], False) for links in link_lines.values()]
    # a teaser's byline above the story comes after the story's; bare links to writers' pages last
    found.sort(key=lambda item: (not _in_article(item[0]), not item[2]))
    page.bylines = [texts for _, texts, _ in found if texts]
    description = page.first_meta(["og:description", "description", "twitter:description"])
    if description and len(description) > 60:
        wanted = _norm(description)
        page.standfirst_candidates = [
            _clean_space(el.text) for el in tree.xpath("//body//*[self::p or self::div or self::h2]")
            if _norm(el.text) == wanted]
    page.source_notes = [text for el in tree.xpath("//body//*[self::p or self::div or self::span or self::em]")
                         if len((text := _clean_space(el.text_content())).split()) <= 30
                         and SOURCE_NOTE.match(text) and not _in_comments(el)]
    return page


def _json_ld_objects(raw: str) -> list[dict]:
    """Every object in a JSON-LD block, flattening lists and ``@graph``; broken blocks give none."""
    raw = JSON_LD_WRAPPER.sub("", raw)
    try:
        data = json.loads(raw, strict=False)
    except ValueError:
        try:
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.strip().rstrip(";")), strict=False)
        except ValueError:
            return []
    found, stack = [], [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            if "@graph" in item:
                stack[:0] = _as_list(item["@graph"])
            if "@type" in item:
                found.append(item)
            main = item.get("mainEntity")
            if isinstance(main, dict) and "@type" in main:
                found.append(main)
    return found


def _describes(obj: dict, page_urls: list[str | None]) -> bool:
    """Whether a JSON-LD object is about the page at one of these URLs."""
    keys = {_url_key(u) for u in page_urls if u}
    main = obj.get("mainEntityOfPage")
    candidates = [obj.get("url"), obj.get("@id"), main.get("@id") if isinstance(main, dict) else main]
    return any(isinstance(c, str) and _url_key(c) in keys for c in candidates)


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip()).split("#")[0].rstrip("/").lower()


def _byline_texts(element) -> list[str]:
    """What names the authors in a byline element: its author links when it has them, else its text."""
    if element.tag == "meta":
        return []
    linked = [a for a in element.xpath(".//a") if _clean_space(a.text_content()) and not _credited_for_other_work(a)]
    if element.tag == "a":
        linked = [element]
    return [_clean_space(a.text_content()) for a in linked] or [_first_text(element)]


def _credited_for_other_work(link) -> bool:
    """A name linked after 'Edited by:' or 'Photos by' in a byline is no author of the story."""
    before = link.xpath("preceding::text()[1]")
    label = re.search(r"(\S+)\s+by\s*:?\s*$", str(before[0]), re.I) if before else None
    return bool(label and NOT_BYLINE_CREDIT.match(label.group(1)))


def _first_text(element) -> str:
    """The element's text up to its first block-level child: 'Jane Doe' out of 'Jane Doe<p>bio...'."""
    parts = []
    for piece in element.itertext():
        if piece.strip():
            parts.append(piece.strip())
        if len(" ".join(parts)) > 80:
            break
    return " ".join(parts)


def _heading_text(element) -> str:
    """A heading's words, with a line break between two of its pieces read as a space."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            pieces.append(" " if child.tag == "br" else _heading_text(child))
        pieces.append(child.tail or "")
    return _clean_space("".join(pieces))


def _is_logo(h1, url: str | None) -> bool:
    """An h1 that looks like the site's name: marked as a logo or site title, or a link to the
    home page (the caller keeps one that is the story's declared title: 'article-masthead__title')."""
    marker = f"{h1.get('class', '')} {h1.get('id', '')}"
    if LOGO_MARKER.search(marker):
        return True
    links = h1.xpath("self::a | .//a")
    return len(links) == 1 and _heading_text(links[0]) == _heading_text(h1) and (
        urlsplit(urljoin(url or "", links[0].get("href") or "")).path in ("", "/"))


def _in_navigation(element) -> bool:
    return any(node.tag == "nav" or node.get("role") == "navigation"
               or NAVIGATION_MARKER.search(f"{node.get('class', '')} {node.get('id', '')}")
               for node in element.iterancestors())


def _line_of(element):
    """The block (paragraph, list item, div...) an inline element is printed in."""
    return next((node for node in element.iterancestors() if node.tag not in INLINE_TAGS), element)


def _in_article(element) -> bool:
    return any(node.tag in ("article", "main") or node.get("itemprop") == "articleBody"
               for node in element.iterancestors())


def _mark_comment_sections(tree) -> None:
    """Mark the page's comment sections (``data-newsbeam-comments``) once, for ``_in_comments``.

    A block named as comments ('comments', 'respond', 'disqus') is one unless it holds the
    story: themes also put such words on the body ('comments-open') and on the story's
    wrapper ('entry-content comments-below').
    """
    story_words = _paragraph_words(tree)
    for element in tree.xpath("//body//*[@class or @id]"):
        if (COMMENT_ANCESTOR.search(f"{element.get('class', '')} {element.get('id', '')}")
                and not _holds_the_story(element, story_words)):
            element.set(COMMENTS_MARK, "1")


def _in_comments(element) -> bool:
    return any(node.get(COMMENTS_MARK) for node in element.iterancestors())


# ---------------------------------------------------------------- title

def choose_title(page: PageMetadata, site_names: list[str], fallback: str | None) -> str | None:
    """The headline readers see, without the site name.

    The JSON-LD headline (or the h1 that is it, give or take a cut); else an h1 that is the
    meta title (give or take a site name or a cut); else an h1 that shares a good part of its
    words with the social or the ``<title>`` title (pages give social media and search engines
    reworded titles, each its own); else the meta title with the site name cut off.
    """
    meta_title = page.first_meta(["parsely-title", "og:title", "twitter:title", "dc.title"]) or page.title_tag
    cleaned = strip_site_name(meta_title, site_names) if meta_title else None
    outlets = {_squash(name) for name in site_names}
    headings = [h for h in page.headings if _squash(h) not in outlets]  # a logo in an h1 is no headline
    for obj in page.json_ld:
        headline = _text_value(obj.get("headline")) or _text_value(obj.get("name"))
        if headline:
            headline = strip_site_name(headline, site_names)
            # SEO plugins fill the JSON-LD headline from the <title>: the h1 it agrees with is the one readers see
            return next((h for h in headings if _agrees(h, headline)), None) or _uncut(headline, headings + [cleaned])
    if not cleaned:
        return strip_site_name(fallback, site_names) if fallback else (headings[0] if headings else None)
    candidates = headings or page.post_titles  # themes that put the site's name in the h1 title posts in an h2
    for title in (cleaned, meta_title):
        agreeing = [heading for heading in candidates if _agrees(heading, title)]
        if agreeing:  # the heading that is the title, before one it starts with (a series banner)
            return next((heading for heading in agreeing if _norm(heading) == _norm(title)), agreeing[0])
    declared = [cleaned] + ([strip_site_name(page.title_tag, site_names)] if page.title_tag else [])
    if headings and len(_long_words(headings[0])) >= 3 and any(
            _shared_words(headings[0], title) >= HEADLINE_SHARED_WORDS for title in declared):
        return headings[0]
    return cleaned


def _shared_words(heading: str, title: str) -> float:
    """Share of the heading's longer words that the title also uses."""
    heading_words = _long_words(heading)
    return len(heading_words & _long_words(title)) / len(heading_words) if heading_words else 0.0


def _long_words(text: str) -> set[str]:
    return {word for word in _norm(text).split() if len(word) > 3}


def _uncut(headline: str, fuller: list[str | None]) -> str:
    """A headline cut short ('Council approves…') is replaced by the full one it starts."""
    if not re.search(r"(?:\.\.\.|…)$", headline):
        return headline
    stem = _norm(headline)
    for title in fuller:
        if title and _norm(title).startswith(stem) and len(title) > len(headline) - 3:
            return title
    return headline


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop a leading or trailing site name: 'Story | The Japan Times' -> 'Story'."""
    title = _clean_space(html_lib.unescape(title))
    known = {_norm(name) for name in site_names if name}
    known |= {_squash(name) for name in site_names if name}
    for name in sorted(site_names, key=len, reverse=True):  # whole site names that contain separators
        for pattern in (rf"^(?P<rest>.+?){TITLE_SEPARATORS.pattern}{re.escape(name)}$",
                        rf"^{re.escape(name)}{TITLE_SEPARATORS.pattern}(?P<rest>.+)$"):
            match = re.match(pattern, title, flags=re.I)
            if match and len(match.group("rest")) > 10:
                return match.group("rest").strip()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title

    def is_site(part: str) -> bool:
        squashed = re.sub(r"^the", "", _squash(part))  # 'The Fenland Gazette' on fenlandgazette.co.uk
        return _norm(part) in known or _squash(part) in known or any(
            squashed.startswith(k) and len(k) > 4 for k in known if " " not in k)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == len(TITLE_SEPARATORS.split(title)):
        return title
    # rebuild with the separators the remaining parts had between them
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _declared_site_names(page: PageMetadata) -> list[str | None]:
    """The outlet's name as the page states it: og:site_name, the JSON-LD publisher or WebSite."""
    names = [page.first_meta(SITE_META)]
    for obj in page.json_ld:
        for item in _as_list(obj.get("publisher")):
            names.append(_text_value(item.get("name")) if isinstance(item, dict) else _text_value(item))
    for obj in page.json_ld_other:
        kinds = {t.lower() for t in _as_list(obj.get("@type")) if isinstance(t, str)}
        if kinds & {"website", "organization", "newsmediaorganization"}:
            names.append(_text_value(obj.get("name")))
    return names


def _outlet_name(page: PageMetadata) -> str | None:
    """The first declared site name that is a name: some sites put their URL in ``og:site_name``."""
    return next((name.strip() for name in _declared_site_names(page)
                 if name and name.strip() and not re.match(r"\s*(?:https?:|www\.)", name)), None)


def _site_names(page: PageMetadata, url: str | None) -> list[str]:
    """Every form of the site's name a title may carry: declared names, Twitter handle, host name."""
    names = _declared_site_names(page) + page.logo_names
    twitter = page.first_meta(["twitter:site"])
    if twitter:
        names.append(twitter.lstrip("@"))
    host = urlsplit(url).hostname if url else None
    if host:
        host = re.sub(r"^www\d?\.", "", host)
        labels = host.split(".")
        # 'en.blog.example.com' -> also 'example.com' and 'example' ('co.uk'-style suffixes give one name too many)
        names += [host, labels[0], ".".join(labels[-2:]), labels[-2] if len(labels) > 1 else None]
    seen, result = set(), []
    for name in names:
        if name and name.strip() and _norm(name) not in seen:
            seen.add(_norm(name))
            result.append(name.strip())
    return result


# ---------------------------------------------------------------- authors

def choose_authors(page: PageMetadata, site_names: list[str], text: str, fallback: Any,
                   shown_byline: list[str] = ()) -> list[str]:
    """The authors most sources agree on: JSON-LD, meta tags, the byline's markup, the byline line, trafilatura's.

    Sources disagree when, say, a CMS's JSON-LD names the account that posted the story
    while the byline names the reporters; the set that another source confirms wins, and
    ties go to the earlier source. The outlet and news agencies are credits, not people:
    they are dropped from a list that also names a person ('Jane Doe, CNN'), and a list of
    them alone is a last resort, after a person named by any source, then a 'By NAME' line
    opening the text (a republished piece). trafilatura's guess never replaces the outlet
    on its own, as it can be a commenter. A desk or account ('Newsdesk') stands for the
    outlet. With no source at all: the 'By NAME' line, or a contributor note closing the text.
    """
    outlets = {_squash(name) for name in site_names} | {_squash(name) for name in AGENCIES}
    bylines = [names for texts in page.bylines if (names := split_names(texts))]
    declared = [_people_first(names, outlets)
                for names in (_json_ld_authors(page), _meta_authors(page), bylines[0] if bylines else [], shown_byline)]
    sources = [names for names in declared + [_people_first(split_names(fallback), outlets)] if names]
    if not sources:
        return _body_byline(text) or _closing_note(text)
    surnames = [{_surname(name) for name in names} for names in sources]
    support = [sum(bool(mine & other) for j, other in enumerate(surnames) if j != i)
               for i, mine in enumerate(surnames)]
    chosen = sources[max(range(len(sources)), key=lambda i: (support[i], -i))]

    def only_credits(names: list[str]) -> bool:
        return all(_is_credit(name, outlets) for name in names)

    if only_credits(chosen):
        people = [names for names in declared if names and not only_credits(names)]
        outlet = _outlet_name(page)
        # a desk or account stands for the outlet: 'DL News Desk' is the Deccan Ledger's
        credited = _dedupe([outlet if outlet and _is_account(name) else name for name in chosen])
        return people[0] if people else (_body_byline(text) or credited)
    return chosen


def _people_first(names: list[str], outlets: set[str]) -> list[str]:
    """Names without the credits of outlets, agencies and accounts when a person is named too.

    'Jane Doe BBC News' (a byline's name and its outlet run together) is 'Jane Doe';
    ['Jane Doe', 'CNN'] is ['Jane Doe']; ['Reuters'] or ['Newsdesk'] stays, for the caller to weigh.
    """
    cut = []
    for name in names:
        words = name.split()
        # the longest outlet at the end that leaves a name of two words or more
        ends = [k for k in range(2, len(words)) if _squash(" ".join(words[k:])) in outlets]
        cut.append(" ".join(words[:ends[0]]) if ends else name)
    people = [name for name in cut if not _is_credit(name, outlets)]
    return _dedupe(people or cut)


def _is_credit(name: str, outlets: set[str]) -> bool:
    """An outlet, agency or account ('Newsdesk', 'Local Democracy Reporting Service') credited as an author."""
    return _squash(name) in outlets or _is_account(name)


def _is_account(name: str) -> bool:
    words = name.split()
    last = words[-1].lower().strip(".") if words else ""
    return last in ORGANISATION_WORDS or (len(words) >= 3 and last in LONG_ORGANISATION_WORDS)


def _surname(name: str) -> str:
    words = [w for w in _norm(name).split() if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else ""


def _json_ld_authors(page: PageMetadata) -> list[str]:
    people = {obj.get("@id"): obj for obj in page.json_ld_other if obj.get("@id")}
    for obj in page.json_ld:
        persons, organisations = [], []
        for author in _as_list(obj.get("author")) or _as_list(obj.get("creator")):
            if isinstance(author, dict):
                author = people.get(author.get("@id"), author) if "name" not in author else author
                kinds = {t.lower() for t in _as_list(author.get("@type")) if isinstance(t, str)}
                found = split_names(_text_value(author.get("name")))
                (organisations if kinds and not kinds & {"person"} else persons).extend(found)
            elif isinstance(author, str) and not author.startswith("http"):
                persons.extend(split_names(author))
        if persons or organisations:
            return persons or organisations  # an agency listed beside its reporters is no author of its own
    return []


def _meta_authors(page: PageMetadata) -> list[str]:
    for name in AUTHOR_META:
        values = [v for v in page.meta.get(name, []) if v.strip() and not re.match(r"https?://", v.strip())]
        if name in LIBRARY_ORDER_META:  # one creator a tag, as catalogues write them: 'Doe, Jane'
            values = [LIBRARY_ORDER.sub(r"\2 \1", v) for v in values]
        names = [n for v in values for n in split_names(v)]
        if names:
            return names
    return []


def _body_byline(text: str) -> list[str]:
    for line in text.split("\n")[:4]:
        match = BODY_BYLINE.match(line.strip())
        if match:
            names = _printed_names(match.group("names"))
            if names:
                return names
    return []


def _printed_names(text: str) -> list[str]:
    """Names in a byline printed as plain text: capitalised, two words or more ('By Thursday, ...' names nobody)."""
    return [name for name in split_names(text) if _capitalised(name) and len(name.split()) >= 2]


def _shown_byline(page: PageMetadata, tree, site_names: list[str]) -> list[str]:
    """Names in a byline printed as a plain line, with no markup that says so.

    'By Jane Doe, Local Democracy Reporting Service', 'Posted on August 9, 2021 by Jane Doe',
    'Von Max Muster | 03.04.2023', 'Words: Jane Doe | Pictures: ...', 'Jane Doe | 19 May
    2023': the first short line between the headline and the text with 'by' (or its German,
    French, Spanish, Dutch or Nordic word) or a 'Words:' label before capitalised names, or
    a name beside the date; else such a sentence in the
    post's footer line ('This entry was filed under News by Jane Doe on ...'). Credits for
    photos or editing ('Photo by') are not bylines, nor 'hit by ice storms'.
    """
    footers = [el for el in tree.xpath(POST_FOOTER_XPATH) if not _in_comments(el)]
    for element in itertools.chain(_elements_after_headline(page, tree, site_names), footers):
        text = _clean_space(" ".join(element.itertext()))  # 'By Jane Doe<div>BBC News</div>': two words, not one
        for line in SENTENCE_END.split(text):
            if len(line.split()) > SHOWN_BYLINE_WORDS or CREDIT_LINE.match(line):
                continue
            labels = [match for match in itertools.chain(WORDS_BYLINE.finditer(line), SHOWN_BYLINE.finditer(line))
                      if not NOT_BYLINE_CREDIT.match(match.groupdict().get("before") or "")]
            for label in labels:  # 'Medically reviewed by A · Written by B': the writer's, not the reviewer's
                names = _printed_names(line[label.end():])
                if names:
                    return names
            named = NAME_BESIDE_DATE.match(line)  # 'Jane Doe | 19 May 2023': a byline with no 'By'
            if named and not named.group("name").isupper() and not _is_account(named.group("name")):
                return [named.group("name")]
    return []


def _capitalised(name: str) -> bool:
    return all(word[:1].isupper() or word.lower() in NAME_PARTICLES for word in name.split())


def _closing_note(text: str) -> list[str]:
    """The writer named in a contributor note closing the text: 'Jane Doe is a freelance writer based in Leeds.'"""
    *body, last = text.split("\n")
    match = CONTRIBUTOR_NOTE.match(last.strip())
    if match and _surname(match.group("name")) not in _norm(" ".join(body)).split():
        return split_names(match.group("name"))  # a person the story names before is its subject, not its writer
    return []


# A byline is a line, not a page: longer values (a 100,000-character author meta seen in fuzzing
# took 21 s to clean) are cut to this before the noise patterns run.
MAX_BYLINE_CHARS = 1000


def split_names(value: Any) -> list[str]:
    """Clean person names out of a byline string (or list): no 'By', roles, dates, e-mail links."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):
        return [name for item in value for name in split_names(item)]
    text = _clean_space(html_lib.unescape(str(value)[:MAX_BYLINE_CHARS]))
    for pattern in BYLINE_NOISE:
        text = pattern.sub(" ", text).strip()
    text = OTHER_CREDIT.split(text, maxsplit=1)[0]  # 'Jane Doe | Pictures: John Roe', 'Jane Doe Edited by John Roe'
    names = []
    for part in re.split(r"\s*(?:[,;/|·•]|\band\b|\bund\b|\bet\b|&|\n)\s*", text):
        part = part.strip(" .:-–—()[]\"'")
        if re.fullmatch(r"(?:jr|sr|ii|iii|iv|phd|md)\.?", part, re.I) and names:
            names[-1] = f"{names[-1]} {part if part.endswith('.') or len(part) > 2 else part + '.'}"
            continue
        part = _without_trailing_role(part)
        if _looks_like_name(part):
            names.append(part.title() if part.isupper() and len(part) > 3 else part)  # 'JANE DOE' -> 'Jane Doe'
    return names


def _without_trailing_role(name: str) -> str:
    """'Jane Doe Local democracy reporter' -> 'Jane Doe': a role written after a name without a comma.

    The role is the tail that ends in a role noun and runs on in role words or lower case,
    starting at a role word or at a capitalised word the lower case follows ('Special
    correspondent', 'Staff Writer', 'Local democracy reporter'); two words stay for the name.
    """
    words = name.split()
    if len(words) < 3 or not ROLE_NOUN.fullmatch(words[-1]):  # 'Eleanor Grace Senior' is a name
        return name
    for start in range(2, len(words)):
        tail = words[start + 1:]
        opens = ROLE_WORDS.fullmatch(words[start]) or (tail and tail[0].islower())
        if opens and all(word.islower() or ROLE_WORDS.fullmatch(word) for word in tail):
            return " ".join(words[:start])
    return name


def _looks_like_name(part: str) -> bool:
    if not part or part.lower() in NOT_NAMES or len(part) > 60:
        return False
    words = part.split()
    if not 1 <= len(words) <= 6 or not re.search(r"[^\W\d_]", part):
        return False
    if all(ROLE_WORDS.fullmatch(w) or w.lower() in ("the", "a", "of") for w in words):
        return False  # a bare role: 'Staff Writer'
    return not re.search(r"https?://|www\.|\d{3,}", part)


def _dedupe(names: list[str]) -> list[str]:
    seen, result = set(), []
    for name in names:
        key = _squash(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result


# ---------------------------------------------------------------- dates

def choose_published(page: PageMetadata, tree, url: str | None, site_names: list[str] = ()) -> dt.datetime | None:
    """Publication time in UTC: declared (JSON-LD, meta tags, microdata), else shown, else the URL or htmldate.

    A declared timestamp keeps its time and zone. The date printed with the headline
    (``_shown_date``) wins when it is more than a day away from the declared one: a CMS's
    JSON-LD can carry the day a draft was created, and the day readers are shown is the one
    a reader would cite (a day's difference is a time zone: the UTC timestamp stays). A
    declared day without a time takes the time of a zoned ``<time>`` shown on that day.
    With nothing declared, a zoned ``<time>`` in the byline is the timestamp; else the shown
    day, a date in the URL, or htmldate's day (read from the page without its comments and
    teaser lists). Never a bare copyright year, nor a date shown above the headline (a site
    header's 'today').
    """
    declared, declared_time = _declared_date(page)
    shown = _shown_date(page, tree, site_names)
    if declared:
        if shown and abs((shown.day.date() - declared.date()).days) > 1:
            return shown.exact or shown.day
        if not declared_time and shown and shown.exact and shown.day.date() == declared.date():
            return shown.exact
        return declared
    if shown:
        return shown.exact or shown.day
    return _url_date(url) or _htmldate_not_copyright(tree, url)


def _declared_date(page: PageMetadata) -> tuple[dt.datetime | None, bool]:
    """The declared publication time, and whether it states a time of day (not only a day)."""
    values = [_text_value(obj.get(key)) for obj in page.json_ld for key in ("datePublished", "dateCreated")]
    for value in values + [page.first_meta(DATE_META)]:
        parsed = parse_published(value)
        if parsed:
            return parsed, bool(re.search(r"\d{1,2}:\d{2}", value))
    return None, False


def _url_date(url: str | None) -> dt.datetime | None:
    """A publication day in the URL's path written in a form htmldate does not read: /2021/0317/, -20210317-."""
    path = urlsplit(url).path if url else ""
    for pattern in URL_DATES:
        match = pattern.search(path)
        if match:
            day = _valid_date(*(int(part) for part in match.groups()))
            if day and parse_published(day):
                return day
    return None


def _htmldate_not_copyright(tree, url: str | None) -> dt.datetime | None:
    found = _htmldate(tree, url, extensive=True)
    if found and _is_copyright_year(found, tree):
        # htmldate's text search fell back on the copyright notice: keep only what the markup and URL say
        found = _htmldate(tree, url, extensive=False)
    return None if found and _is_copyright_year(found, tree) else found


@dataclass
class ShownDate:
    day: dt.datetime                    # the local day printed, as a UTC midnight
    update: bool                        # labelled as an update ('Updated Aug 18')
    exact: dt.datetime | None = None    # the instant, when a <time> gives one with its zone


def _shown_date(page: PageMetadata, tree, site_names: Iterable[str]) -> ShownDate | None:
    """The date printed with the headline: the byline's date, the publication one before an update.

    The dated elements ('Mar 12, 2020', 'Published: 28 Apr 2020', a ``<time>``) that follow
    the page's h1 until the text starts (an element with a paragraph's worth of words of its
    own); comment sections are left out. The first one not labelled as an update ('Updated
    Aug 18') is the publication; a page that shows only its update date gets that. A
    ``<time>`` gives its ``datetime`` attribute's local day; other text must name a day,
    month and year.
    """
    shown = list(_dates_after_headline(page, tree, site_names))
    chosen = next((date for date in shown if not date.update), shown[0] if shown else None)
    if chosen and not chosen.exact:  # 'Posted <time datetime=...>Tue 14 Mar</time>': the line first, then its <time>
        chosen.exact = next((date.exact for date in shown
                             if date.exact and date.day == chosen.day and date.update == chosen.update), None)
    return chosen


def _elements_after_headline(page: PageMetadata, tree, site_names: Iterable[str]) -> Iterator[Any]:
    """The elements between the headline and the text, where bylines and their dates are printed.

    The headline is an h1 that is no site name and, when the page declares a title, shares
    words with it: after a logo's h1 comes the site header, whose date is the day of the visit.
    Without such an h1, an h2 or h3 that is the declared title is the headline.
    The text starts at the first element with a paragraph's worth of words of its own, or
    after a few short paragraphs; comment sections and figures are skipped.
    """
    outlets = {_squash(name) for name in site_names}
    declared = [_text_value(obj.get("headline")) for obj in page.json_ld[:1]]
    declared += [page.first_meta(["og:title", "twitter:title"]), page.title_tag]
    declared = [title for title in declared if title and _long_words(title)]

    def is_headline(h1) -> bool:
        text = _heading_text(h1)
        return bool(text) and _squash(text) not in outlets and (
            not declared or any(_shared_words(text, title) >= HEADLINE_SHARED_WORDS for title in declared))

    def is_post_title(heading) -> bool:  # themes that set the site name in the h1 give the story an h2
        return any(_agrees(_heading_text(heading), title) for title in declared)

    headline = next(filter(is_headline, sorted(tree.xpath("//body//h1"), key=lambda h: not _in_article(h))), None)
    if headline is None:
        headline = next(filter(is_post_title, tree.xpath("//body//*[self::h2 or self::h3]")), None)
    if headline is None:
        return
    paragraph_words = 0
    for element in headline.xpath(f"following::*[position() <= {SHOWN_DATE_SCAN}]"):
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript", "template"):
            continue
        own_words = len(" ".join([element.text or ""] + [child.tail or "" for child in element]).split())
        if element.tag == "p":
            paragraph_words += own_words
        if own_words >= TEXT_STARTED_WORDS or paragraph_words >= TEXT_STARTED_WORDS * 2:
            return  # the text has started: one long paragraph, or a few short ones
        if not _in_comments(element) and not element.xpath("ancestor-or-self::figure"):  # a caption's date is the photo's
            yield element


def _dates_after_headline(page: PageMetadata, tree, site_names: Iterable[str]) -> Iterator[ShownDate]:
    """The first few dated elements between the headline and the text, in page order.

    A line with several labelled dates ('Updated March 6 2023, first published March 4
    2023') gives each of them.
    """
    found = 0
    for element in _elements_after_headline(page, tree, site_names):
        if found >= SHOWN_DATES:
            return
        text = _spaced_text(element)
        stamp = (element.get("datetime") or "").strip() if element.tag == "time" else ""
        dates = []
        if re.match(r"\d{4}-\d{2}-\d{2}", stamp):
            parent = element.getparent()
            if parent is not None and len(parent.text_content().split()) <= 12:
                text = _spaced_text(parent)  # the label is often outside: 'Updated <time>'
            exact = parse_published(stamp) if ZONED_TIME.search(stamp) else None
            dates = [ShownDate(parse_published(stamp[:10]), _labelled_update(text), exact)]  # the local day, as printed
        elif len(text.split()) <= 2 * 12 and FULL_DATE.search(text) and _reads_as_date_line(text, element):
            for part in DATE_LINE_PARTS.split(text):
                if len(part.split()) <= 12 and FULL_DATE.search(part) and (day := _day_in_text(part)):
                    dates.append(ShownDate(day, _labelled_update(part)))
        for date in dates:
            if date.day:
                found += 1
                yield date


def _labelled_update(text: str) -> bool:
    """Whether the first date in a line is labelled as an update: 'Jane Doe Updated 11/03/2023'."""
    before_date = re.split(r"\d", text, maxsplit=1)[0]
    label = None
    for label in DATE_LINE_LABEL.finditer(before_date):
        pass
    return label is not None and UPDATE_LABEL.match(label.group(0)) is not None


def _spaced_text(element) -> str:
    """An element's text with its pieces apart: '<span>16:12</span><span>Updated</span>' is two words."""
    return _clean_space(" ".join(element.itertext()))


def _reads_as_date_line(text: str, element) -> bool:
    """A byline's date line ('Posted on May 5, 2021 by Jane Doe', a ``date`` span), not a sentence
    that mentions a day ('Voting runs until 12 May 2024 at the town hall') nor a copyright line."""
    if COPYRIGHT_YEAR.search(text) or EVENT_DATE_LABEL.match(text):
        return False
    marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
    if DATE_LINE_MARKER.search(marker):
        return True
    sentence_words = [word for word in re.findall(r"\b[^\W\d_]{3,}\b", text)
                      if word.islower() and word not in DATE_LINE_WORDS]
    return len(sentence_words) <= 2


def _day_in_text(text: str) -> dt.datetime | None:
    """The day a short date line names, or None.

    The label goes first ('Published: Mar. 14, 2023' made htmldate fall back on the year
    alone); a found day must be one the text names, so such a fallback is refused, and then
    each date expression in the line is tried alone ('Feb. 20, 2024 by Jon Doe' defeats
    htmldate whole). A numeric date that reads both ways ('Tue, 03/05/2019') is read the way
    its weekday fits.
    """
    text = DATE_LABEL.sub("", text)
    numeric = NUMERIC_DATE.search(text)
    weekday = WEEKDAY.search(text)
    if numeric and weekday:
        first, second, year = (int(part) for part in numeric.groups())
        wanted = WEEKDAYS.index(weekday.group(1).lower()[:3])
        fitting = [day for month, dom in ((first, second), (second, first))
                   if (day := _valid_date(year, month, dom)) and day.weekday() == wanted]
        if len(fitting) == 1:
            return fitting[0]
    for candidate in [text] + [match.group(0) for match in DATE_EXPRESSION.finditer(text)]:
        try:
            found = parse_published(find_date(f"<html><body><p>{html_lib.escape(candidate)}</p></body></html>",
                                              extensive_search=True, original_date=True))
        except (ValueError, TypeError):
            continue
        if found is not None and re.search(rf"(?<!\d)0?{found.day}(?!\d)", candidate):
            return found
    return None


def _valid_date(year: int, month: int, day: int) -> dt.datetime | None:
    try:
        return dt.datetime(year, month, day, tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def _htmldate(tree, url: str | None, extensive: bool) -> dt.datetime | None:
    """htmldate's day, read from a copy without comment sections (htmldate prunes what it is given)."""
    page = copy.deepcopy(tree)
    for element in page.xpath(f"//body//*[@{COMMENTS_MARK}]"):
        if element.getparent() is not None:
            element.getparent().remove(element)
    try:
        return parse_published(find_date(page, url=url, original_date=True,
                                         extensive_search=extensive, outputformat="%Y-%m-%dT%H:%M:%S"))
    except (ValueError, TypeError):
        return None


def parse_published(value: Any) -> dt.datetime | None:
    """An aware UTC datetime from a datetime or an ISO-like string; None when it is not one.

    Times without a zone are taken as UTC. Dates in the future (beyond a day) are refused.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        text = re.sub(r"Z+$", "+00:00", text)
        text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0100 -> +01:00
        text = re.sub(r"^(\d{4}-\d{2}-\d{2}) (\d)", r"\1T\2", text)
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            try:
                from email.utils import parsedate_to_datetime
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    parsed = parsed.astimezone(dt.timezone.utc)
    if parsed > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1) or parsed.year < 1990:
        return None
    return parsed


def _is_copyright_year(found: dt.datetime, tree) -> bool:
    """htmldate can fall back on the year of a copyright notice: 1 January of it is not a date."""
    if (found.month, found.day, found.hour, found.minute) != (1, 1, 0, 0):
        return False
    text = " ".join(tree.itertext()) if tree is not None else ""
    return any(int(year) == found.year for year in COPYRIGHT_YEAR.findall(text))


# ---------------------------------------------------------------- text

def _drop_boilerplate_blocks(tree) -> None:
    """Remove disclosures, disclaimers and sign-up boxes: boilerplate that trafilatura keeps when it sits in the article.

    Only blocks of a box's size go: a class word on a container of the whole story (a short
    post in ``<article class="newsletter-post">``, a block holding the headline) is not a box.
    """
    story_words = _paragraph_words(tree)
    for element in tree.xpath(BOILERPLATE_BLOCK_XPATH):
        _remove_box(element, story_words)


def _drop_teaser_boxes(tree) -> None:
    """Remove lists of other stories: 'More on this story', 'Recommended from ...', most-read boxes.

    trafilatura keeps such a list when it sits inside the article or right after it, and its
    headlines and their bylines and dates then read as the story's last lines. A box is known
    by its class or id ('related', 'more-from', 'most-read', ad networks' widgets) or by its
    heading; one known by its heading only goes when most of its text is links.
    """
    story_words = _paragraph_words(tree)
    for element in tree.xpath("//body//*[@class or @id]"):
        if TEASER_BOX_NAME.search(f"{element.get('class', '')} {element.get('id', '')}"):
            _remove_box(element, story_words)
    for heading in tree.xpath("//body//*[self::h2 or self::h3 or self::h4]"):
        if not TEASER_HEADING.match(_clean_space(heading.text_content())):
            continue
        box = heading.getparent()
        while box is not None and _clean_space(box.text_content()) == _clean_space(heading.text_content()):
            box = box.getparent()  # a heading wrapped on its own: the box is further up
        if box is None:
            continue
        heading_chars = len(_clean_space(heading.text_content()))
        rest = len(_clean_space(box.text_content())) - heading_chars
        linked = sum(len(_clean_space(a.text_content())) for a in box.xpath(".//a")) - (
            heading_chars if heading.xpath(".//a") else 0)
        if rest > 0 and linked >= 0.4 * rest:
            _remove_box(box, story_words)


def _remove_box(element, story_words: int) -> None:
    """Remove an element unless it holds the story: a story container, the headline, a story's
    length of text, or most of the page's paragraphs (a short post in ``<div class="post related-x">``)."""
    if element.getparent() is not None and not _holds_the_story(element, story_words) and (
            len(element.text_content()) < BOX_MAX_CHARS):
        element.getparent().remove(element)


def _holds_the_story(element, story_words: int) -> bool:
    return (element.tag in STORY_CONTAINERS or bool(element.xpath(".//h1"))
            or (story_words > 0 and _paragraph_words(element) >= story_words / 2))


def _paragraph_words(element) -> int:
    """Words in the paragraphs below an element (of the whole page's body for a tree)."""
    return sum(len(paragraph.text_content().split()) for paragraph in element.xpath(".//p"))


def _without_boilerplate_lines(text: str) -> str:
    """Drop lines that are an image credit, a rights notice or a link to a related story.

    '(Credit: Jane Doe / Agency)', 'Photo: Agency'; 'Copyright 2023 ... All rights reserved.';
    'Related: Other story'. Each only as a short line of its own, never inside a paragraph.
    """
    def boilerplate(line: str) -> bool:
        words = len(line.split())
        return ((words <= 12 and CREDIT_LINE.match(line) is not None)
                or (words <= 40 and RIGHTS_LINE.match(line) is not None)
                or (words <= 15 and ALL_RIGHTS.search(line) is not None)
                or (words <= 25 and RELATED_LINE.match(line) is not None))

    return "\n".join(line for line in text.split("\n") if not boilerplate(line))


def _gallery_paragraphs(tree) -> list[str]:
    """The caption paragraphs of a gallery page (a slideshow or list told in figure captions).

    trafilatura drops every ``<figure>`` with its caption: right for a photo's one-line
    caption, wrong when the article is a series of pictures whose captions carry the text.
    Captions made of ``<p>`` paragraphs, on at least GALLERY_MIN_SLIDES figures, are text.
    """
    slides = [figure for figure in tree.iter("figure") if figure.xpath(".//figcaption//p")]
    if len(slides) < GALLERY_MIN_SLIDES:
        return []
    return [text for figure in slides for paragraph in figure.xpath(".//figcaption//p")
            if (text := _clean_space(paragraph.text_content()))]


def _with_gallery_text(text: str, paragraphs: list[str]) -> str:
    """Put back the gallery paragraphs trafilatura left out, each after the one before it that it kept."""
    if not paragraphs:
        return text
    lines = text.split("\n") if text else []
    keys = [_norm(line) for line in lines]

    def position(paragraph: str, start: int) -> int | None:
        key = _norm(paragraph)
        found = [i for i, line in enumerate(keys) if key and key in line]
        return next((i for i in found if i >= start), found[0] if found else None)

    kept = [i for i in (position(p, 0) for p in paragraphs) if i is not None]
    cursor = kept[0] if kept else len(lines)
    for paragraph in paragraphs:
        where = position(paragraph, cursor)
        if where is not None:
            cursor = where + 1
            continue
        lines.insert(cursor, paragraph)
        keys.insert(cursor, _norm(paragraph))
        cursor += 1
    return "\n".join(lines)


def _with_lead_ins(text: str, page: PageMetadata) -> str:
    """Put back what trafilatura leaves out above the text: the standfirst and a republication note.

    The standfirst is the page's description shown above the text; the note says where the
    story first ran ('This article originally appeared in ...'), which sites set above their
    article container.
    """
    lead_ins = page.standfirst_candidates[:1] + page.source_notes[:1]
    missing = [line for line in lead_ins if _norm(line)[:80] not in _norm(text)]
    return "\n".join(missing + [text])


# ---------------------------------------------------------------- small helpers

def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text_value(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return _clean_space(html_lib.unescape(value))
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if base and urlsplit(base).scheme in ("http", "https"):
        link = urljoin(base, link)
    return link if urlsplit(link).scheme in ("http", "https") else None


def _clean_space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def _squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "").lower())


def _agrees(heading: str, title: str) -> bool:
    """The h1 and the meta title name the same story: equal, or one is the other cut short or
    with a site name before or after it."""
    a, b = _norm(heading), _norm(title)
    if not a or not b or len(a) < 8:
        return False
    shorter, longer = sorted((a, b), key=len)
    return (longer.startswith(shorter) or longer.endswith(shorter)) and len(shorter) >= 0.4 * len(longer)
