"""A page's publication time in UTC: declared, else printed with the headline, else found.

A declared timestamp (JSON-LD, meta tags, microdata) keeps its time and zone, unless the
day printed with the headline is another one; with nothing declared, the byline's date,
a date in the URL, or htmldate's (``original_date=True``: the first publication rather
than an update). Never the crawl date, a site header's 'today', a date a standfirst
mentions, or a copyright year.
"""
from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from htmldate import find_date

from transforms.page_metadata import (POST_FOOTER_XPATH, PageMetadata, as_list, element_names, elements_above_headline,
                                      elements_after_headline, in_comments, spaced_text, text_value)

# meta tags, most specific first
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
DATE_META = ("article:published_time", "og:article:published_time", "parsely-pub-date", "datepublished",
             "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.date", "dc.date", "citation_publication_date",
             "pubdate", "publishdate", "publish-date", "date", "hatom:published", "dc:date",
             "schema:datepublished", "schema:datecreated")  # RDFa with the schema.org prefix (Drupal 8+)
# a day, month and year in a short text: a four-digit year and a one- or two-digit day or month
FULL_DATE = re.compile(r"^(?=.*\b(?:19|20)\d{2}\b)(?=.*(?<!\d)\d{1,2}(?!\d))")
SHOWN_DATES = 4  # dated elements read between the headline and the text (a byline's published and updated days, nested)
# the labels of a date line, in the languages of the bylines read; a line is split before each to read several dates
UPDATE_WORDS = (r"updated?|modified|edited|aktualisiert|stand(?=\s*:|\s*$)|mis\s+à\s+jour|actualizad[oa]|aggiornat[oa]|bijgewerkt"
                r"|atualizad[oa]|zaktualizowano|uppdaterad|opdateret|oppdatert")
PUBLISHED_WORDS = (r"published|posted|input|veröffentlicht|publiée?|publicad[oa]|pubblicat[oa]|gepubliceerd|publicerad"
                   r"|publiceret|publisert|opublikowano")
DATE_LABEL = rf"\b(?:(?:last\s+|first\s+|originally\s+|zuletzt\s+)?(?:{UPDATE_WORDS}|{PUBLISHED_WORDS}))\b"
DATE_LINE_LABEL = re.compile(DATE_LABEL, re.I)
DATE_LINE_PARTS = re.compile(rf"(?<!first )(?<!last )(?<!originally )(?<!zuletzt )(?={DATE_LABEL})", re.I)
FIRST_PUBLISHED = re.compile(r"^\W*(?:first|originally)\s+published\b", re.I)
ZONED_TIME = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$")
# dates in URL paths htmldate leaves: /2021/0317/, /20210317-
URL_DATES = [re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])([0-3]\d)(?:/|$)"),
             re.compile(r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])([0-3]\d)(?:[/_.-]|$)")]
URL_PATH_DATE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/([0-3]?\d)(?:/|$)")  # /2017/05/11/
UPDATE_LABEL = re.compile(rf"^\W*(?:last\s+|zuletzt\s+)?(?:{UPDATE_WORDS})\b", re.I)
# what marks an element as a date line by name, and the words such a line has besides the date and names
DATE_LINE_MARKER = re.compile(r"date|time|stamp|byline|meta|posted|publish|dateline|author|writer", re.I)
# a listing's dates, a product's or an album's release date ('VÖ: 23.09.2011')
# ... a health page's medical review ('Last reviewed: 8 January 2024'), which is no edit of the story, and the
# day a reader's review tells of ('Date of experience: 09 August 2023')
EVENT_DATE_LABEL = re.compile(r"^\W*(?:when|event|opens|closes|deadline|starts|ends|release\s+date|released\s+on"
                              r"|(?:last\s+|medically\s+)?reviewed(?:\s+on)?|next\s+review(?:\s+due)?|date\s+of\s+experience"
                              r"|vö|erscheinungs(?:datum|termin)|veröffentlichungs(?:datum|termin))\s*:", re.I)
# the other facts listed beside an event's date: '<li>Date: Friday 14 March</li><li>Venue: ...</li>'
EVENT_FACT_LABEL = re.compile(r"^\W*(?:time|times|venue|location|where|place|tickets?|prices?|cost|admission|address|doors|speakers?)\s*:", re.I)
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
    r"|\d{1,2}\s+de\s+[^\W\d_]{3,10}\s+de\s+(?:19|20)\d{2}"  # '5 de mayo de 2010'
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}")
LABELLED_SHORT_DATE = re.compile(r"(?P<label>\b(?:updated|published|posted|modified)(?:\s+on)?:?\s+)(?P<month>0?[1-9]|1[0-2])"
                                 r"/(?P<day>[0-3]?\d)/(?P<year>\d{2})(?![\d/])", re.I)
DATE_SPAN = re.compile(rf"(?:{DATE_EXPRESSION.pattern})\s*[-–—]\s*(?:{DATE_EXPRESSION.pattern})", re.I)
NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})(?!\d)")
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\b", re.I)
COPYRIGHT_YEAR = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})", re.I)


def choose_published(page: PageMetadata, tree, url: str | None, site_names: list[str] = ()) -> dt.datetime | None:
    """Publication time in UTC: declared (JSON-LD, meta tags, microdata), else shown, else the URL or htmldate.

    A declared timestamp keeps its time and zone. The date printed with the headline
    (``_shown_date``) wins when it is more than a day away from the declared one: a CMS's
    JSON-LD can carry the day a draft was created, and the day readers are shown is the one
    a reader would cite (a day's difference is a time zone: the UTC timestamp stays, unless
    the day shown is the page's only, an update, which takes the declared ``dateModified``'s
    time when that falls on the day shown). A declared day without a time takes the
    time of a zoned ``<time>`` shown on that day. With nothing declared, a zoned ``<time>``
    in the byline is the timestamp; else the shown day (a numeric one read the way the URL's
    date or the page's other dates say), a date in the URL, or htmldate's day, at the instant of a zoned ``<time>``
    elsewhere on the page that falls on it (read from the tree as ``extract_html_article``
    gives it: without comment sections and teaser lists). Never a bare copyright year, nor a
    date shown above the headline outside the story's container (a site header's 'today').
    """
    declared, declared_time = _declared_date(page)
    shown = _shown_date(page, tree, site_names)
    if declared:
        # '05/10/2016' read day first is the declared 10 May read month first: they agree
        readings = [shown.day, _swapped(shown.day) if shown.numeric else None] if shown else []
        apart = min(abs((day.date() - declared.date()).days) for day in readings if day) if shown else 0
        if apart > 1 or (apart == 1 and shown.update):  # the page shows only its update, on another day
            return shown.exact or _declared_update_on(page, shown.day) or shown.day
        if not declared_time and shown and shown.exact and shown.day.date() == declared.date():
            return shown.exact
        return declared if declared_time else _zoned_time_on(declared, tree)
    # '05/11/2017' on a page at /2017/05/11/: the URL says which number is the month
    day = (shown.exact or _url_reading(shown.day, url) or _page_order_reading(shown, page) or shown.day) if shown else (
        _url_date(url) or _htmldate_not_copyright(tree, url))
    return _zoned_time_on(day, tree) if day and not (shown and shown.exact) else day


def _zoned_time_on(day: dt.datetime, tree) -> dt.datetime:
    """The instant of a zoned ``<time datetime>`` on the day found (a post footer's 'Posted on
    <time datetime="2013-10-22T09:12:37+00:00">'; comment sections are gone), else the day."""
    for element in tree.xpath("//body//time[@datetime]"):
        stamp = element.get("datetime").strip()
        if stamp[:10] == day.date().isoformat() and ZONED_TIME.search(stamp):
            return parse_published(stamp) or day
    return day


def _declared_date(page: PageMetadata) -> tuple[dt.datetime | None, bool]:
    """The declared publication time, and whether it states a time of day (not only a day).

    JSON-LD first, then the meta tags, then a ``WebPage``'s date (SEO plugins' graphs with no
    article in them); a time stated with its zone before one without ('2023-05-19 09:00:04' in
    one tag, '2023-05-19T13:00:04Z' in another: the zoneless one is local time, not UTC).
    """
    values = [text_value(obj.get(key)) for obj in page.json_ld for key in ("datePublished", "dateCreated")]
    values += [page.first_meta([name]) for name in DATE_META]
    values += [text_value(obj.get("datePublished")) for obj in page.json_ld_other  # also 'MedicalWebPage'
               if any(t.lower().endswith("webpage") for t in as_list(obj.get("@type")) if isinstance(t, str))]
    found = [(parsed, value) for value in values if value and (parsed := parse_published(value))]
    if not found:
        return None, False
    zoned = [(parsed, value) for parsed, value in found if ZONED_TIME.search(value.strip())]
    parsed, value = next((pair for pair in zoned if pair[0].date() == found[0][0].date()), found[0])
    return parsed, bool(re.search(r"\d{1,2}:\d{2}", value))


def _swapped(day: dt.datetime) -> dt.datetime | None:
    """The day with its month and day numbers swapped, when that is a date: how '05/10' reads the other way."""
    return _valid_date(day.year, day.day, day.month) if day.day <= 12 else None


def _declared_update_on(page: PageMetadata, day: dt.datetime) -> dt.datetime | None:
    """The declared instant of the update a page shows only the day of ('Updated February 9, 2022'
    and ``dateModified`` 2022-02-09T18:14:27-05:00): the update's time, when its local day is that day."""
    values = [text_value(obj.get("dateModified")) for obj in page.json_ld] + [page.first_meta(MODIFIED_META)]
    for value in values:
        if value and value.strip()[:10] == day.date().isoformat() and ZONED_TIME.search(value.strip()):
            return parse_published(value)
    return None


def _url_reading(day: dt.datetime, url: str | None) -> dt.datetime | None:
    """The day with its month and day swapped, when that is the date in the URL's path."""
    match = URL_PATH_DATE.search(urlsplit(url).path) if url else None
    swapped = _swapped(day) if match else None
    return swapped if swapped and swapped != day and swapped == _valid_date(*map(int, match.groups())) else None


def _page_order_reading(shown: ShownDate, page: PageMetadata) -> dt.datetime | None:
    """The day read month first, when the page writes its dates so ('10/08/2024' beside '09/24/2024').

    htmldate reads a numeric date that reads both ways day first.
    """
    return _swapped(shown.day) if shown.numeric and _writes_month_first(page) else None


def _writes_month_first(page: PageMetadata) -> bool:
    """Whether the page's numeric dates put the month first, as US pages and Drupal's default do:
    some date reads only so, by its numbers ('09/24/2024', a teaser's) or its weekday ('Tue,
    09/06/2011', a comment's), and none reads only the other way."""
    orders = set()
    for text in page.slashed_dates:
        first, second, _ = (int(part) for part in NUMERIC_DATE.search(text).groups())
        if (first > 12) != (second > 12):
            orders.add("month first" if second > 12 else "day first")
        elif first != second and (day := _weekday_reading(text)):
            orders.add("month first" if day.month == first else "day first")
    return orders == {"month first"}


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
    numeric: bool = False               # written in numbers that read two ways ('05/10/2016'), read day first


def _shown_date(page: PageMetadata, tree, site_names: Iterable[str]) -> ShownDate | None:
    """The date printed with the headline: the byline's date, the publication one before an update.

    The dated elements ('Mar 12, 2020', 'Published: 28 Apr 2020', a ``<time>``) that follow
    the page's h1 until the text starts (an element with a paragraph's worth of words of its
    own), else above the headline in the story's container ('Stand: 22.02.2022 17:40 Uhr'), else
    in the line under the post that blog themes print ('This entry was posted on ...'); comment
    sections are left out. The first one not labelled as an update ('Updated Aug 18') is the
    publication; a page that shows only its update date gets that. A ``<time>`` gives its
    ``datetime`` attribute's local day; other text must name a day, month and year.
    """
    shown = (list(_dates_in(elements_after_headline(page, tree, site_names)))
             or list(_dates_in(elements_above_headline(page, tree, site_names)))
             or list(_dates_in(element for footer in tree.xpath(POST_FOOTER_XPATH) if not in_comments(footer)
                               for element in footer.iter())))
    chosen = next((date for date in shown if not date.update), shown[0] if shown else None)
    if chosen and not chosen.exact:  # 'Posted <time datetime=...>Tue 14 Mar</time>': the line first, then its <time>
        chosen.exact = next((date.exact for date in shown
                             if date.exact and date.day == chosen.day and date.update == chosen.update), None)
    return chosen


def _dates_in(elements: Iterable) -> Iterator[ShownDate]:
    """The first few dated elements among these, in page order.

    A line with several labelled dates ('Updated March 6 2023, first published March 4
    2023') gives each of them; an element inside a line gives no day the line gave.
    """
    found = 0
    read: dict[Any, set] = {}  # the days each line gave, for the elements inside it
    for element in elements:
        if found >= SHOWN_DATES:
            return
        within = set().union(*(read[node] for node in element.iterancestors() if node in read))
        text = _with_full_years(spaced_text(element))
        stamp = (element.get("datetime") or "").strip() if element.tag == "time" else ""
        dates = []
        if re.match(r"\d{4}-\d{2}-\d{2}", stamp):
            parent = element.getparent()
            if parent is not None and len(parent.text_content().split()) <= 12:
                # the label is often outside: 'Updated <time>'; in a line of two, the one before this <time>:
                # 'Updated <time>March 11</time>, first published at <time>7.32am</time>'
                own, line = spaced_text(element), spaced_text(parent)
                text = next((part for part in DATE_LINE_PARTS.split(line) if own and own in part), line)
            exact = parse_published(stamp) if ZONED_TIME.search(stamp) else None
            dates = [ShownDate(parse_published(stamp[:10]), _marked_update(element) or _labelled_update(text), exact)]
        elif (len(text.split()) <= 2 * 12 and FULL_DATE.search(text) and _reads_as_date_line(text, element)
              and not element.xpath(".//time[@datetime]")):  # a line of <time>s is read by its <time>s
            for update in element.xpath(".//*[contains(@class, 'updated')]"):
                text = text.replace(spaced_text(update), " ")  # an update marked apart is read on its own
            parts = DATE_LINE_PARTS.split(text)
            # beside a 'First published on ...', the line's other date is the update's: '2 May 2022 First published on 8 April 2021'
            first_shown = any(FIRST_PUBLISHED.match(part) for part in parts)
            for part in parts:
                if len(part.split()) <= 12 and FULL_DATE.search(part) and (day := _day_in_text(part)):
                    update = _labelled_update(part) or _marked_update(element) or (first_shown and not FIRST_PUBLISHED.match(part))
                    dates.append(ShownDate(day, update,
                                           numeric=NUMERIC_DATE.search(part) is not None and not _weekday_reading(part)))
        read[element] = {date.day for date in dates}
        for date in dates:
            if date.day and date.day not in within:  # 'Updated: <time>May 20, 2021</time>' is one date, an update
                found += 1
                yield date


def _with_full_years(text: str) -> str:
    """A labelled US date with a two-digit year written out, month first as such sites mean it:
    'Updated on 06/05/23' -> 'Updated on 2023-06-05' (Dotdash sites print them so); unlabelled
    ones ('3/4/21') are left alone."""
    return LABELLED_SHORT_DATE.sub(lambda match: f"{match.group('label')}20{match.group('year')}-"
                                                 f"{int(match.group('month')):02d}-{int(match.group('day')):02d}", text)


def _marked_update(element) -> bool:
    """WordPress themes print the update's ``<time class="updated">`` (or a hidden span) first,
    the publication's after it."""
    classes = element.get("class") or ""
    return element.get("itemprop") == "dateModified" or ("updated" in classes and "published" not in classes)


def _labelled_update(text: str) -> bool:
    """Whether the first date in a line is labelled as an update: 'Jane Doe Updated 11/03/2023'."""
    labels = DATE_LINE_LABEL.findall(re.split(r"\d", text, maxsplit=1)[0])
    return bool(labels) and UPDATE_LABEL.match(labels[-1]) is not None  # the label nearest the date


def _reads_as_date_line(text: str, element) -> bool:
    """A byline's date line ('Posted on May 5, 2021 by Jane Doe', a ``date`` span), not a sentence
    that mentions a day ('Voting runs until 12 May 2024 at the town hall'), an event's or a
    release's date (also in a cell after its label), a span of days (an obituary's 'April 2,
    1931 - February 9, 2019') nor a copyright line."""
    label = element.getprevious()  # '<td>Release Date:</td><td>11/04/2008</td>'
    # ... or the words just before the date, in a list of facts: 'Label X Format 2xLP VÖ 08.03.2019'
    date = DATE_EXPRESSION.search(text)
    before = text[:date.start() if date else 0].replace(":", " ").split()
    labels = [label.text_content() if label is not None else ""] + [" ".join(before[-n:]) for n in (1, 2, 3) if len(before) >= n]
    if COPYRIGHT_YEAR.search(text) or EVENT_DATE_LABEL.match(text) or DATE_SPAN.search(text) or any(
            len(words.split()) <= 3 and EVENT_DATE_LABEL.match(words.strip().rstrip(":") + ":") for words in labels
    ) or _among_event_facts(element):
        return False
    marker = f"{element_names(element)} {element.get('itemprop', '')}"
    if DATE_LINE_MARKER.search(marker):
        return True
    sentence_words = [word for word in re.findall(r"\b[^\W\d_]{3,}\b", text)
                      if word.islower() and word not in DATE_LINE_WORDS]
    return len(sentence_words) <= 2


def _among_event_facts(element) -> bool:
    """A date in a list of an event's facts, beside its time, venue or tickets: the event's day
    (read in its item or in the whole list)."""
    item = next((node for node in (element, *element.iterancestors()) if node.tag == "li"), None)
    facts = [other for other in item.getparent() if other is not item] if item is not None else element.xpath("./li")
    return any(other.tag == "li" and EVENT_FACT_LABEL.match(spaced_text(other)) for other in facts)


def _day_in_text(text: str) -> dt.datetime | None:
    """The day a short date line names, or None.

    The label goes first ('Published: Mar. 14, 2023' made htmldate fall back on the year
    alone); each date expression in the line is tried alone before the whole line ('Feb. 20,
    2024 by Jon Doe' defeats htmldate whole, '6:00 a.m. CT Aug. 1, 2019' gave January 1), and
    a found day must be one the text names, so a fallback on the year is refused. A numeric
    date that reads both ways ('Tue, 03/05/2019') is read the way its weekday fits.
    """
    text = DATE_LABEL.sub("", text)
    by_weekday = _weekday_reading(text)
    if by_weekday:
        return by_weekday
    for candidate in [match.group(0) for match in DATE_EXPRESSION.finditer(text)] + [text]:
        try:
            found = parse_published(find_date(f"<html><body><p>{html_lib.escape(candidate)}</p></body></html>",
                                              extensive_search=True, original_date=True))
        except (ValueError, TypeError):
            continue
        if found is not None and re.search(rf"(?<!\d)0?{found.day}(?!\d)", candidate):
            return found
    return None


def _weekday_reading(text: str) -> dt.datetime | None:
    """The one way a numeric date that reads both ways fits the weekday beside it ('Tue, 03/05/2019')."""
    numeric = NUMERIC_DATE.search(text)
    weekday = WEEKDAY.search(text)
    if not (numeric and weekday):
        return None
    first, second, year = (int(part) for part in numeric.groups())
    wanted = WEEKDAYS.index(weekday.group(1).lower()[:3])
    fitting = [day for month, dom in ((first, second), (second, first))
               if (day := _valid_date(year, month, dom)) and day.weekday() == wanted]
    return fitting[0] if len(fitting) == 1 else None


def _valid_date(year: int, month: int, day: int) -> dt.datetime | None:
    try:
        return dt.datetime(year, month, day, tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def _htmldate(tree, url: str | None, extensive: bool) -> dt.datetime | None:
    try:  # htmldate prunes the tree it is given: give it a copy
        return parse_published(find_date(copy.deepcopy(tree), url=url, original_date=True,
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
