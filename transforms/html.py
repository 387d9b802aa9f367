"""Saved web pages: main text through trafilatura, metadata from what the page itself declares.

trafilatura finds the main text well, but its metadata picks up site-name suffixes in
titles, comment authors and 'Follow' buttons as bylines, and the odd wrong date: the
title, authors and date come from what the page declares (``page_metadata``), chosen in
``page_title``, ``page_authors`` and ``page_dates``, with trafilatura's own value as the
last fallback. On ``benchmarks/eval_html.py`` these choices were each right at least as
often as trafilatura's own metadata; ``tests/fixtures/html/templates`` holds pages shaped
like what common publishing systems emit, with what each must give.

For the text, trafilatura's is kept, with corrections: advertiser disclosures, sign-up
boxes, paywall notices, lists of other stories, image credits, rights notices and
'Related:' links out; the standfirst and a republication note set above the article back
in; and on gallery pages (a story told in picture captions) the caption paragraphs
trafilatura drops with the figures back in.
"""
from __future__ import annotations

import re

import trafilatura

from transforms.language import detect_language
from transforms.page_authors import (CREDIT_LINE, SHOWN_BYLINE_WORDS, byline_names, choose_authors, printed_byline,
                                    reviewer_in_title, without_writer_notes)
from transforms.page_dates import DATE_EXPRESSION, choose_published
from transforms.page_metadata import (LAYOUT_CELL_MARK, STORY_CONTAINERS, PageMetadata, as_list, clean_space, drop_comment_sections,
                                      element_names, heading_text, headline_links, holds_the_story, norm_text, outlet_name,
                                      paragraph_word_count, read_page_metadata, remove_element, site_name_forms)
from transforms.page_title import choose_title
from transforms.records import RawArticle
from transforms.urls import is_web_url

# class or id words of blocks that sit inside or beside articles but are not their text: advertiser
# disclosures and disclaimers, newsletter and e-mail sign-up boxes, paywall notices, contact boxes,
# feedback widgets, sidebars, calls to action and appeals for support, affiliate boxes, the
# author's bio after the text, Blogger's and WordPress's image captions, embedded social posts, polls,
# app promotions, video players with their titles, timelines and fact boxes
BOILERPLATE_BLOCK_WORDS = ("disclosure", "disclaimer", "newsletter", "email-capture", "signup", "sign-up", "paywall",
                           "feedback", "sidebar", "-cta", "cta-", "_cta",
                           "authorbio", "author-bio", "author_bio", "about-the-author", "promo", "donate", "donation",
                           "support-us", "support-box", "membership", "contact", "affiliate", "tr-caption", "wp-caption-text",
                           "twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "poll", "umfrage", "app-box",
                           "app-promo", "video-player", "video-block", "pin-box", "pin-it", "pinterest-box",
                           "-audio", "sidebox", "side-box", "mitglied", "abo-box", "abobox", "-subscribe", "subscribe-",
                           "pullquote", "pull-quote", "boletin", "infolettre", "nieuwsbrief", "product-box", "product-card",
                           "-offer", "series-box", "serie-box", "series-nav", "cardwidget", "card-widget", "timeline-box",
                           "factbox", "fact-box",
                           # the links to the posts before and after, with their titles
                           "pagination", "post-navigation", "prev-next", "nav-previous", "nav-next")
PARAGRAPH_RUN = 3  # paragraphs of one class in a row are text, whatever the class says
# ... and a list of the works a story cites, set after it, and a writer's bio ('mntl-attribution__bio'): class
# words, not parts of words ('resources', 'biodiversity')
BOILERPLATE_BLOCK_NAME = re.compile("|".join(re.escape(word) for word in BOILERPLATE_BLOCK_WORDS)
                                    + r"|(?:^|[\s_-])(?:references|sources|bibliography|works-cited|bio)(?:$|[\s_-])", re.I)
# the heading of a box set inside the text that is no part of it: the experts a health or beauty story
# quotes ('Meet the Expert'), a business's reply under a review ('Response from Jane Doe, Manager at ...'),
# an opinion page's call for letters ('Write to us'), a health site's 'How we reviewed this article',
# an appeal for money ('A message from the editor'), a company blog's 'We're hiring', the summary
# boxes set over a story ('Key takeaways', 'At a glance'), an ad set in the text under its label ('Anzeige')
SET_IN_BOX_HEADING = re.compile(r"^\W*(?:meet|about)\s+(?:the|our)\s+experts?\W*$"
                                r"|^\W*(?:response|reply)\s+from\s+(?:the\s+)?\w|^\W*(?:management|owner)['’]?s?\s+(?:response|reply)\b"
                                r"|^[^.!?]{1,60}\s(?:responded|replied)(?:\s+on\b|\W*$)"  # 'Northmoor Bank responded on 16 February 2021'
                                r"|^\W*(?:write\s+to\s+us|send\s+us\s+(?:a\s+)?letters?|submit\s+a\s+letter|have\s+your\s+say)\W*$"
                                r"|^\W*how\s+we\s+(?:reviewed|wrote|tested|researched|sourced)\s+this\b"
                                r"|^\W*a\s+(?:message|note)\s+from\s+(?:the|our)\s+editors?\W*$"
                                r"|^\W*we['’]re\s+hiring\W*$"
                                r"|^\W*(?:key\s+takeaways?|at\s+a\s+glance|(?:quick|fast)\s+facts)\W*$"
                                r"|^\W*(?:anzeige|advertisement|sponsored|publicité|publicidad|pubblicità|newsletter)\W*$"
                                # an institution's opening hours: 'Plan your visit', 'Sprechzeiten', 'Mass times'
                                r"|^\W*(?:plan\s+your\s+visit|visitor\s+information|(?:opening|visiting|office|service|mass)\s+(?:hours|times)"
                                r"|öffnungszeiten|sprechzeiten|sprechstunden|horaires(?:\s+d['’]ouverture)?)\W*$"
                                # a job board's ads: 'Jobs in Sweden', 'Stellenangebote'
                                r"|^\W*(?:(?:latest\s+)?jobs(?:\s+in\s+[^\W\d_][\w ]{1,30})?|job\s+(?:listings|board)|stellenangebote|stellenmarkt)\W*$"
                                r"|^\W*shop\s+(?:the\s+)?(?:story|look|this\s+story|the\s+products?)\W*$"  # a shopping callout
                                r"|^\W*republish\s+(?:this|our)\s+(?:story|article|stories|articles)\W*$",  # a nonprofit's terms
                                re.I)
IMAGE_WRAPPERS = ("a", "div", "span", "p", "center")
CAPTION_TAGS = ("div", "span", "p", "i", "em", "small", "center")
LOOSE_CAPTION_WORDS = 20
CONTACT_LINES = 4  # the name, e-mail, phone and office under 'Media Contact'
SET_IN_BOX_PARAGRAPHS = 6  # of a box set in the text: an expert's credentials, a reply, a few takeaways
SIGNUP_BOX_CHARS = 400  # a sign-up box's pitch and small print around its e-mail field or button
SIGNUP_BUTTON = re.compile(r"^\W*(?:subscribe(?:\s+now)?|sign\s+(?:me\s+)?up|donate(?:\s+(?:now|today))?|become\s+a\s+(?:member|subscriber)"
                           r"|support\s+us(?:\s+(?:now|today))?|(?:jetzt\s+)?(?:abonnieren|unterstützen)|s['’]abonner"
                           r"|suscr[ií]bete|iscriviti|abonneer|apúntate"
                           # ... and the calls of charities' and employers' boxes
                           r"|join(?:\s+(?:now|today|us))?|volunteer(?:\s+with\s+us)?|get\s+involved"
                           r"|republish(?:\s+this\s+(?:story|article))?"  # a nonprofit newsroom's republishing terms
                           r"|(?:see|view)\s+(?:all\s+)?open\s+(?:roles|positions|jobs)|we['’]re\s+hiring)\W*$", re.I)
TEASER_RAIL_CARDS = 3  # headlines' links in a rail of teasers
RAIL_HEADING_TAGS = "self::h2 or self::h3 or self::h4"  # the headings of a rail's cards
TEASER_LINE_WORDS = 40  # a teaser's line of text; a story's paragraphs run longer
BOX_MAX_CHARS = 1500  # a box is smaller than this; a container of a whole story is not a box
OTHER_REVIEWS_HEADING = re.compile(r"^\W*(?:more|other)\s+(?:\w+\s+){0,3}reviews\b", re.I)
# class or id names of teaser boxes: recommendations, most-read lists, ad networks' link widgets
TEASER_BOX_NAME = re.compile(r"(?:^|[-_\s])(?:related|recommend(?:ed|ations?)?|more[-_]?(?:from|stories)|most[-_](?:read|popular|viewed)"
                             r"|read[-_]next|up[-_]next|trending|recirc(?:ulation)?|outbrain|taboola|weiterlesen|lesetipps?"
                             r"|(?:more|other)[-_]?reviews)(?:$|[-_\s])", re.I)  # a review site's other reviews
# headings of lists of other stories set after (or inside) an article
TEASER_HEADING = re.compile(
    r"^\W*(?:more\s+(?:from|on|in|like\s+this|(?:\w+\s+){0,3}(?:stories|articles|news|opinion|blogs?|posts|headlines|videos|reviews)"
    r"|to\s+read)|recommended(?:\s+for\s+you|\s+from)?"
    r"|related(?:\s+(?:stories|articles|content|coverage|links|posts|reading))?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)"
    r"|(?:read|watch|up)\s+next|keep\s+reading|also\s+(?:from|on|in)\b|most\s+(?:read|popular|viewed|shared)|top\s+stories"
    r"|trending(?:\s+now)?|editors?'?\s*picks|around\s+the\s+web|what\s+to\s+read\s+next|latest\s+(?:news|stories|posts|from)|latest(?=\W*$)"
    r"|latest\s+(?:\w+\s+){1,2}(?:news|stories|posts)|(?:older|newer|previous|recent|earlier)\s+(?:posts|entries|articles|stories|news)"
    r"|older|newer|other\s+(?:news|stories|articles|posts|reviews)|otras\s+noticias|últimas\s+noticias|más\s+noticias"
    r"|laatste\s+nieuws|meer\s+nieuws|dernières\s+(?:nouvelles|infos)|ultime\s+notizie|senaste\s+nytt|najnowsze"
    r"|weitere\s+(?:artikel|nachrichten|meldungen|beiträge|themen|ergebnisse)|mehr\s+zum\s+thema|weiterlesen|lesen\s+sie\s+auch"
    r"|auch\s+interessant|das\s+könnte\s+sie\s+auch\s+interessieren"
    r"|(?:[^:]{1,40}:\s+)?(?:full|complete|continuing|ongoing|more)\s+coverage"  # 'Election 2022: Full coverage'
    r"|(?:à\s+)?lire\s+aussi|autres\s+articles|leggi\s+anche|altre\s+notizie|outras\s+notícias|leia\s+também"
    r"|lees\s+ook|czytaj\s+(?:też|także)|últimas|dernières\s+actualités|(?:ti\s+)?potrebbe\s+interessarti?"
    # the rails of French and German front pages: 'À la une', 'Les plus lus', 'Top-Themen', 'Meistgelesen'
    r"|à\s+la\s+une|les\s+(?:articles\s+les\s+)?plus\s+(?:lus|partagés|commentés)|les\s+dernières\s+\w+|le\s+fil\s+info"
    r"|dans\s+la\s+même\s+rubrique|sur\s+le\s+même\s+sujet|dernière\s+minute|top-?themen|top-?artikel|meistgelesen\w*"
    r"|meistkommentiert\w*|neueste\s+(?:beiträge|artikel|nachrichten|meldungen)|mehr\s+aus\s+(?:der|dem)\s+\w+|vid[eé]os)\b",
    re.I)
# 'Copyright 2023 Example Corp. All rights reserved. This material may not be published...'
RIGHTS_LINE = re.compile(r"^\W*(?:copyright\s*(?:©\s*)?|©\s*|\(c\)\s*)(?:\d{4}\b|by\b)", re.I)
ALL_RIGHTS = re.compile(r"\b(?:all rights reserved|riproduzione riservata|tous droits réservés|todos los derechos reservados"
                        r"|alle rechte vorbehalten|alle rechten voorbehouden|todos os direitos reservados)\b", re.I)
# a newsletter's footer, run into one line when the e-mail is laid out in tables
EMAIL_FOOTER = re.compile(r"\b(?:unsubscribe|receiving this (?:e-?mail|newsletter)|update your preferences|our mailing address)\b", re.I)
# 'Related: Other story', 'READ MORE: Other story', 'Lesen Sie auch: ...': a link to another article set in the text
RELATED_LINE = re.compile(r"^\W*(?:related(?:\s+(?:stories|articles|coverage|content))?|(?:read|see|watch)(?:\s+(?:more|also|next))?"
                          r"|also\s+(?:read|see|on\s+\w+)|more\s+on\s+this(?:\s+story)?|(?-i:MORE)|lesen\s+sie\s+auch|siehe\s+auch"
                          r"|mehr\s+zum\s+thema|(?:à\s+)?lire\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet|lea\s+también"
                          r"|lee\s+también|leggi\s+anche|lees\s+ook|läs\s+(?:även|också)|czytaj\s+(?:też|także)|leia\s+também"
                          r"|(?:more|weitere)\s+(?:[^\W\d_]+\s+){0,2}(?:news|stories|nachrichten|artikel|meldungen)"
                          r"|you\s+(?:might|may)\s+also\s+(?:like|enjoy)"
                          # a gallery's title set in the text: 'Gallery: Scenes from ...', 'Bildergalerie: ...'
                          r"|(?:photo\s+|picture\s+)?gallery|slideshow|(?:bilder|foto)?galerie|galería|galleria)\s*[:|]",
                          re.I)  # 'READ | Other story', 'Weitere Boxen News: Other story'
# calls to follow the outlet elsewhere, set in the text: 'Join our Telegram channel ...', '(Catch all the latest news on ...)'
PROMO_LINE = re.compile(r"^\W*(?:(?:join|follow|like|subscribe(?:\s+(?:to|on|via))?|sign\s+up|download|get|listen\s+on)\b.{0,120}"
                        r"\b(?:telegram|whatsapp|channel|newsletter|google\s+news|our\s+app|podcast|youtube|itunes|apple\s+podcasts"
                        r"|spotify|stitcher|rss|atom|facebook|twitter|instagram|tiktok|patreon|(?:our|the)\s+app|notifications"
                        r"|e-?mail\s+(?:updates|alerts)|alerts|(?:your|the)\s+inbox|by\s+e-?mail)\b"
                        r"|catch\s+all\s+the\b|for\s+more\b.{0,80}\bsubscribe\b)", re.I)  # '... subscribe to our print edition'
# a credit card's offer box set in a points blog's text, and its note: 'Earn 60,000 bonus miles after you spend $3,000 in
# the first 3 months.', '*Bonus value is an estimated value calculated by ...'
CARD_OFFER = re.compile(r"^\W*(?:earn|get|receive|enjoy)\s+(?:up\s+to\s+)?[$£€]?\d[\d,.]*k?\s+(?:bonus\s+)?"
                        r"(?:points|miles|avios|cash\s*back)\b.{0,80}\b(?:after|when|once)\s+(?:you\s+spend|spending|qualifying\s+purchases)\b"
                        r"|^\W*(?:the\s+)?(?:bonus|points?|miles?)\s+value\s+is\s+an?\s+estimated?\b", re.I)
# a weather widget's line: 'Port Ellis: 58°F, fog', 'Berlin 12 °C'
WEATHER_LINE = re.compile(r"^[^\W\d][^\d:]{0,40}:?\s*-?\d{1,3}\s*°\s*[FC]?\b[^\d.!?]{0,30}$")
# a call to action set as a line of the text: a product's free trial, a shop's deal, a charity's
# registration, an association's or a paper's pitch for members and subscribers
CTA_LINE = re.compile(r"\b(?:start|try|get)\b.{0,60}\bfree\b.{0,30}\b(?:trial|for\s+\d+\s+days)\b"
                      # a public broadcaster's or a nonprofit's appeal: 'KTVR depends on listener support. Your gift ...'
                      r"|\b(?:depends|relies)\s+on\s+(?:listener|reader|member|viewer|audience)s?['’]?\s+support\b"
                      r"|^\W*save\s+up\s+to\s+\d+\s*%|\bis\s+a\s+registered\s+charity\b|^\W*registered\s+charity\b"
                      r"|^\W*join\s+(?:over|more\s+than)\s+[\d,.]+\s"  # 'Join over 1,300 retailers who ...'
                      # 'Assine o Jornal e receba ...', 'Abonnez-vous', 'Jetzt abonnieren'
                      r"|^\W*(?:assine|suscr[ií]bete|abonnez-vous|abonnieren\s+sie|jetzt\s+abonnieren|iscriviti|abonneer)\b", re.I)
# a figure's caption set as a line of the text: 'Fig. 1: Fringe position over 48 hours.', 'Abb. 2: ...'
FIGURE_CAPTION = re.compile(r"^\W*(?:fig(?:ure)?|abb(?:ildung)?|grafik|chart)\.?\s*\d+\s*[:.]\s", re.I)
# a fact box's line of labelled values: 'Skivbolag: Norrsken Records · Släpps: 24 januari 2020'
INFO_LINE = re.compile(r"^\W*[^\W\d][\w ]{0,25}:\s*[^:·•|]{1,60}(?:\s[·•|]\s[^\W\d][\w ]{0,25}:\s*[^:·•|]{1,60})+$")
# a note that says only that the page changed: 'Editor's note: This post has been updated with new information.'
UPDATE_NOTE = re.compile(r"^\W*(?:editor['’]s\s+note\s*:\s*)?this\s+(?:post|article|story|page)\s+(?:has\s+been|was)\s+"
                         r"updated\s+with\s+(?:new|the\s+latest|additional|more)\s+(?:information|details|offers)\W*$", re.I)
# a photo's caption ending in its credit, kept as a line: 'Work on Academy Street. Fot. Jan Kowal', '... — Foto: Leitor', '... Photo © X',
# '... (Herald photo by Jenna Hale)'
CAPTION_CREDIT = re.compile(r"(?:^|[.—–|]\s+|\s[-–—]\s)(?:[A-Z]\w*\s+)?(?:photo|foto|fot|bild|image|picture|zdjęcie|kuva|fotografía)s?"
                            r"\s*(?:\.|:|by\b|von\b|de\b|©)\s*\S[^.!?]{0,60}$"
                            r"|\((?:[^()]{0,30}\s)?(?:photo|foto|picture|image)s?\s*(?:by\b|:)[^()]{2,60}\)\W*$"
                            # a caption signed by its photographer in capitals, as Spanish papers print them: '... cuarto. XOÁN REY'
                            r"|[.!?]\s+(?-i:[A-ZÀ-Þ]{2,}(?:\s+[A-ZÀ-Þ]{2,}){1,2})$", re.I)
# a cookie notice that trafilatura takes for the text's first paragraph: 'We use cookies ...', 'Korzystamy z plików cookies ...'
COOKIE_NOTICE = re.compile(r"\b(?:we\s+use|this\s+(?:site|website)\s+uses|nous\s+utilisons|ce\s+site\s+utilise|wir\s+verwenden"
                           r"|diese\s+(?:website|seite)\s+verwendet|utilizamos|este\s+sitio\s+(?:web\s+)?utiliza|usiamo"
                           r"|questo\s+sito\s+utilizza|wij\s+gebruiken|deze\s+(?:website|site)\s+gebruikt|vi\s+använder"
                           r"|korzystamy\s+z|używamy)\b.{0,80}\bcook(?:ies?|ie-?bestanden)\b", re.I)
# what a print version or a saved copy adds: 'This story was printed from ...', 'Exported with Reader View on ...'
SAVED_COPY_NOTE = re.compile(r"^\W*(?:this\s+(?:story|article|page)\s+was\s+printed\s+from|printed\s+from\b|exported\s+with\b"
                             r"|saved\s+(?:with|from)\b|original\s+(?:article|url)\s*:)", re.I)
# an ad's placeholder and a wire story's closing credits, kept as lines: 'ADVERTISEMENT', '(Reporting by ...; Editing by ...)'
AD_OR_WIRE_LINE = re.compile(r"^\W*(?:advertisement|advertising|anzeige|publicité|publicidad|pubblicità"
                             r"|story\s+continues\s+below(?:\s+advertisement)?|article\s+content)\W*$"  # Postmedia's label by its ads
                             r"|^\W*\(?\s*(?:additional\s+)?(?:reporting|writing)\s+by\b.*(?:edit(?:ing|ed)\s+by|\))", re.I)
# the reader-feedback widget after an article: 'Was this page helpful?', 'Is this page useful?'
FEEDBACK_LINE = re.compile(r"^\W*(?:was|is)\s+this\s+(?:page|article|story|post|information)\s+(?:helpful|useful)\b"
                           # ... and an image's link to its large version: 'Click to view full-size image'
                           r"|^\W*click\s+(?:here\s+)?to\s+(?:view|enlarge|see|open)\b.{0,30}\b(?:image|photo|picture|size)\b", re.I)
# the links to the posts before and after, set as a line of the text: '« Older post | Main | Newer post »'
PREV_NEXT_ARROWS = re.compile(r"^\s*[«‹←]|[»›→]\s*$")
HEADER_LINES = 5  # lines at the top of the text that can be the article's header (kicker, headline, byline, date)
# a line that is only a date: 'Published: Thursday, April 12, 2007', 'March 14, 2006 at 9:41 pm', 'Updated 12.04.2007, 10:15'
DATE_LINE = re.compile(rf"^\W*(?:[^\W\d_]+[,:]?\s+){{0,3}}(?:{DATE_EXPRESSION.pattern})"
                       r"(?:\s*(?:at|um|à|a las|,|-|–|\||@)?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\W*$", re.I)
TRAILER_LINE = re.compile(r"^\W*(?:posted\s+(?:by|in|on|at)\b|(?:labels|tags|categories|category|filed\s+under)\s*:"
                          r"|filed\s+under\b|this\s+entry\s+was\s+posted\b|dieses\s+thema\s+im\s+programm\b"
                          r"|this\s+page\s+(?:was\s+)?last\s+(?:modified|updated)\b"
                          # a magazine's print issue, a republished piece's licence note, the photographer's rights
                          r"|this\s+(?:story|article|feature|piece)\s+(?:appears|appeared|ran|was\s+published)\s+in\s+the\b.{0,60}"
                          r"\b(?:issue|edition)\b|this\s+article\s+(?:is\s+republished|was\s+originally\s+published)\s+(?:from|on|in)\b"
                          r".{0,80}\bread\s+the\s+original\s+article|all\s+(?:photos|images|pictures|photographs)\s*(?:©|\(c\)|copyright)"
                          r"|original-content\s+von\s*:|republish\s+this\s+(?:article|story)\b"  # a press release's distribution line
                          # a source credit closing the story: 'Quelle: ELBFUNK SACHSEN', 'Source: Reuters'
                          r"|(?:quelle|source|fonte|fuente|bron|źródło|kilde|källa)\s*:\s*\S+(?:\s+\S+){0,3}\s*$)",
                          re.I)
TRAILER_LINE_WORDS = 30
# a press release's closing section on whom reporters may call
CONTACT_HEADING = re.compile(r"^\W*(?:(?:media|press)\s+(?:contacts?|enquiries|inquiries)|pressekontakt|contact\s+(?:information|details))\W*$",
                             re.I)
# a label opening what a page sets as plain paragraphs after the text: readers' comments, a press release's contact
CLOSING_SECTION_LABEL = re.compile(
    r"^\W*(?:\d+\s+)?(?:(?:reader|readers['’]?|visitor)\s+)?(?:comments?|responses|guestbook)"
    r"(?:\s+(?:from|in|on)\s+(?:the\s+|my\s+)?(?:guestbook|readers))?\W*$"
    r"|" + CONTACT_HEADING.pattern, re.I)
# a blog theme's post footer that trafilatura sets one piece a line: 'Pubblicato da', 'Giulia', 'alle', '18:30', 'Etichette:'
POST_FOOTER_LABEL = re.compile(r"^\W*(?:posted\s+by|pubblicato\s+da|publicado\s+por|publié\s+par|postée?\s+par|eingestellt\s+von"
                               r"|gepost\s+door|geplaatst\s+door|labels|etichette|etiquetas|libellés|tags)\s*:?\s*$", re.I)
POST_FOOTER_PIECE_WORDS = 6
MIN_ARTICLE_WORDS = 20  # below this, what trafilatura found is a menu or a caption, not an article
LEAD_TEXT_WORDS = 8  # a block's opening text of a sentence's length, before its first line break
GALLERY_MIN_SLIDES = 3   # figures whose captions hold paragraphs: this many make a gallery page


class NoArticleText(ValueError):
    pass


def extract_html_article(html: str | bytes, url: str | None = None) -> RawArticle:
    """Main text, title, authors, date (UTC), canonical URL, site name and language of one page.

    ``url`` is where the page was fetched from, when known: it resolves relative links and
    helps date the page. The page's own claim to an address is returned apart, as
    ``canonical_url``, because it can name another host or another copy (an AMP page's
    canonical link names the full page): the caller keeps the address it read from.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticleText("the file could not be parsed as HTML (empty or not a web page)")
    page = read_page_metadata(tree, url)
    site_names = site_name_forms(page, url or page.canonical)
    fetched_url = url if is_web_url(url) else None
    # furniture out before the date and byline are read and before trafilatura, which does not
    # know every theme's comments ('guestbook')
    _drop_boilerplate_blocks(tree, page.paywalled_classes)
    _unwrap_layout_tables(tree)
    _drop_teaser_boxes(tree)
    captions = _loose_captions(tree)
    _lead_text_as_paragraph(tree)
    drop_comment_sections(tree)
    _drop_set_in_boxes(tree)
    published = choose_published(page, tree, fetched_url or page.canonical, site_names)
    shown_byline = printed_byline(page, tree, site_names)
    slides = _gallery_paragraphs(tree)
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    text = _without_boilerplate_lines(_with_gallery_text(doc.text or "", slides)) if doc is not None else ""
    text = "\n".join(line for line in text.split("\n") if clean_space(line) not in captions)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise NoArticleText("no article text found in the page (is it an article, or a navigation or index page?)")
    title = choose_title(page, site_names, doc.title, lambda: _heading_above(tree, text))
    authors = choose_authors(page, site_names, text, doc.author, shown_byline)
    body = without_writer_notes(_without_header_lines(text, title, page.taglines, _is_reader_review(page)), authors)
    body = _with_lead_ins(body, page)
    return RawArticle(
        canonical_url=page.canonical or (doc.url if is_web_url(doc.url) else None),
        title=title,
        text=body,
        authors=authors,
        published=published,
        source=outlet_name(page) or doc.sitename or doc.hostname,
        language=detect_language(body),
    )


def _is_reader_review(page: PageMetadata) -> bool:
    """A review site's page of one reader's review, whose title the reader wrote with the text: its
    title names the reviewer, or its JSON-LD gives the review's body or reviews a business (a
    critic reviews a film or a book)."""
    def reviews_business(obj: dict) -> bool:
        item = obj.get("itemReviewed")
        kinds = {t.lower() for t in as_list(item.get("@type"))} if isinstance(item, dict) else set()
        return bool(kinds & {"organization", "localbusiness", "corporation", "store", "thing", "service"})

    return bool(reviewer_in_title(page)) or any(obj.get("reviewBody") or reviews_business(obj) for obj in page.json_ld[:1])


def _heading_above(tree, text: str) -> str | None:
    """The heading nearest above the text's first paragraph: the story's, when the page has no h1
    for it (a theme's h1 saying 'News', a headline in an h2, h3, large type, a cell of class
    'hed' of an old layout or a block named as the title: 'article-single-title')."""
    first = next((line for line in text.split("\n") if len(line.split()) >= 8), None)
    if first is None:
        return None
    opening = first[:60]
    for paragraph in tree.iter("p", "div", "td"):
        own = clean_space(paragraph.text_content())
        if own.startswith(opening) and len(own) < 3 * len(first):  # the paragraph itself, not a wrapper
            headings = paragraph.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::font[number(@size) >= 5]"
                                       " or contains(concat(' ', normalize-space(@class), ' '), ' hed ')"
                                       " or (self::div and (contains(@class, 'headline') or contains(@class, '-title')))][1]")
            # a heading that links elsewhere is another story's teaser (one linking here is the permalink rule's)
            return heading_text(headings[0]) if headings and not headings[0].xpath(".//a") else None
    return None


def _unwrap_layout_tables(tree) -> None:
    """Turn tables that lay out a page (columns of menu, story and sidebar) into plain blocks.

    trafilatura reads every table as data, so on a page laid out in tables it returns the whole
    page, menus and sidebars with the story, as one table. A table is layout when it holds
    another table or a cell of paragraphs, says so (role="presentation"), or has one row or one
    column; it is data when it has a caption, header cells or a summary, or is large
    (Readability's rules).
    """
    for table in tree.xpath("//body//table"):
        if not _is_layout_table(table):
            continue
        for element in [table, *table.xpath("./tbody|./thead|./tfoot|./tr|./tbody/tr|./tr/td|./tbody/tr/td")]:
            if element.tag == "td":
                element.set(LAYOUT_CELL_MARK, "1")  # the story's cell still holds its date above the headline
            element.tag = "div"
            for attribute in ("width", "height", "colspan", "rowspan", "valign", "align", "bgcolor"):
                element.attrib.pop(attribute, None)


def _is_layout_table(table) -> bool:
    # a cell holding a headline or paragraphs is a column of the page, whatever the table's size
    if table.get("role") == "presentation" or table.xpath(".//table | .//td//*[self::h1 or self::h2 or self::p][2]"):
        return True
    if table.get("summary") or table.xpath("./caption|./thead|./tfoot|./colgroup|.//th"):
        return False
    rows = table.xpath("./tr|./tbody/tr")
    columns = max((len(row.xpath("./td")) for row in rows), default=0)
    if len(rows) == 1 or columns == 1:
        return True
    return not (len(rows) >= 10 or columns > 4 or len(rows) * columns > 10)


def _drop_boilerplate_blocks(tree, paywalled: set[str]) -> None:
    """Remove disclosures, disclaimers, sign-up and call-to-action boxes, sidebar widgets, lists of
    references: boilerplate that trafilatura keeps when it sits in or beside the article.

    Only blocks of a box's size go: a class word on a container of the whole story (a short
    post in ``<article class="newsletter-post">``, a block holding the headline) is not a box,
    nor the story's paid part, which the page's JSON-LD names by class (``paywalled``) or which
    is a run of paragraphs of one class ('<p class="paywall">' on Condé Nast's sites).
    """
    story_words = paragraph_word_count(tree)
    for element in tree.xpath("//body//*[@class or @id][not(self::a or self::span or self::button)]"):
        if BOILERPLATE_BLOCK_NAME.search(element_names(element)) and not paywalled.intersection(
                (element.get("class") or "").split()) and not _in_run_of_paragraphs(element):
            _remove_box(element, story_words)


def _in_run_of_paragraphs(element) -> bool:
    parent = element.getparent()
    return element.tag == "p" and parent is not None and sum(
        sibling.tag == "p" and sibling.get("class") == element.get("class") for sibling in parent) >= PARAGRAPH_RUN


def _drop_teaser_boxes(tree) -> None:
    """Remove lists of other stories: 'More on this story', 'Recommended from ...', most-read boxes.

    trafilatura keeps such a list when it sits inside the article or right after it, and its
    headlines and their bylines and dates then read as the story's last lines. A box is known
    by its class or id ('related', 'more-from', 'most-read', ad networks' widgets) or by its
    heading; one known by its heading only goes when much of its text is links or it lists
    short items (headlines).
    """
    story_words = paragraph_word_count(tree)
    for element in tree.xpath("//body//*[@class or @id]"):
        if TEASER_BOX_NAME.search(element_names(element)):
            _remove_box(element, story_words)
    # a heading, a table's head, or a bold label opening its block ('<p class="older"><strong>Earlier news</strong><br>')
    for heading in tree.xpath("//body//*[self::h2 or self::h3 or self::h4 or self::th] | //body//*[self::strong or self::b]"
                              "[not(preceding-sibling::node()[self::* or normalize-space()])]"):
        title = clean_space(heading.text_content())
        teaser = TEASER_HEADING.match(title)
        if not teaser:
            continue
        box = _box_around(heading, title)
        if box is None:
            continue
        if OTHER_REVIEWS_HEADING.match(title) and not box.xpath(".//h1"):
            # a review site's other reviews, as long as the page's review, whose heading opens them
            for element in [heading, *heading.itersiblings()]:
                remove_element(element)
            continue
        teasers_only = _only_teasers(box)
        if holds_the_story(box, story_words) and not teasers_only:
            # the heading and its list in the story's own container, after the text: 'Older' and
            # its list go, a section 'Older workers' with bullet points stays
            listed = heading.getnext()
            if (listed is not None and listed.tag in ("ul", "ol") and _lists_headlines(listed)
                    and not re.sub(r"\W+", "", title[teaser.end():])):
                remove_element(listed)
                remove_element(heading)
            continue
        if teasers_only or _lists_headlines(box, heading):
            _remove_box(box, story_words, max_chars=None)  # a rail of a page's teasers runs long


def _drop_set_in_boxes(tree) -> None:
    """Remove boxes set inside the text that are not the story, known by their heading: the 'Meet
    the Expert' boxes of health and beauty sites (the credentials of the people quoted), a
    business's 'Response from ...' under a review, an opinion page's 'Write to us' or 'Have your say', a health site's
    'How we reviewed this article', the 'Key takeaways' over a story, an institution's opening hours; sign-up and donation boxes
    known by their e-mail field or their 'Subscribe' or 'Donate' button, whatever their class;
    and a press release's 'Media Contact' with the lines under it."""
    boxes = []
    for node in tree.xpath("//body//text()[contains(., 'xpert') or contains(., 'espon') or contains(., 'epl')"
                           " or contains(., 'rite to us') or contains(., 'a letter') or contains(., 'ow we') or contains(., 'our say')"
                           " or contains(., 'from the editor') or contains(., 'from our editor') or contains(., 're hiring')"
                           " or contains(., 'akeaway') or contains(., 'glance') or contains(., 't facts') or contains(., 'nzeige')"
                           " or contains(., 'dvertisement') or contains(., 'ponsored') or contains(., 'ublici') or contains(., 'isit')"
                           " or contains(., 'ours') or contains(., 'imes') or contains(., 'zeiten') or contains(., 'tunden')"
                           " or contains(., 'oraires') or contains(., 'ewsletter') or contains(., 'obs') or contains(., 'tellen')"
                           " or contains(., 'hop') or contains(., 'epublish')]"):
        heading = node.getparent()
        label = heading.text_content() if heading is not None else ""
        if len(label) > 200 or not SET_IN_BOX_HEADING.match(label := clean_space(label)):
            continue
        box = _box_around(heading, label)
        # the box the label opens, not the story's block an ad's 'Anzeige' sits in among the paragraphs
        if box is not None and clean_space(box.text_content()).startswith(label) and len(box.xpath(".//p")) <= SET_IN_BOX_PARAGRAPHS:
            boxes.append(box)
    calls = [button for button in tree.xpath("//body//*[self::button or self::a][string-length(normalize-space()) < 30]")
             if SIGNUP_BUTTON.match(clean_space(button.text_content()))]
    for email_field in tree.xpath("//body//input[@type='email']") + calls:
        box = email_field
        while box.getparent() is not None and len(clean_space(box.getparent().text_content())) <= SIGNUP_BOX_CHARS:
            box = box.getparent()
        # a button's box is a block with its pitch ('The week in payments ... <button>Subscribe</button>'),
        # not a paragraph that ends in a link
        if box is email_field or box.tag in ("div", "aside", "section", "form"):
            boxes.append(box)
    story_words = paragraph_word_count(tree) if boxes else 0
    for box in boxes:
        _remove_box(box, story_words)
    for heading in tree.xpath("//body//*[self::h2 or self::h3 or self::h4 or self::h5 or self::strong]"):
        if not CONTACT_HEADING.match(clean_space(heading.text_content())):
            continue
        line = heading.getparent()
        if heading.tag == "strong" and line is not None and line.tag == "p":  # '<p><strong>Media contact:</strong> Jane ...'
            remove_element(line)
            continue
        for sibling in list(heading.itersiblings())[:CONTACT_LINES]:  # 'Media Contact' and the lines under it
            if sibling.tag in ("h1", "h2", "h3", "h4", "h5"):
                break
            remove_element(sibling)
        remove_element(heading)


def _box_around(heading, label: str):
    """The box a heading opens: its parent, or further up when the heading is wrapped on its own."""
    box = heading.getparent()
    while box is not None and clean_space(box.text_content()) == label:
        box = box.getparent()
    return box


def _lead_text_as_paragraph(tree) -> None:
    """Set the first lines of a post written as text and line breaks ('<div class="post-body">First
    paragraph<br><br>Second ...', old Blogger posts) in a paragraph of their own: trafilatura can
    drop a block's opening text on a full page, losing the post's first paragraph."""
    for block in tree.xpath("//body//div[count(br) >= 2]"):  # lines of text, not a footer's address over its copyright
        lead = (block.text or "").strip()
        if len(lead.split()) >= LEAD_TEXT_WORDS:
            paragraph = block.makeelement("p", {})
            paragraph.text, block.text = lead, None
            block.insert(0, paragraph)


def _loose_captions(tree) -> set[str]:
    """The captions blogs set as a small or italic line right under a picture, with no caption
    markup: '<img><div style="text-align:center"><i>Record shot in the hawthorn</i></div>'
    (Blogger's editor writes them so). trafilatura keeps them as the text's lines, which the caller
    drops; they stay in the tree, as without them trafilatura can lose a post's first paragraph."""
    captions = set()
    for image in tree.xpath("//body//img"):
        block = image
        while (block.getparent() is not None and block.getparent().tag in IMAGE_WRAPPERS
               and not clean_space(block.getparent().text_content())):
            block = block.getparent()
        caption = block.getnext()
        while caption is not None and caption.tag == "br" and not (caption.tail or "").strip():
            caption = caption.getnext()
        if caption is None or (block.tail or "").strip() or caption.tag not in CAPTION_TAGS:
            continue
        words = len(clean_space(caption.text_content()).split())
        styled = caption.tag in ("i", "em", "small") or re.search(r"font-size|text-align:\s*center", caption.get("style") or "")
        if 0 < words <= LOOSE_CAPTION_WORDS and styled and not (caption.tail or "").strip() and len(caption) <= 1:
            captions.add(clean_space(caption.text_content()))
    return captions


def _only_teasers(box) -> bool:
    """A rail of teaser cards, each a headline's link (or a link around it) and a short line ('Latest from the Collective'),
    which can hold as many paragraph words as a short story, but no paragraph of a story's length."""
    return (box.tag not in STORY_CONTAINERS and not box.xpath(".//h1")
            and len(headline_links(box, RAIL_HEADING_TAGS)) >= TEASER_RAIL_CARDS
            and all(len(paragraph.text_content().split()) < TEASER_LINE_WORDS for paragraph in box.xpath(".//p")))


def _lists_headlines(box, heading=None) -> bool:
    """A box of links, or a list of short items (headlines), besides its heading: not text."""
    heading_chars = len(clean_space(heading.text_content())) if heading is not None else 0
    rest = len(clean_space(box.text_content())) - heading_chars
    linked = sum(len(clean_space(a.text_content())) for a in box.xpath(".//a")) - (
        heading_chars if heading is not None and heading.xpath(".//a") else 0)
    items = box.xpath(".//li")
    return rest > 0 and (linked >= 0.4 * rest or bool(items and all(len(item.text_content().split()) <= 15 for item in items)))


def _remove_box(element, story_words: int, max_chars: int | None = BOX_MAX_CHARS) -> None:
    """Remove an element unless it holds the story: a story container, the headline, a story's
    length of text, or most of the page's paragraphs (a short post in ``<div class="post related-x">``);
    nor, unless it lists headlines, one as long as a story."""
    if element.getparent() is not None and not holds_the_story(element, story_words) and (
            max_chars is None or len(clean_space(element.text_content())) < max_chars):
        remove_element(element)


def _without_boilerplate_lines(text: str) -> str:
    """Drop lines that are an image credit, a rights notice, a link to a related story or a promotion.

    '(Credit: Jane Doe / Agency)', 'Photo: Agency'; 'Copyright 2023 ... All rights reserved.';
    'Related: Other story', 'READ: Other story'; 'Join our Telegram channel ...'; 'Was this page
    helpful?', 'Click to view full-size image'; a card's bonus offer ('Earn 60,000 bonus miles after
    you spend ...'); a note that the page was updated; a weather widget's line; a call to action (a
    free trial, a deal, a charity's registration); a fact box's line of labelled values; a
    figure's caption; a caption ending in its photo credit; a cookie notice; a print version's or
    saved copy's note ('This story was printed from ...'); an ad's placeholder; a wire story's
    closing credits; a row of links ('Corrections | Submit a tip | Report error'). Each only as a
    short line of its own, never inside a paragraph, except a newsletter's footer ('Copyright 2023
    ... unsubscribe'), which table layouts run into one long line.
    """
    def boilerplate(line: str) -> bool:
        words = len(line.split())
        return ((words <= 12 and CREDIT_LINE.match(line) is not None)
                or (words <= 40 and RIGHTS_LINE.match(line) is not None)
                or (words <= 150 and RIGHTS_LINE.match(line) is not None and EMAIL_FOOTER.search(line) is not None)
                or (words <= 15 and ALL_RIGHTS.search(line) is not None)
                or (words <= 25 and RELATED_LINE.match(line) is not None)
                or (words <= 30 and PROMO_LINE.match(line) is not None)
                or (words <= 40 and CARD_OFFER.match(line) is not None)
                or UPDATE_NOTE.match(line) is not None
                or (words <= 8 and WEATHER_LINE.match(line) is not None)
                or (words <= 25 and CTA_LINE.search(line) is not None)
                or (words <= 20 and INFO_LINE.match(line) is not None)
                or (words <= 40 and FIGURE_CAPTION.match(line) is not None)
                or (words <= 12 and FEEDBACK_LINE.match(line) is not None)
                or (words <= 30 and CAPTION_CREDIT.search(line) is not None)
                or (words <= 60 and COOKIE_NOTICE.search(line) is not None)
                or (words <= 40 and SAVED_COPY_NOTE.match(line) is not None)
                or (words <= 40 and AD_OR_WIRE_LINE.match(line) is not None)
                or _is_link_row(line))

    return "\n".join(line for line in text.split("\n") if not boilerplate(line))


def _is_link_row(line: str) -> bool:
    """A row of links set in the text: 'Corrections | Submit a news tip | Report error', 'Print · Email',
    or the links to the posts before and after: '« The spring clear-out | Main | Ten years of vi »'."""
    items = [item.strip() for item in re.split(r"[|·]", line)]

    def short_links(most_words: int) -> bool:
        return all(0 < len(item.split()) <= most_words and not re.search(r"[.!?]$", item) for item in items)

    if len(items) >= 2 and PREV_NEXT_ARROWS.search(line):
        return short_links(12)
    return len(items) >= 3 and short_links(5)


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
            if (text := clean_space(paragraph.text_content()))]


def _with_gallery_text(text: str, paragraphs: list[str]) -> str:
    """Put back the gallery paragraphs trafilatura left out, each after the one before it that it kept."""
    if not paragraphs:
        return text
    lines = text.split("\n") if text else []
    keys = [norm_text(line) for line in lines]

    def position(paragraph: str, start: int) -> int | None:
        key = norm_text(paragraph)
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
        keys.insert(cursor, norm_text(paragraph))
        cursor += 1
    return "\n".join(lines)


def _without_header_lines(text: str, title: str | None, taglines: list[str], keeps_title: bool) -> str:
    """The text without the article's header that trafilatura keeps when it sits in the article's
    container: the headline, with a breadcrumb or kicker above it, and the byline and date lines;
    and the lines of a date, byline, labels or the site's tagline closing the text ('Date of
    experience: November 08, 2023', 'Posted by Jane at 10:18 PM', 'Labels: reviews'), and what
    is set as paragraphs under a label in its second half: readers' comments ('Comments from the
    guestbook:'), a press release's 'Media Contact', a blog's post footer set a piece a line. The
    title, authors and date have their own columns, and the text is the body, as in JSON and feed
    input; but a reader's review (``keeps_title``) opens with the title its writer gave it, and
    what the site sets above that is the business's card ('Shop Ltd TrustScore 4.6 | 312 reviews')."""
    lines = text.split("\n")
    keys = [norm_text(line) for line in lines[:HEADER_LINES]]
    start = 0
    if title and norm_text(title) in keys:
        headline = keys.index(norm_text(title))
        if keeps_title:
            start = headline
        elif all(_is_header_line(line) or _is_label(line) for line in lines[:headline]):
            start = headline + 1
    elif title and keeps_title:
        lines = [title, *lines]
    while start < min(len(lines) - 1, HEADER_LINES) and _is_header_line(lines[start]):
        start += 1
    # a byline under the standfirst: 'Words by Jane Doe | Photographs by John Roe'
    lines = lines[:start] + [line for i, line in enumerate(lines[start:], start)
                             if i >= HEADER_LINES or not _is_header_line(line)]
    end = len(lines)
    labels = [i for i in range(max(start + 1, len(lines) // 2), len(lines)) if CLOSING_SECTION_LABEL.match(lines[i])]
    if labels:  # 'Comments from the guestbook:' and the comments under it; 'Media Contact' and the press officer
        end = labels[0]
    end = next((i for i in range(max(start + 1, len(lines) // 2), end) if POST_FOOTER_LABEL.match(lines[i])
                and all(len(line.split()) <= POST_FOOTER_PIECE_WORDS for line in lines[i:end])), end)
    while end > start + 1 and (_is_trailer_line(lines[end - 1], title) or norm_text(lines[end - 1]) in taglines):
        end -= 1
    return "\n".join(lines[start:end])


def _is_trailer_line(line: str, title: str | None) -> bool:
    """A line of a blog post's footer that trafilatura adds after the text: the date header and the
    title again, 'Posted by Jane at 10:18 PM', 'Labels: festivals, reviews', 'Filed under: News'."""
    return bool(DATE_LINE.match(line) or (title and norm_text(line) == norm_text(title))
                or (len(line.split()) <= TRAILER_LINE_WORDS and TRAILER_LINE.match(line)))


def _is_header_line(line: str) -> bool:
    """A byline ('By Jane Doe, Staff Writer') or a date line ('Published: Thursday, April 12, 2007')."""
    return bool(DATE_LINE.match(line) or (len(line.split()) <= SHOWN_BYLINE_WORDS and byline_names(line)))


def _is_label(line: str) -> bool:
    """A breadcrumb or kicker above a headline: 'News > Local', 'EXCLUSIVE'."""
    return len(line.split()) <= 6 and not re.search(r"[.!?]$", line)


def _with_lead_ins(text: str, page: PageMetadata) -> str:
    """Put back what trafilatura leaves out above the text: the standfirst and a republication note.

    The standfirst is the page's description shown above the text; the note says where the
    story first ran ('This article originally appeared in ...'), which sites set above their
    article container.
    """
    lead_ins = page.standfirst_candidates[:1] + [note for note in page.source_notes[:1] if not TRAILER_LINE.match(note)]
    missing = [line for line in lead_ins if norm_text(line)[:80] not in norm_text(text)]
    return "\n".join(missing + [text])
