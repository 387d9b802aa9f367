"""What a saved web page declares about itself, read before trafilatura prunes the tree.

Publishers describe a story in three places: schema.org JSON-LD (``NewsArticle``,
``BlogPosting``...: ``headline``, ``author``, ``datePublished``), what they give search
engines; ``meta`` tags (``og:title``, ``article:published_time``, ``author``, parse.ly,
Dublin Core, microdata); and the visible page: the headline, the byline element
(``rel=author``, ``itemprop=author``, classes named ``byline``/``author``, links to a
writer's page), the lines printed between the headline and the text. This module reads
them all into a ``PageMetadata``, marks the page's comment sections (whose bylines and
dates are the commenters'), and holds the helpers the title, author and date choices
share (``page_title``, ``page_authors``, ``page_dates``).
"""
from __future__ import annotations

import html as html_lib
import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from transforms.urls import canonical_url, is_web_url

# schema.org's Article and its subtypes (lower case), and reviews: a review page's author, date and title
ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
                 "scholarlyarticle", "medicalscholarlyarticle", "techarticle", "socialmediaposting",
                 "liveblogposting", "discussionforumposting", "report", "advertisercontentarticle",
                 "satiricalarticle", "review", "criticreview", "userreview"}
TYPESET_HEADLINE_XPATH = "//body//*[self::b or self::strong or self::font][string-length(normalize-space()) < 200]"
# type set large, as table-era pages print a headline the <title> does not give: <font size="5"><b>...</b></font>
LARGE_TYPE_XPATH = ("//body//font[(number(@size) >= 5 or starts-with(normalize-space(@size), '+'))"
                    " and string-length(normalize-space()) < 200]")
# an h1's class naming it the story's headline: 'storyTitle', 'article__hed', 'post-headline', 'artikel-titel'
HEADLINE_MARKER = re.compile(r"headline|(?:story|article|artikel|entry|post|news)[-_]*(?:title|titel|titre|titulo|titolo|head|hed)"
                             r"|(?:^|[\s_-])hed(?:$|[\s_-])|contentheading", re.I)  # Joomla 1.x: 'contentheading'
KICKER_MARKER = re.compile(r"kicker|topline|overline|dachzeile|spitzmarke|eyebrow|roofline|rubric|badge|(?:^|[\s_-])label(?:$|\s)", re.I)
# words for screen readers only, which a reader of the page does not see: '<span class="visually-hidden">: </span>'
SCREEN_READER_ONLY = re.compile(r"(?:^|\s)(?:sr-only|visually-hidden|screen-reader-text|screenreader-only|a11y-hidden)(?:$|\s)")
# the page's h1s, with a heading marked as one for screen readers ('<div role="heading" aria-level="1">')
H1_XPATH = "//body//h1 | //body//*[@role='heading'][@aria-level='1']"
# hosting platforms that templates name as the publisher ('"publisher": {"name": "Blogger"}'): no outlet
PLATFORMS = {"blogger", "blogspot", "wordpress", "wordpress.com", "medium", "tumblr", "substack", "wix", "squarespace",
             "weebly", "ghost"}
BYLINE_ROLE_MARKER = re.compile(r"(?:^|[\s_-])(?:role|job|position|jobtitle|affiliation)(?:$|[\s_-])", re.I)
LINE_TAGS = {"br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "button"}
COMMENTS_LINK = re.compile(r"#(?:comments?|respond|reply|disqus)|/comments?/?$", re.I)  # 'Comment [1]' in a byline
# a byline box that also lists the story's tags or section: '<a href="/tag/transport">transport</a>'
TAXONOMY_LINK = re.compile(r"/(?:tags?|category|categories|topics?|section|sections|rubrik|themen?)/", re.I)
# a button in a writer's card ('+ Follow', 'View profile'), not the writer's link
BUTTON_LINK = re.compile(r"^\W*(?:follow|unfollow|subscribe|connect|message|view\s+profile|see\s+all|more)\b", re.I)
HEADLINE_SHARED_WORDS = 1 / 3  # an h1 sharing this much of its longer words with a declared title is that story's headline
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone")
BYLINE_XPATH = ("//*[@rel='author' or @itemprop='author' or contains(concat(' ', normalize-space(@class), ' '), ' author ')"
                " or contains(@class, 'byline') or contains(@class, 'author-name') or contains(@class, 'author-info')"
                " or contains(@class, 'post-author') or contains(@class, 'entry-author') or contains(@class, 'article-author')"
                # a class ending in 'author' on a line that opens with 'By' ('<div class="contentauthor">Von ...')
                " or (contains(concat(@class, ' '), 'author ') and (starts-with(normalize-space(), 'By ')"
                " or starts-with(normalize-space(), 'by ') or starts-with(normalize-space(), 'Von ')"
                " or starts-with(normalize-space(), 'von ')))"
                " or contains(@class, '__author') or contains(@class, 'author__') or contains(@class, '--author')"  # BEM
                " or contains(@class, 'auteur') or contains(@class, 'autor') or contains(@class, 'reader-credits')"  # Firefox
                " or (contains(@class, 'author') and contains(@class, 'name'))"  # 'author-bio__name', 'authorName'
                # a review site's reviewer: 'consumer-info__name', '<span data-consumer-name-typography>'
                " or (contains(@class, 'consumer') and contains(@class, 'name')) or @data-consumer-name-typography"
                " or contains(@class, 'reviewer-name')"
                # a signature closing the text, unless it names the author inside: 'Outlet <span class="auteur">Name'
                " or ((contains(@class, 'signature') or contains(@class, 'signoff') or contains(@class, 'sign-off'))"
                " and not(.//*[contains(@class, 'aut')]))]"
                # a metadata list: <dt>From:</dt><dd>Department for Transport</dd>, <dt>Author</dt><dd>...</dd>
                " | //dd[preceding-sibling::dt[1][contains('|from|by|author|authors|written by|autor|auteur|', concat('|', "
                "translate(normalize-space(translate(., ':', '')), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),"
                " '|'))]]")
# links to an author's page, for bylines that carry no telling class
AUTHOR_LINK_XPATH = ("//body//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/writer/')"
                     " or contains(@href, '/writers/') or contains(@href, '/byline/') or contains(@href, '/people/')"
                     " or contains(@href, '/staff/') or contains(@href, '/journalists/') or contains(@href, 'linkedin.com/in/')"
                     " or contains(@href, '/autor') or contains(@href, '/auteur') or contains(@href, '/contributor')"
                     " or contains(@href, '/reporters/')]")
# a link to one writer's page, not to the list of them ('/people/' in a site's menu)
AUTHOR_PAGE = re.compile(r"/(?:author|authors|writer|writers|byline|people|staff|journalists|contributor|contributors|reporters"
                         r"|autor|autoren|autorin|autorinnen|auteur|auteurs|autore|autori)/[^/?#\s]+"
                         r"|linkedin\.com/in/[^/?#\s]+")  # a LinkedIn article's writer card
TAGLINE_XPATH = ("//body//*[contains(@class, 'site-description') or contains(@class, 'tagline')"
                 " or (contains(concat(' ', normalize-space(@class), ' '), ' description ')"
                 " and ancestor::*[contains(@id, 'header') or contains(@class, 'header')])]")
STANDFIRST_MARKER = re.compile(r"(?:^|[\s_-])(?:dek|deck|standfirst|strapline|subtitle|subhead|subheadline|summary|excerpt"
                               r"|lede|lead-in|teaser-text|preface|vorspann|intro|abstract"
                               r"|lead(?![_-]?(?:image|img|media|photo|picture|figure|video|art|asset)))(?:$|[\s_-])", re.I)
# the line under a post in blog themes: 'This entry was filed under News by Jane Doe on March 3, 2020'
POST_FOOTER_XPATH = ("//body//*[contains(@class, 'postmeta') or contains(@class, 'entry-footer')"
                     " or contains(@class, 'post-footer') or contains(@class, 'entry-utility') or contains(@class, 'posted')"
                     " or contains(@class, 'submitted') or contains(@class, 'post-info') or contains(@class, 'auteur')"
                     " or contains(@class, 'itemfooter') or contains(@class, 'meta-info')"
                     " or self::footer[contains(@class, 'entry-meta')]]")  # Twenty Ten's footer: 'Published by NAME.'
# where a one-person site names its writer: the footer, the sidebar's or an aside's 'About' box
SITE_FRAME_XPATH = ("//footer | //aside | //*[@id='footer' or @id='sidebar' or contains(@class, 'site-footer')"
                    " or contains(@class, 'sidebar')]")
SITE_FRAME_CHARS = 3000
SITE_WRITER = re.compile(r"(?i:\b(?:all\s+(?:posts|articles|entries|content|writing)\s+(?:(?:are|is)\s+)?written\s+by"
                         r"|\bis\s+written\s+by|words\s+(?:and\s+\w+\s+)?by|(?:^|(?<=[.!?|·]\s))written\s+by))\s+"
                         r"(?P<names>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|and|&))*)")
# ... and an 'About me' box's opening paragraph: 'Hi, I'm Jane Doe, a teacher who ...', 'Hallo! Ich bin Jane Doe'
ABOUT_ME = re.compile(r"^\W*(?i:(?:(?:hi|hello|hey|hallo|salut|bonjour)[,!]?\s+)?"
                      r"(?:i['’]m|i\s+am|my\s+name\s+is|ich\s+bin|ich\s+heiße|je\s+suis|je\s+m['’]appelle))\s+"
                      r"(?P<names>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b(?![\w'’-])")
NAVIGATION_MARKER = re.compile(r"(?:^|[\s_-])(?:nav|navbar|navigation|menu)(?:$|[\s_-])", re.I)
INLINE_TAGS = {"a", "span", "strong", "b", "em", "i", "small", "font", "u", "abbr", "cite", "address"}
LOGO_MARKER = re.compile(r"(?:^|[\s_-])(?:logo|site-?title|site-?name|site-?heading|brand|masthead|blog-?title)(?:$|[\s_-])", re.I)
# readers' comments, in the words themes use: 'comentarios', 'Kommentare', 'reacties', 'réactions', an obituary's tribute wall
# (a post's 'commentary' is the post: LinkedIn's 'feed-shared-update-v2__commentary')
COMMENT_ANCESTOR = re.compile(r"comment(?!ary)|coment|kommentar|komentar|respond|reply|reacti|réacti|discussion|conversation|disqus"
                              r"|guest-?book|condolence|(?<!at)tribute|leserbrief|trackback|pingback|responses|webmention"
                              r"|(?:^|[\s_-])letters(?:$|[\s_-])", re.I)  # readers' letters under an opinion piece, not 'newsletters'
COMMENTS_MARK = "data-newsbeam-comments"
LAYOUT_CELL_MARK = "data-newsbeam-cell"  # a layout table's cell, once made a plain block
# the work a credit names when it is not the writing: 'Photos by', 'Edited by'
OTHER_WORK = (r"photos?|photograph(?:ed|y|s)?|images?|pictures?|illustrat(?:ions?|ed)|graphics?|video|edited|editing|reviewed|checked|produced"
              r"|translated|music|sound|audio|mixed|artwork")
NOT_BYLINE_CREDIT = re.compile(rf"^(?:{OTHER_WORK}|narrated|sponsored|presented|powered|supported|curated|designed|design)$", re.I)
SLASHED_DATE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:19|20)\d{2}(?![\d/])")
WEEKDAY_ROOM = 12  # the characters before a date that hold the weekday a CMS prints with it: 'Tue, 09/06/2011'
STORY_CONTAINERS = ("html", "body", "main", "article")
SOURCE_NOTE = re.compile(r"^\W*(?:editor'?s'?\s+note\s*:\s*)?this\s+(?:post|article|story|piece|report|essay|column|interview)\s+"
                         r"(?:was\s+|has\s+been\s+)?(?:originally|first)\s+(?:appeared|published|ran|posted)\b", re.I)
JSON_LD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
ABOVE_HEADLINE_CELL_WORDS = 30  # a table cell holding the story has a kicker and a date above its headline, not a menu
ARTICLE_CONTAINER_MARKER = re.compile(r"(?:^|[\s_-])(?:article|story)(?:$|\s)", re.I)  # 'rb-article', 'story'
TEASER_CARD_WORDS = 60  # a teaser card's line of text; a story has more
CARD_HEADING_TAGS = "self::h2 or self::h3 or self::h4 or self::h5"  # a card's heading: a teaser's headline, a writer's name
TEASER_CREDIT_WORDS = ("By", "by", "Door", "Von", "di", "Par", "Por")  # how a teaser's credit line opens
TEASER_CREDIT = re.compile(rf"(?:{'|'.join(TEASER_CREDIT_WORDS)})\s|\([^()]{{3,40}}\)$")  # ... or '(E. Şahin)' beside it
TEASER_CREDIT_XPATH = ("//body//*[self::span or self::div or self::p or self::small][string-length(normalize-space()) < 80]["
                       + " or ".join(f"starts-with(normalize-space(), '{word} ')" for word in TEASER_CREDIT_WORDS) + "]")
TEASER_CARD_DEPTH = 3    # levels up from a teaser's credit line to its card
TEASER_CARD_NAME = re.compile(r"(?:^|[-_\s])(?:teaser|promo)(?:$|[-_\s])", re.I)  # '<div class="teaser teaser-card">'
TEASER_CARD_CHARS = 400  # a teaser card's headline, line of text and credit
TEASER_HEADLINE_WORDS = 4  # a link with this many words is a headline
SHOWN_DATE_SCAN = 80     # elements after the headline searched for the byline's date
POST_TITLES = 30          # h2/h3s read as candidates for a post's title
TEXT_STARTED_WORDS = 25  # an element with this many words of its own is the text: no byline after it


@dataclass
class PageMetadata:
    """What the page declares about itself, read before trafilatura prunes the tree."""
    json_ld: list[dict] = field(default_factory=list)       # article-type objects, in page order
    json_ld_other: list[dict] = field(default_factory=list)  # everything else (WebSite, Organization, Person)
    meta: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str | None = None
    headings: list[str] = field(default_factory=list)          # h1 texts, those inside the article first
    logo_names: list[str] = field(default_factory=list)        # texts of h1s that are the site's logo
    taglines: list[str] = field(default_factory=list)          # the site's motto beside its logo
    post_titles: list[str] = field(default_factory=list)       # h2 and h3 texts: a story's title when the h1 is the site's
    permalink_title: str | None = None                          # a heading that links to the page itself
    marked_headline: str | None = None                          # a heading marked as the story's ('storyTitle')
    canonical: str | None = None
    bylines: list[list[str]] = field(default_factory=list)      # each byline element's texts, the story's first
    teaser_bylines: list[str] = field(default_factory=list)     # the bylines of other stories' teasers
    linked_writers: list[str] = field(default_factory=list)     # names linked to a writer's page, for the story
    paywalled_classes: set[str] = field(default_factory=set)   # classes JSON-LD marks as the story's paid part
    site_credits: list[str] = field(default_factory=list)      # 'All posts written by ...' in the footer or sidebar
    standfirst_candidates: list[str] = field(default_factory=list)
    source_notes: list[str] = field(default_factory=list)      # 'This story originally appeared in ...'
    slashed_dates: list[str] = field(default_factory=list)     # dates in numbers anywhere: 'Tue, 09/06/2011'

    def first_meta(self, names: Iterable[str]) -> str | None:
        for name in names:
            for value in self.meta.get(name, []):
                if value.strip():
                    return value.strip()
        return None


def read_page_metadata(tree, url: str | None = None) -> PageMetadata:
    page = PageMetadata()
    story_words = paragraph_word_count(tree)
    _mark_comment_sections(tree, story_words)
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        for obj in _json_ld_objects(script.text_content()):
            kinds = {t.lower() for t in as_list(obj.get("@type")) if isinstance(t, str)}
            (page.json_ld if kinds & ARTICLE_TYPES else page.json_ld_other).append(obj)
    for tag in tree.xpath("//meta[@content]"):
        name = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if name:
            page.meta.setdefault(name, []).append(html_lib.unescape(tag.get("content") or ""))
    for tag in tree.xpath("//body//*[@property][@content]"):  # RDFa: Drupal's <span property="dc:date dc:created" content=...>
        for name in tag.get("property").lower().split():
            page.meta.setdefault(name, []).append(html_lib.unescape(tag.get("content")))
    for tag in tree.xpath("//body//*[@itemprop][@datetime]"):  # microdata: <time itemprop="datePublished" datetime=...>
        page.meta.setdefault(tag.get("itemprop").strip().lower(), []).append(tag.get("datetime"))
    for tag in tree.xpath("//body//abbr[contains(concat(' ', @class, ' '), ' published ')][@title]"):  # hAtom (old Blogger)
        page.meta.setdefault("hatom:published", []).append(tag.get("title"))
    frames = tree.xpath(SITE_FRAME_XPATH)
    outermost = [frame for frame in frames if not set(frame.iterancestors()).intersection(frames)]
    page.site_credits = [match.group("names") for frame in outermost
                         for match in SITE_WRITER.finditer(clean_space(frame.text_content()[:SITE_FRAME_CHARS]))] + [
        match.group("names") for frame in outermost for paragraph in frame.xpath(".//p")
        if (match := ABOUT_ME.match(clean_space(paragraph.text_content())))]
    # Google's markup for paywalled text: "hasPart": {"isAccessibleForFree": false, "cssSelector": ".paywall"}
    page.paywalled_classes = {match.group(1) for obj in page.json_ld for part in as_list(obj.get("hasPart"))
                              if isinstance(part, dict) and isinstance(part.get("cssSelector"), str)
                              and (match := re.fullmatch(r"\s*\.([\w-]+)\s*", part["cssSelector"]))}
    titles = tree.xpath("//head/title")
    # unescaped once more, as the meta tags are: themes that escape twice print 'Blog &raquo; Post'
    page.title_tag = clean_space(html_lib.unescape(titles[0].text_content())) if titles else None
    h1s = sorted(tree.xpath(H1_XPATH), key=lambda h: not _in_article(h))
    story_titles = [text_value(obj.get("headline")) for obj in page.json_ld] + [
        page.first_meta(["og:title"]), page.first_meta(["twitter:title"])]
    texts = {h: _headline_as_titled(h, page.title_tag) for h in h1s}
    links = tree.xpath("//link[@rel='canonical']/@href")
    page.canonical = _absolute(links[0], url) if links else _absolute(page.first_meta(["og:url"]), url)
    address = url if is_web_url(url) else page.canonical
    logos = {h for h in h1s if _is_logo(h, address) and not any(title and agrees(texts[h], title) for title in story_titles)}
    page.headings = [texts[h] for h in h1s if texts[h] and h not in logos]
    page.logo_names = [texts[h] for h in h1s if texts[h] and h in logos]
    page.taglines = [norm_text(el.text_content()) for el in tree.xpath(TAGLINE_XPATH)]
    # not a secondary headline marked as one: '<h2 itemprop="alternativeHeadline">' above the story's h1
    page.post_titles = [t for h in tree.xpath("//body//*[self::h2 or self::h3][not(@itemprop='alternativeHeadline')]")[:POST_TITLES]
                        if (t := heading_text(h))]
    page.marked_headline = next((texts[h] for h in h1s if len(texts[h].split()) > 1 and h not in logos and (
        h.get("itemprop") == "headline" or HEADLINE_MARKER.search(element_names(h)))), None)
    page.permalink_title = _permalink_title(tree, [page.canonical, url])
    # the page's own article first, before any related article a page also describes
    page.json_ld.sort(key=lambda obj: not _describes(obj, [page.canonical, url]))
    # not the post itself, whose class can name its author ('entry entry-author-wes_calloway')
    marked, in_teasers = [], []
    for el in tree.xpath(BYLINE_XPATH):
        if not in_comments(el) and not holds_the_story(el, story_words):
            (in_teasers if _in_teaser(el) else marked).append(el)
    page.teaser_bylines = [clean_space(el.text_content()) for el in in_teasers] + _teaser_credit_lines(tree, {*marked, *in_teasers})
    marked_set = set(marked)
    # bare links to a writer's page; those in one line ('By <a>A</a> and <a>B</a>') are one byline
    writer_links = [link for link in tree.xpath(AUTHOR_LINK_XPATH) if AUTHOR_PAGE.search(link.get("href") or "")
                    and not in_comments(link) and not _in_navigation(link) and not _in_teaser(link)]
    link_lines: dict[Any, list] = {}
    for link in writer_links:
        if link not in marked_set:
            link_lines.setdefault(_line_of(link), []).append(link)
    page.linked_writers = [_link_text(link) for link in writer_links if not _credited_for_other_work(link)]
    found = []
    lines: dict[Any, list[str]] = {}  # 'By <span itemprop="author">A</span> and <span itemprop="author">B</span>': one byline
    for el in marked:
        line = _line_of(el) if el.tag in INLINE_TAGS else None
        if line is not None and line in lines:
            if not marked_set.intersection(el.iterancestors()):
                lines[line].extend(_byline_texts(el))
            continue
        found.append((el, _byline_texts(el), True))
        if line is not None:
            lines[line] = found[-1][1]
    found += [(links[0], [text for link in links for text in _byline_texts(link)], False) for links in link_lines.values()]
    # a teaser's byline above the story comes after the story's; bare links to writers' pages last
    found.sort(key=lambda item: (not _in_article(item[0]), not item[2]))
    page.bylines = [texts for _, texts, _ in found if texts]
    description = page.first_meta(["og:description", "description", "twitter:description"])
    if description and len(description) > 60:
        wanted = norm_text(description)
        page.standfirst_candidates = [
            clean_space(el.text) for el in tree.xpath("//body//*[self::p or self::div or self::h2]"
                                                      "[not(parent::*[.//input[@type='email']])]")  # not a sign-up box's pitch
            if norm_text(el.text) == wanted]
    page.source_notes = [text for el in tree.xpath("//body//*[self::p or self::div or self::span or self::em]")
                         if len((text := clean_space(el.text_content())).split()) <= 30
                         and SOURCE_NOTE.match(text) and not in_comments(el)]
    page.slashed_dates = _slashed_dates(tree)
    return page


def _slashed_dates(tree) -> list[str]:
    """The page's dates written in numbers and slashes, each with the words before it (a weekday)."""
    texts = [text for text in tree.xpath("//body//text()[contains(., '/')]") if text.getparent().tag not in ("script", "style")]
    return [text[max(0, match.start() - WEEKDAY_ROOM):match.end()] for text in texts for match in SLASHED_DATE.finditer(text)]


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
                stack[:0] = as_list(item["@graph"])
            if "@type" in item:
                found.append(item)
            main = item.get("mainEntity")
            if isinstance(main, dict) and "@type" in main:
                found.append(main)
            reviews = [review for review in as_list(item.get("review")) if isinstance(review, dict)]
            if len(reviews) == 1 and "@type" in reviews[0]:  # a page of one review, set inside what it reviews
                found.append(reviews[0])
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
    """What names the authors in a byline element: its author links when it has them, else its text
    ('By Carl Mendenhall - <a href="mailto:...">email</a>' has no author link)."""
    if element.tag == "meta":
        return []
    linked = [a for a in element.xpath(".//a[not(starts-with(@href, 'mailto:'))]") if clean_space(a.text_content())
              and not _credited_for_other_work(a) and not COMMENTS_LINK.search(a.get("href") or "")
              and not TAXONOMY_LINK.search(a.get("href") or "") and a.get("rel") != "tag"
              and not BUTTON_LINK.match(a.text_content())]
    if element.tag == "a":
        linked = [element]
    # a writer's card names the writer in its heading, over the job line: '<h3>Jane Doe</h3><h4>Head of ...</h4>'
    return [_link_text(a) for a in linked] or [_card_heading(element) or _first_text(element)]


def _card_heading(card) -> str:
    """The words of a card's first heading, '' when it has none."""
    heading = card.xpath(f".//*[{CARD_HEADING_TAGS}][normalize-space()][1]")
    return clean_space(heading[0].text_content()) if heading else ""


def _link_text(link) -> str:
    """A link's words; of a writer's card linked whole, its first block: 'Jane Doe' out of
    '<a><h3>Jane Doe</h3><h4>VP Engineering at ...</h4></a>'."""
    block = f"{CARD_HEADING_TAGS} or self::p or self::div"
    blocks = [text for element in link.xpath(f".//*[{block}][not(descendant::*[{block}])]")
              if (text := clean_space(element.text_content()))]
    words = blocks[0] if blocks else clean_space(link.text_content())
    if words:
        return words
    # an avatar's link: the name is the heading of the writer's card it opens
    return _card_heading(link.getparent()) if link.getparent() is not None else ""


def _credited_for_other_work(link) -> bool:
    """A name linked after 'Edited by:' or 'Photos by' in a byline is no author of the story."""
    before = link.xpath("preceding::text()[normalize-space()][1]")  # '<span>Fact checked by</span> <a>'
    label = re.search(r"(\S+)\s+by\s*:?\s*$", str(before[0]), re.I) if before else None
    return bool(label and NOT_BYLINE_CREDIT.match(label.group(1)))


def _first_text(element) -> str:
    """The element's text, about a line's worth: 'Jane Doe' out of 'Jane Doe<p>bio...'; a line
    break is a separator ('Jane Doe<br>Courier staff' -> 'Jane Doe | Courier staff')."""
    parts = []
    for piece in _texts_and_breaks(element):
        if piece.strip():
            parts.append(piece.strip())
        if len(" ".join(parts)) > 80:
            break
    return " ".join(parts)


def _texts_and_breaks(element) -> Iterator[str]:
    """An element's text pieces in order, with '|' where a ``<br>`` or a block breaks the line
    ('<h3>Jane Doe</h3><h4>Head of Data at X</h4>') or a role follows the name ('<span
    class="name">Jane Doe</span> <span class="role">Reporter</span>')."""
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str):
            if child.tag in LINE_TAGS or BYLINE_ROLE_MARKER.search(child.get("class") or ""):
                yield "|"
            if child.tag != "br":
                yield from _texts_and_breaks(child)
        yield child.tail or ""


def _permalink_title(tree, addresses: list[str | None]) -> str | None:
    """The heading whose one link is the page's own address: blog themes and review sites title
    a post that way, while the headings of other stories link elsewhere."""
    own = {_address_key(a) for a in addresses if is_web_url(a)}
    if not own:
        return None
    base = next(a for a in addresses if is_web_url(a))
    for heading in tree.xpath("//body//*[self::h1 or self::h2 or self::h3][.//a[@href]]")[:POST_TITLES]:
        hrefs = heading.xpath(".//a/@href")
        link = _absolute(hrefs[0], base) if len(hrefs) == 1 else None
        if link and _address_key(link) in own and not in_comments(heading) and (text := heading_text(heading)):
            return text
    return None


def _address_key(url: str) -> str:
    """One form for the links to one page: scheme, 'www.', fragment and trailing slash aside."""
    address = canonical_url(url).split("://", 1)[-1]
    return address.removeprefix("www.").rstrip("/")


def heading_text(element, with_kicker: bool = False) -> str:
    """A heading's words, with a line break between two of its pieces read as a space, without
    a kicker set in it ('<span class="topline">Windkraft an Land</span> Regierung will ...') nor
    words for screen readers only; a piece's spaces at its edges keep words apart
    ('<span>Exclusive: </span>Council ...')."""
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            classes = child.get("class") or ""
            if not SCREEN_READER_ONLY.search(classes) and (with_kicker or not KICKER_MARKER.search(classes)):
                raw = child.text_content()
                pieces.append(" " if child.tag == "br" else (" " if raw[:1].isspace() else "")
                              + heading_text(child, with_kicker) + (" " if raw[-1:].isspace() else ""))
        pieces.append(child.tail or "")
    return clean_space("".join(pieces))


def _headline_as_titled(h1, title_tag: str | None) -> str:
    """The h1's text without its kicker, unless the kicker is printed as the headline's first part,
    with a colon, and the page's <title> opens with both ('<span class="topline">Wolf in der Heide:</span>
    Land erlaubt ...'); a kicker set apart ('Schienennetz') is a label, and so is a first span the
    <title> leaves out."""
    text, whole = heading_text(h1), heading_text(h1, with_kicker=True)
    kicker = whole.removesuffix(text).strip() if whole.endswith(text) else ""
    if kicker.endswith(":") and title_tag and squash(title_tag).startswith(squash(whole)):
        return whole
    # a kicker with no telling class, in a span of its own, which the <title> leaves out
    # ('<h1><span class="dh1">E-Paper-Notizblock</span> <span class="dh2">E-Ink-Tablet im Test: ...</span></h1>')
    pieces = [child for child in h1 if isinstance(child.tag, str)]
    first = heading_text(pieces[0]) if len(pieces) >= 2 and pieces[0].tag == "span" and not (h1.text or "").strip() else ""
    rest = text.removeprefix(first).strip() if first and text.startswith(first) else ""
    if rest and title_tag and squash(title_tag).startswith(squash(rest)) and not squash(title_tag).startswith(squash(text)):
        return rest
    return text


def _is_logo(h1, url: str | None) -> bool:
    """An h1 that looks like the site's name: marked as a logo or site title, or a link to the
    home page (the caller keeps one that is the story's declared title: 'article-masthead__title').
    A blog's home page can be a folder above the post: '/blog/' of '/blog/2014/06/post/'."""
    if LOGO_MARKER.search(element_names(h1)):
        return True
    links = h1.xpath("self::a | .//a")
    if len(links) != 1 or heading_text(links[0]) != heading_text(h1):
        return False
    path = urlsplit(urljoin(url or "", links[0].get("href") or "")).path
    page_path = urlsplit(url or "").path
    return path in ("", "/") or (re.fullmatch(r"/[^/]+/", path) is not None and page_path.startswith(path)
                                 and len(page_path.rstrip("/")) > len(path))


def _in_navigation(element) -> bool:
    return any(node.tag == "nav" or node.get("role") == "navigation"
               or NAVIGATION_MARKER.search(element_names(node))
               for node in element.iterancestors())


def _in_teaser(element) -> bool:
    """Inside another story's teaser: an <article> card or a list item whose heading links to it, with a
    line of text ('<article class="regio"><h3><a href=...>Headline</a></h3><p>...</p><span class="author">Von ...'),
    or a small block beside a headline's link ('<div class="card"><a href=...>Nieuwe windparken op zee
    vertraagd</a><span class="card__byline">Door Pieter Janssen</span></div>'), whose credit opens
    'By' or is set in brackets ('(E. Şahin)') or whose card is named as a teaser ('<div class="teaser
    teaser-card">'); a credit named as a teaser's ('ll-teaser__byline') is one wherever it sits."""
    card = next(element.iterancestors("article", "li"), None)
    if card is not None and headline_links(card) and paragraph_word_count(card) < TEASER_CARD_WORDS:
        return True
    if TEASER_CARD_NAME.search(element.get("class") or ""):
        return True  # named as a teaser's byline: 'll-teaser__byline'
    named_card = any(TEASER_CARD_NAME.search(element_names(node)) for node in itertools.islice(element.iterancestors(), TEASER_CARD_DEPTH))
    if not (TEASER_CREDIT.match(clean_space(element.text_content())) or named_card):
        return False
    card = element.getparent()
    for _ in range(TEASER_CARD_DEPTH):
        if card is None or len(clean_space(card.text_content())) > TEASER_CARD_CHARS or card.xpath(".//h1"):
            return False
        # one headline's link: words, not a permalink's date ('Posted on <a>Monday, March 3, 2015 at 10:12 am</a>
        # by ...'), though a headline can hold a number ('Quake of magnitude 3.8 felt in the Marche'); a list of
        # them is an archive or a menu beside the writer's own card
        headlines = [link for link in card.xpath(".//a[@href]") if element not in link.iter()
                     and _is_headline(clean_space(link.text_content()).split())]
        if headlines:
            return len({link.get("href") for link in headlines}) == 1
        card = card.getparent()
    return False


def headline_links(container, heading_tags: str = CARD_HEADING_TAGS) -> list:
    """The links of the headlines a container holds, in the heading or around it: '<h3><a href=...>'
    or '<a href=...><h3>'."""
    return container.xpath(f".//*[{heading_tags}]//a[@href] | .//a[@href][.//*[{heading_tags}]]")


def _is_headline(words: list[str]) -> bool:
    """Words of a headline, not of a date: a few words, fewer of them numbers."""
    with_digits = sum(any(char.isdigit() for char in word) for word in words)
    return len(words) - with_digits >= TEASER_HEADLINE_WORDS and len(words) - with_digits > 2 * with_digits


def _teaser_credit_lines(tree, judged: set) -> list[str]:
    """'By NAME' lines printed in other stories' teasers, whatever their markup, but for the byline
    elements already judged."""
    return [clean_space(element.text_content()) for element in tree.xpath(TEASER_CREDIT_XPATH)
            if element not in judged and _in_teaser(element)]


def _line_of(element):
    """The block (paragraph, list item, div...) an inline element is printed in."""
    return next((node for node in element.iterancestors() if node.tag not in INLINE_TAGS), element)


def _in_article(element) -> bool:
    return any(node.tag in ("article", "main") or node.get("itemprop") == "articleBody"
               for node in element.iterancestors())


def _mark_comment_sections(tree, story_words: int) -> None:
    """Mark the page's comment sections (``data-newsbeam-comments``) once, for ``in_comments``.

    A block named as comments ('comments', 'respond', 'disqus', 'trackbacks') is one unless it
    holds the story, and so is what follows a heading named so in its block (Movable Type's
    '<h2 id="comments">' and the comments after it, unwrapped): themes also put such words on
    the body ('comments-open') and on the story's wrapper ('entry-content comments-below'). A list
    whose items are headed 'NAME says:' in WordPress's markup is one whatever its names
    ('Listener reviews').
    """
    for label in tree.xpath("//body//*[@class='says']"):
        listing = next(label.iterancestors("ol", "ul"), None)
        if listing is not None and not listing.get(COMMENTS_MARK) and not holds_the_story(listing, story_words):
            listing.set(COMMENTS_MARK, "1")
    for element in tree.xpath("//body//*[@class or @id]"):
        if (COMMENT_ANCESTOR.search(element_names(element))
                and not holds_the_story(element, story_words)):
            element.set(COMMENTS_MARK, "1")
            if element.tag in ("h2", "h3", "h4"):  # a heading over comments set loose after it ('<h2 id="comments">')
                for sibling in element.itersiblings():
                    if isinstance(sibling.tag, str) and not holds_the_story(sibling, story_words):
                        sibling.set(COMMENTS_MARK, "1")


def drop_comment_sections(tree) -> None:
    """Remove the sections ``_mark_comment_sections`` marked: readers' words are not the story's."""
    for element in tree.xpath(f"//body//*[@{COMMENTS_MARK}]"):
        remove_element(element)


def remove_element(element) -> None:
    """Remove an element but not the text that follows it (its tail): in '<div>caption</div>Story
    text<br>' the story's first paragraph is the caption's tail."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def element_names(element) -> str:
    """An element's class and id as one string, for the patterns that know furniture by its names."""
    return f"{element.get('class', '')} {element.get('id', '')}"


def in_comments(element) -> bool:
    return any(node.get(COMMENTS_MARK) for node in element.iterancestors())


def shared_words(heading: str, title: str) -> float:
    """Share of the heading's longer words that the title also uses."""
    heading_words = long_words(heading)
    return len(heading_words & long_words(title)) / len(heading_words) if heading_words else 0.0


def long_words(text: str) -> set[str]:
    return {word for word in norm_text(text).split() if len(word) > 3}


def _declared_site_names(page: PageMetadata) -> list[str | None]:
    """The outlet's name as the page states it: og:site_name, the JSON-LD publisher or WebSite."""
    names = [page.first_meta(SITE_META)]
    for obj in page.json_ld:
        for item in as_list(obj.get("publisher")):
            names.append(text_value(item.get("name")) if isinstance(item, dict) else text_value(item))
    for obj in page.json_ld_other:
        kinds = {t.lower() for t in as_list(obj.get("@type")) if isinstance(t, str)}
        if kinds & {"website", "organization", "newsmediaorganization"}:
            names.append(text_value(obj.get("name")))
    return [name for name in names if not name or name.strip().lower() not in PLATFORMS]


def outlet_name(page: PageMetadata) -> str | None:
    """The first declared site name that is a name: some sites put their URL in ``og:site_name``."""
    return next((name.strip() for name in _declared_site_names(page)
                 if name and name.strip() and not re.match(r"\s*(?:https?:|www\.)", name)), None)


def site_name_forms(page: PageMetadata, url: str | None) -> list[str]:
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
        if name and name.strip() and norm_text(name) not in seen:
            seen.add(norm_text(name))
            result.append(name.strip())
    return result


def story_headline(page: PageMetadata, tree, site_names: Iterable[str]) -> Any | None:
    """The element of the story's headline: an h1 that is no site name and, when the page declares a
    title, shares words with it (after a logo's h1 comes the site header, whose date is the day
    of the visit); else an h1 of a few words (the declared titles can be worded for search and
    social). Without such an h1, an h2 or h3 that is the declared title, else bold or large type
    that is, else an element whose class says it is a headline ('storyhead'), else such an
    element or words in large type that read as a headline and are no site name.
    """
    outlets = {squash(name) for name in site_names}
    declared = [text_value(obj.get("headline")) for obj in page.json_ld[:1]]
    declared += [page.first_meta(["og:title", "twitter:title"]), page.title_tag]
    declared = [title for title in declared if title and long_words(title)]

    def is_headline(h1) -> bool:
        text = heading_text(h1)
        return bool(text) and squash(text) not in outlets and (
            not declared or any(shared_words(text, title) >= HEADLINE_SHARED_WORDS for title in declared))

    def is_post_title(heading) -> bool:  # themes that set the site name in the h1 give the story an h2
        return any(agrees(heading_text(heading), title) for title in declared)

    h1s = sorted(tree.xpath(H1_XPATH), key=lambda h: not _in_article(h))
    headline = next(filter(is_headline, h1s), None)
    if headline is None:  # the h1 readers see, when the declared titles are worded for search and social
        headline = next((h for h in h1s if len(long_words(heading_text(h))) >= 3
                         and squash(heading_text(h)) not in outlets), None)
    if headline is None:
        headline = next(filter(is_post_title, tree.xpath("//body//*[self::h2 or self::h3]")), None)
    if headline is None:  # pages set in tables print the headline in bold type: <font size="5"><b>...</b></font>
        headline = next(filter(is_post_title, tree.xpath(TYPESET_HEADLINE_XPATH)), None)
    marked: list = []
    if headline is None:  # ... or in an element its class names: <div class="storyhead">
        marked = [element for element in tree.xpath("//body//*[@class]") if HEADLINE_MARKER.search(element.get("class"))]
        headline = next(filter(is_post_title, marked), None)
    if headline is None:  # ... when the <title> names only the site and a section ('Local News'): such an
        # element, or large type, that reads as a headline
        headline = next((element for element in itertools.chain(marked, tree.xpath(LARGE_TYPE_XPATH))
                         if reads_as_headline(heading_text(element), site_names)
                         and squash(heading_text(element)) not in outlets), None)
    return headline


def reads_as_headline(heading: str | None, site_names: Iterable[str]) -> str | None:
    """The heading, when it reads as a headline: a few words, and no form of the site's name
    ('St Michael and All Angels, Bramford' on 'St Michael's Bramford - ...')."""
    if not heading or len(long_words(heading)) < 3:
        return None
    return None if any(shared_words(heading, name) >= HEADLINE_SHARED_WORDS for name in site_names) else heading


def elements_above_headline(page: PageMetadata, tree, site_names: Iterable[str]) -> list[Any]:
    """The elements above the headline inside the story's own container (<article>, <main>, or,
    with little above the headline, a table-era page's cell, a block named as the article,
    'rb-article', or the headline's own block): a 'Stand: 22.02.2022' line set over the headline,
    not the site header's date of the visit."""
    headline = story_headline(page, tree, site_names)
    ancestors = list(headline.iterancestors()) if headline is not None else []
    marked = [node for node in ancestors if node.tag in ("article", "main")]
    small = [next((node for node in ancestors if node.tag == "td" or node.get(LAYOUT_CELL_MARK)), None),
             next((node for node in ancestors if node.tag in ("div", "section")
                   and ARTICLE_CONTAINER_MARKER.search(node.get("class") or "")), None),
             ancestors[0] if ancestors else None]  # unnamed blocks (a flattened archive copy): the headline's own
    for container in marked + [node for node in small if node is not None]:
        above = []
        for element in container.iter():
            if element is headline:
                break
            if isinstance(element.tag, str) and element not in ancestors:
                above.append(element)
        if container in marked or sum(len((el.text or "").split()) + len((el.tail or "").split())
                                      for el in above) <= ABOVE_HEADLINE_CELL_WORDS:
            return above
    return []


def elements_after_headline(page: PageMetadata, tree, site_names: Iterable[str]) -> Iterator[Any]:
    """The elements between the headline (``story_headline``) and the text, where bylines and their
    dates are printed.

    The text starts at the first element with a paragraph's worth of words of its own, or
    after a few short paragraphs; comment sections and figures are skipped, and a standfirst
    marked as one does not start it.
    """
    headline = story_headline(page, tree, site_names)
    if headline is None:
        return
    paragraph_words = 0
    standfirsts: set = set()
    for element in headline.xpath(f"following::*[position() <= {SHOWN_DATE_SCAN}]"):
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript", "template"):
            continue
        own_words = len(" ".join([element.text or ""] + [child.tail or "" for child in element]).split())
        if element.tag == "p":
            paragraph_words += own_words
        if STANDFIRST_MARKER.search(element_names(element)):
            standfirsts.add(element)
        if standfirsts and (element in standfirsts or standfirsts.intersection(element.iterancestors())):
            continue  # a standfirst above the byline: 'feature__dek', 'article-summary'
        if own_words >= TEXT_STARTED_WORDS or paragraph_words >= TEXT_STARTED_WORDS * 2:
            return  # the text has started: one long paragraph, or a few short ones
        if not in_comments(element) and not element.xpath("ancestor-or-self::figure"):  # a caption's date is the photo's
            yield element


def spaced_text(element) -> str:
    """An element's text with its pieces apart: '<span>16:12</span><span>Updated</span>' is two words."""
    return clean_space(" ".join(element.itertext()))


def spaced_lines(element) -> list[str]:
    """An element's lines, its pieces apart: '<b>By Jane Doe</b><br><i>Staff Writer</i>' is two lines,
    and so are blocks the page's source sets on lines of their own ('<p>Von Jane Doe</p>\n<p>Veröffentlicht ...')."""
    pieces = [node if isinstance(node, str) else "\n" for node in element.xpath(".//text() | .//br")]
    return [line for line in map(clean_space, " ".join(pieces).split("\n")) if line]


def holds_the_story(element, story_words: int) -> bool:
    return (element.tag in STORY_CONTAINERS or bool(element.xpath(".//h1"))
            or (story_words > 0 and paragraph_word_count(element) >= story_words / 2))


def paragraph_word_count(element) -> int:
    """Words in the paragraphs below an element (of the whole page's body for a tree)."""
    return sum(len(paragraph.text_content().split()) for paragraph in element.xpath(".//p"))


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_value(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return clean_space(html_lib.unescape(value))
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    link = link.strip()
    if is_web_url(base):
        try:
            link = urljoin(base, link)
        except ValueError:  # 'http://[::1:bad/': no address
            return None
    return link if is_web_url(link) else None


def clean_space(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def norm_text(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text or "").lower())


def agrees(heading: str, title: str) -> bool:
    """The h1 and the meta title name the same story: equal, or one is the other cut short or
    with a site name before or after it, or the title is the headline's part before its colon
    ('Iron deficiency' for 'Iron deficiency: signs, causes and when to get tested')."""
    a, b = norm_text(heading), norm_text(title)
    if not a or not b or len(a) < 8:
        return False
    shorter, longer = sorted((a, b), key=len)
    return ((longer.startswith(shorter) or longer.endswith(shorter)) and len(shorter) >= 0.4 * len(longer)
            or re.match(rf"{re.escape(title.strip())}\s*:\s*\S", heading.strip(), re.I) is not None)
