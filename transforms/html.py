"""Saved web pages: main text and metadata through trafilatura (dates through htmldate)."""
from __future__ import annotations

import trafilatura

from transforms.records import RawArticle


class NoArticleText(ValueError):
    pass


def extract_html_article(html: str | bytes, url: str | None = None) -> RawArticle:
    """Main text, title, authors, date and canonical URL of one page."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=False)
    if doc is None or not (doc.text or "").strip():
        raise NoArticleText("no article text found in the page (is it an article, or a navigation/index page?)")
    return RawArticle(url=doc.url or url, title=doc.title, text=doc.text, authors=doc.author,
                      published=doc.date, source=doc.sitename or doc.hostname, language=doc.language)
