"""A page's headline as readers see it, without the site's name.

trafilatura's title keeps site-name suffixes ('... | The Japan Times') and can be a
reworded social title; the h1 that is the declared title, or the declared title with the
site's name cut off, is the headline.
"""
from __future__ import annotations

import html as html_lib
import re
from typing import Callable

from transforms.page_metadata import (PageMetadata, agrees, clean_space, long_words, norm_text, reads_as_headline, squash,
                                      text_value)

TITLE_SEPARATORS = re.compile(r"\s+(?:\||–|—|-|::|·|•|»|«|/|:)\s+")


def choose_title(page: PageMetadata, site_names: list[str], fallback: str | None,
                 heading_above_text: Callable[[], str | None] = lambda: None) -> str | None:
    """The headline readers see, without the site name.

    Pages give search engines and social media titles of their own (SEO plugins fill the
    JSON-LD headline from the ``<title>``), so the headline shown on the page wins: the
    heading that is the JSON-LD or meta title, give or take a site name or a cut; else an h1
    marked as the story's headline ('storyTitle', itemprop="headline"); else the page's h1
    when it reads as a headline (a few words, no form of the site's name); else the heading
    that links to the page itself, or the one above the text. When the ``<title>`` is only
    the site's name, the first heading that reads as a headline. Failing all these, the
    JSON-LD headline, else the meta title with the site name cut off. ``heading_above_text``
    finds that heading only when it is needed: it reads the whole page.
    """
    meta_title = page.first_meta(["parsely-title", "og:title", "twitter:title", "dc.title"]) or page.title_tag
    cleaned = strip_site_name(meta_title, site_names) if meta_title else None
    # the site's name as the titles print it too: what cleaning cut off ('St Michael's Bramford - ...')
    known_names = site_names + [part for part in TITLE_SEPARATORS.split(meta_title or "")
                                if cleaned and norm_text(part) not in norm_text(cleaned)]
    outlets = {squash(name) for name in site_names}
    headings = [h for h in page.headings if squash(h) not in outlets]  # a logo in an h1 is no headline
    shown = reads_as_headline(headings[0] if headings else None, known_names)
    for obj in page.json_ld:
        headline = text_value(obj.get("headline")) or text_value(obj.get("name"))
        if headline:
            headline = strip_site_name(headline, site_names)
            return (next((h for h in headings if agrees(h, headline)), None) or page.marked_headline or shown
                    or _uncut(headline, headings + [cleaned]))
    if not cleaned:
        return strip_site_name(fallback, site_names) if fallback else (headings[0] if headings else None)
    # themes that put the site's name or a section ('News') in the h1 title posts in an h2; beside
    # an h1, only an h2 that reads as a headline, and an h1 that is one of the titles before an h2
    # that is another ('Shop name' under a review's h1)
    second = [title for title in page.post_titles if not headings or len(long_words(title)) >= 3]
    titles = [title for title in (cleaned, meta_title, strip_site_name(page.title_tag, site_names) if page.title_tag else None)
              if title]
    for candidates in (headings, second):
        for title in titles:
            agreeing = [heading for heading in candidates if agrees(heading, title)]
            if agreeing:  # the heading that is the title, before one it starts with (a series banner)
                return next((heading for heading in agreeing if norm_text(heading) == norm_text(title)), agreeing[0])
    if re.sub(r"^the", "", squash(cleaned)) in {re.sub(r"^the", "", name) for name in outlets}:
        return next(filter(None, (reads_as_headline(h, known_names) for h in headings + page.post_titles)), cleaned)
    return (page.marked_headline or shown or page.permalink_title
            or reads_as_headline(heading_above_text(), known_names) or cleaned)


def _uncut(headline: str, fuller: list[str | None]) -> str:
    """A headline cut short ('Council approves…') is replaced by the full one it starts."""
    if not re.search(r"(?:\.\.\.|…)$", headline):
        return headline
    stem = norm_text(headline)
    for title in fuller:
        if title and norm_text(title).startswith(stem) and len(title) > len(headline) - 3:
            return title
    return headline


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop a leading or trailing site name: 'Story | The Japan Times' -> 'Story'."""
    title = clean_space(html_lib.unescape(title))
    known = {norm_text(name) for name in site_names if name}
    known |= {squash(name) for name in site_names if name}
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
        squashed = re.sub(r"^the", "", squash(part))  # 'The Fenland Gazette' on fenlandgazette.co.uk
        return norm_text(part) in known or squash(part) in known or any(
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
