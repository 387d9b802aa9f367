"""A page's authors: the people its byline names, cleaned of 'By', roles, dates and credits.

Sources disagree: a CMS's JSON-LD often names the account that posted a story ('Newsdesk')
rather than its reporters, trafilatura can take a commenter or a 'Follow' button for the
byline, and bylines run names together with roles, outlets and dates. The authors are the
set most sources agree on; outlets, agencies and desks are credits, used only when no
person is named.
"""
from __future__ import annotations

import html as html_lib
import itertools
import re
from typing import Any, NamedTuple

from transforms.page_dates import DATE_EXPRESSION
from transforms.page_metadata import (NOT_BYLINE_CREDIT, OTHER_WORK, POST_FOOTER_XPATH, PageMetadata, as_list, clean_space,
                                      elements_after_headline, in_comments, norm_text, outlet_name, spaced_lines, squash,
                                      text_value)
from transforms.urls import is_web_url

# meta tags naming one creator each, as catalogues write them: 'Doe, Jane'
LIBRARY_ORDER_META = ("dc.creator", "dcterms.creator", "citation_author")
LIBRARY_ORDER = re.compile(r"^\s*([^\W\d_][\w'’-]*),\s*([^\W\d_][\w'’. -]*?)\s*$")
# meta tags, most specific first
AUTHOR_META = ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
               "dc.creator", "dcterms.creator", "byl", "citation_author", "cxenseparse:author")
# Words that are in bylines but are no one's name: buttons, roles, boilerplate.
NOT_NAMES = {"follow", "email", "e-mail", "mail", "share", "twitter", "facebook", "linkedin", "instagram",
             "more", "subscribe", "save", "print", "comments", "whatsapp", "pinterest", "reddit", "view profile", "profile",
             "author", "authors", "admin", "administrator",
             "staff", "contributor", "contributors", "guest", "anonymous", "unknown", "posted", "updated",
             "published", "read more", "bio", "see all", "all posts", "articles", "by", "and", "editor",
             "agencies", "agency", "wires", "agenturen", "agences", "agencias", "agenzie", "red", "red.",
             "guest user"}  # 'Staff and agencies'; Squarespace's placeholder
# the last words of the site's policy links in a writer's hover card ('Editorial Guidelines'), which are no names
POLICY_WORDS = {"guidelines", "policy", "policies", "standards", "process", "ethics", "disclosure", "corrections"}
ROLE_NOUNS = (r"writer|editor|reporter|correspondent|columnist|contributor|producer|photographer|"
              r"journalist|analyst|intern|fellow|critic|blogger|anchor|host|director|officer|manager|coordinator|"
              r"secretary|president|trustee|(?:co-)?chair(?:man|woman|person)?|lecturer|professor|lead|specialist|advis[oe]r"
              r"|consultant|strategist|assistant|minister")
ROLE_TAIL_WORDS = 2  # the words of a role after its rank: 'Chief [Trust Officer]', 'Senior [Data Editor]'
# the ranks that open a job line: 'VP Engineering', 'Head of ...', 'CTO'
RANK_WORDS = {"vp", "svp", "evp", "head", "chief", "ceo", "cto", "cfo", "coo", "cmo", "founder", "co-founder", "cofounder"}
ROLE_NOUN = re.compile(rf"\b(?:{ROLE_NOUNS})s?\b", re.I)  # 'Co-chairs, Board of Trustees'; 'Senior Lecturer in ...'
# German job titles, compounds included: 'Redakteurin', 'Stadtplaner', 'Vorsitzender', 'Pressesprecherin'
GERMAN_ROLE_NOUN = re.compile(r"[^\W\d_]*(?:redakteur|korrespondent|leiter|vorsitzend|sprecher|geschäftsführer|professor|autor"
                              r"|mitarbeiter|referent|planer|berater|journalist|direktor|präsident|beauftragt|experte|expertin)"
                              r"(?:in|innen|e|er|en|r)?", re.I)
# a role named by what it heads, after a name: 'Director of Communications', 'Head of Policy at Oxfam',
# 'Vorsitzender des Vereins Lebendige Altstadt', 'The Rt Hon Minister for Rural Affairs'
ROLE_PHRASE = re.compile(rf"^(?:[^\W\d_]+\s+){{0,3}}?(?:(?:{ROLE_NOUNS})s?|head|{GERMAN_ROLE_NOUN.pattern})"
                         r"\s+(?:of|for|at|in|des|der|bei|für|im|am)\s", re.I)
ROLE_WORDS = re.compile(
    r"\b(?:staff|senior|chief|contributing|associate|managing|executive|deputy|special|political|"
    rf"national|foreign|investigative|sports?|business|science|health|tech(?:nology)?|{ROLE_NOUNS})\b", re.I)
# 'by' as bylines print it, in English, German, French, Spanish, Dutch and the Nordic languages
BY_WORDS = "by|von|par|por|door|av|af"
# 'By', also after a dash: '— written by Jane Doe' closing a post
BY_LABEL = re.compile(r"^\W*(?:(?:written|posted|published|reported|words|story|text|article|photos?)"
                      r"(?:\s+and\s+(?:photos?|photography|pictures|words))?)?\s*by\s*:?\s+", re.I)  # 'Story and photos by'
BYLINE_NOISE = [
    re.compile(r"^.*\b(?:posts|articles|stories|entries|more)\s+(?:from|by)\s+", re.I),
    BY_LABEL,
    # 'Von', 'Par', 'Eingestellt von', 'Pubblicato da'; 'di' and 'da' only in lower case ('Di Stefano', 'Da Silva')
    re.compile(r"^\W*(?:(?i:eingestellt|geschrieben|verfasst|posté|publié|écrit|publicado|escrito|pubblicato|scritto|geplaatst"
               r"|geschreven|postat|publicerad|skriven|napisane|opublikowane|dodane)\s+)?"
               r"(?:(?i:von|par|por|door|av|af|przez)|di|da)\s+"),
    re.compile(r"^\W*(?i:autor|autora|auteur|autore|texto|texte|testo|tekst|text)\s*:?\s+(?=[A-ZÀ-Þ])"),
    re.compile(r"^\W*(?i:contributors?|reporter|writer|author)\s*:\s+(?=[A-ZÀ-Þ])"),  # 'Contributor: Jane Doe'
    # 'Von unserem Redakteur Klaus Merten', 'von unserer Korrespondentin Jane Doe'
    re.compile(r"^\W*(?i:(?:von\s+)?unser(?:em|er|en)\s+(?:\w+\s+)?(?:redakteur|korrespondent|mitarbeiter|reporter)(?:in|innen)?)\s+"),
    re.compile(r"^\W*(?i:redacción|redaktion)\s*:\s+(?=[A-ZÀ-Þ])"),  # 'Redaktion: Jane Doe'; 'Redaktion Sport' is a desk
    re.compile(r"\s*\((?:[A-Za-z]{2,6}|[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\)\s*$"),  # 'Jane Doe (KNA)', '... (Reuters)'
    # the date first, then the name: 'dinsdag 8 april 2014, 14:52 – Door Femke Brouwer'
    re.compile(rf"^.*[–—|·,]\s*(?i:{BY_WORDS}|przez)\s+(?=[A-ZÀ-Þ])"),
    re.compile(r"\b(?:e-?mail|follow|contact)\s+(?:the\s+)?(?:author|me|us|him|her|them)?\b.*$", re.I),
    re.compile(r"\S+@\S+\.\w+"),
    re.compile(r"(?:^|\s)@\w+"),
    re.compile(r"\b(?:updated|published|posted|last\s+modified|input)\b.*$", re.I),
    re.compile(r"\b(?:on\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}.*$", re.I),
    re.compile(r"\b(?:on\s+)?\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:jan|feb|mar|mär|apr|may|mai|jun|jul|aug|sep|sept|oct|okt|nov|dec|dez)"
               r"[a-zä]*\.?,?\s+\d{4}.*$", re.I),  # '19 January 2024', '19. Januar 2024'
    re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*$"),
    re.compile(r"\b\d{1,2}:\d{2}\s*(?:am|pm)?.*$", re.I),
    # 'Jane Doe for The Times', 'JANE DOE FOR MAILONLINE'; a name goes before, not 'Department for Transport'
    re.compile(r"^(?P<keep>\S+\s+\S.*?)\s+(?i:for)\s+(?:(?i:the)\s+)?[A-Z][\w.&' ]+$"),
    re.compile(r"\b(?:with|avec|mit|con|met|med)\s+(?:the\s+)?[A-Z][\w.&' ]+$"),  # 'Jane Doe with AFP', '... avec AFP'
    re.compile(r"\bspecial\s+(?:to|for)\b.*$", re.I),  # 'Jane Doe Special to the Courier'
    # the section after the name: '... von Sabine Oehler in Polizei', '... en Société' (not the Dutch 'en': 'and')
    re.compile(r"\s+(?:in|im|dans)\s+[A-ZÀ-Þ].*$|\s+en\s+[A-ZÀ-Þ]\S*$"),
    re.compile(r"\s*\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?\s*$", re.I),  # 'Monday,' left before a date
    re.compile(r"\s*\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?,?\s*$", re.I),  # 'on Wed, 03/03/2010'
    # 'Jane Doe on' / 'at' / 'am' / 'le' left before a removed date or time
    re.compile(r"\s+(?:on|at|@|am|um|le|el|il|op|em|på|dnia)\s*$", re.I),
    re.compile(r"\s*[|•·–—»›→-]+\s*$"),  # a separator or a 'more by' arrow left at the end
]
BODY_BYLINE = re.compile(rf"^\s*(?:(?:written|story|words|text|reporting)(?:\s+and\s+(?:photos?|photography|pictures))?\s+)?"
                         rf"(?:{BY_WORDS})\s*:?\s+(?P<names>[^\n]{{3,80}})$", re.I)  # 'By Jane Doe', 'Story and photos by Jane Doe'
CALENDAR_WORD = re.compile(r"(?i)(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
                           r"|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
                           r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?"
                           # ... and in German and French: 'Oktober 08, 2017' in a Blogger byline
                           r"|(?:januar|februar|märz|juni|juli|oktober|dezember|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
                           r"|sonntag|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|lundi"
                           r"|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\.?,?")
# credits that name the outlet's staff, not a person: 'Our Correspondent', 'Staff Reporter', 'Desk Report'
GENERIC_CREDIT = re.compile(r"(?i)(?:our|staff|special|own|desk|news)\s+(?:correspondents?|reporters?|writers?|report)"
                            r"|(?:the\s+)?editorial\s+board"
                            r"|redaktion|rédaction|redacción|redazione|redactie|newsroom|newsdesk|staff|desk")
CREDENTIAL = re.compile(r"(?:md|m\.d\.|phd|ph\.d\.|mph|rn|rdn?|dds|dmd|do|cpa|cfp|mba|msc?|ma|bsn|np|lcsw|psyd|pharmd|facs|faap"
                        r"|ibclc|cscs|nbc-hwc)\.?", re.I)
ACADEMIC_TITLE = re.compile(r"^(?:Dr|Prof|Professor)\.?\s+(?=[A-Z])")
# a blog's guest writer, named where the text opens: 'Guest post by Dr Hannah Velde, Lecturer in ...'
GUEST_BYLINE = re.compile(r"^\W*(?:(?:this\s+is\s+a\s+)?guest\s+(?:post|column|article|blog|essay|piece)\s+(?:by|from)"
                          # 'Ein Gastbeitrag von NAME', 'Words by contributor NAME'
                          r"|(?:ein\s+)?gastbeitrag\s+von|(?:words|written)\s+by\s+(?:our\s+)?(?:contributor|guest(?:\s+writer)?))\s*:?\s+"
                          r"(?P<names>[^\n]{3,160})$", re.I)
# a byline printed as a plain line near the headline: 'By Jane Doe, Agency', 'Posted on May 5, 2021 by Jane Doe', 'Von Max Muster | 03.04.2023'
SHOWN_BYLINE = re.compile(rf"(?:^|(?P<before>\S+)\s+)(?:{BY_WORDS})\s*:?\s+(?=\S)", re.I)
# 'Words: Jane Doe | Pictures: John Roe', 'Interview: Jane Doe'
WORDS_BYLINE = re.compile(r"(?:^|[|•·/–—]\s*)(?:words|text|story|reporting|reporter|writer|authors?|interview|texto|texte|testo|tekst"
                          r"|autor|autorin|autora|auteur|autore)"
                          # 'Text & Fotos:', 'Words and pictures:', 'Texto y fotos:'
                          r"(?:\s*(?:&|and|und|y|et|e|/)\s*(?:fotos?|photos?|photographs?|pictures?|bilder?|images?|fotografías?))?"
                          r"\s*:\s*(?=\S)", re.I)
FOOTER_BYLINE_WORDS = 30  # 'This entry was posted on Monday, May 7th, 2007 at 9:12 am by Jane Doe and is filed under ...'
# a sentence ends after a word's last letters and a full stop, not after 'Rev.' or 'Mrs.'
SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])(?<!\b(?:Rev|Mrs|Mme|Drs|Gen|Sen|Gov|Sgt|Col)\.)(?<!\b(?:Prof|Capt|Supt|Cllr|Sept)\.)"
                          r"(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)\s+")  # nor after 'Oct.' in a date
NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "das", "dos", "du", "del", "della", "di", "la", "le",
                  "bin", "al", "el", "ten", "ter", "y", "zu"}
# the person a note on a writer names: two to four capitalised words
NOTE_NAME = r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
# 'Jane Doe is a freelance writer based in Leeds.', 'Walter Brisbane is a retired textile worker.' (an op-ed's
# last line), 'Jane Doe is Circuit Daily's laptops editor.'
CONTRIBUTOR_NOTE = re.compile(rf"^\W*{NOTE_NAME}\s+is\s+(?:(?:a|an|the)\s+\w|(?:[A-Z][\w-]*\s+){{0,3}}[A-Z][\w-]*['’]s\s)")
CONTRIBUTOR_NOTE_WORDS = 50
# ... and notes on a writer the byline names, which can say less: 'John Roe covers Google and Android.'
WRITER_NOTE = re.compile(rf"^\W*{NOTE_NAME}\s+(?:is|was|covers|writes|reports|edits|has\s+(?:written|covered|reported)"
                         r"|(?:can|may)\s+be\s+(?:reached|contacted))\s")
# a scholar's credit as The Conversation's republished pieces print it over or under the text: 'Jane Doe, University
# of Leeds and John Roe, Senior Lecturer in Ecology, Monash University'
SCHOLAR_CREDIT = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|der|da|di|du|del|la|le)){1,3})\s*,\s+"
                            r"[^;()—–]*?(?i:universit(?:y|ät|é|at|à|ad|eit)|institut(?:e|o)?|college|school|hospital|centre"
                            r"|center|academy|laborator(?:y|ies)|museum)[^;()—–]*$")
SCHOLAR_CREDIT_WORDS = 16  # of one scholar's credit
CONTACT_NOTE = re.compile(rf"^\W*(?:contact|reach|e-?mail)\s+{NOTE_NAME}\s+at\b", re.I)
# where a byline goes on to credit other work or say more: a label ('Pictures:', 'Edited By:', 'Data publikacji:') or 'Photos by'
OTHER_CREDIT = re.compile(rf"\s*[|•·]?\s*\b[^\W\d_]+(?:\s+by|(?-i:\s+[a-zà-ÿ]+))?\s*:(?:\s|$)"
                          rf"|\s*[|•·]?\s*\b(?:\w+ly\s+)?(?:{OTHER_WORK})\s+by\b", re.I)  # 'Medically reviewed by'
# a blog post's line naming its poster by a first name or handle: 'posted by Wes at 4:12 PM', 'Posté par Mathilde à 22:31'
POSTED_BY_ONE_NAME = re.compile(
    r"\b(?i:posted|posté|postée|publié|publiée|gepostet|eingestellt|publicado|pubblicato)\s+(?i:by|par|von|por|da)\s+"
    r"(?P<name>[A-ZÀ-Þ][\w'’-]+)\s*(?:$|[,|•·–@-]|(?:at|à|um|am|on|le|a las|às|alle)\s)")
# ... and a blog theme's date line naming the poster: 'March 14th, 2007 by Dex' (Kubrick's '<small>')
DATE_BY_ONE_NAME = re.compile(rf"^\W*(?:{DATE_EXPRESSION.pattern})(?:\s*(?:at|@)?\s*\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?)?"
                              r"\s+(?:by|von|par|por|door)\s+(?P<name>(?-i:[A-ZÀ-Þ])[\w'’-]+)\W*$", re.I)
REVIEWER_IN_TITLE = re.compile(r"\breviewed\s+by\s+(?P<by>[^|–—]{2,60}?)\s*(?:[|–—]|$)"
                               r"|^(?P<gave>[^|–—]{2,60}?)\s+(?:gave\s+\S+\s+\d\s+stars?|reviewed\s+\S)", re.I)
# 'Photos by John Roe', 'Translated from the French by John Roe' beside the byline: credited for other work
OTHER_WORK_BY = re.compile(rf"\b(?:{OTHER_WORK})(?:\s+from\s+(?:the\s+)?[^\W\d_]+)?\s+by\s*:?\s+|\b(?:{OTHER_WORK}|fotos?|bilder?)\s*:\s*(?=\S)", re.I)  # 'Photos:'
# a German sentence's 'von' after a verb or a word in lower case ('Kritik kommt von Seiten der ...'), German nouns
# being capitalised as names are; a byline's verbs excepted ('geschrieben von Jane Doe')
SENTENCE_VON = re.compile(r"(?!(?:geschrieben|verfasst|erstellt|eingestellt|gepostet|veröffentlicht)\s)[a-zäöüß]\w*\s+von")
SHOWN_BYLINE_WORDS = 16  # a line longer than this is a sentence, not a byline
# news agencies: an author credit, not a person, when a person is also named
AGENCIES = {"ap", "associated press", "the associated press", "reuters", "afp", "agence france presse", "dpa",
            "pa", "pa media", "press association", "upi", "bloomberg", "efe", "ansa", "kyodo", "kyodo news",
            "xinhua", "tass", "anadolu", "anadolu agency", "aap", "pti", "ians", "cnn wire", "cns", "rnz",
            "anp", "belga", "apa", "sda", "keystone-sda", "ats", "kna", "epd", "lusa", "europa press", "ritzau",
            "ntb", "tt", "stt", "pap", "bernama", "yonhap", "antara", "ani", "pna"}
AGENCY_NAMES = "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True))  # the longest first: 'pa media' before 'pa'
# a job that is not the writing, as JSON-LD gives it for a person it lists among the authors
OTHER_JOB = re.compile(r"\b(?:graphics?|photograph(?:er|y)|photos?|illustrat(?:or|ions?)|designer|video(?:grapher)?|camera)\b", re.I)
ONE_WORD_OUTLET = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+|[A-Z]{2,4}")  # 'CityPulse', 'ProPublica', 'NPR'
NEWSROOM_WORDS = {"redaktion", "rédaction", "redacción", "redaccion", "redazione", "redactie", "redação", "redakcja"}
# last words of accounts and organisations credited as authors: 'Newsdesk', 'Local Democracy Reporting Service'
ORGANISATION_WORDS = {"desk", "newsdesk", "team", "staff", "editors", "reports", "wire", "wires", "newsroom", "bureau", "news", "studio",
                      "digital", "online",  # 'Nairobi Mirror Digital'
                      "pressestelle",
                      "inc", "ltd", "llc", "communications", "department", "office", "relations", "affairs",
                      *NEWSROOM_WORDS}
# a CMS login posting for the outlet, written in lower case
CMS_ACCOUNT = re.compile(r"admin|webmaster|web(?:team|desk|editor)?$|editor$|newsroom")
# ... and the first words of bodies named as in most European languages ('Universität Musterstadt', 'University of Leeds')
BODY_FIRST_WORDS = {"university", "universität", "université", "universidad", "università", "universiteit", "uniwersytet",
                    "hochschule", "institut", "institute", "stiftung", "fondation", "fundación", "fondazione", "stichting",
                    "verein", "verband", "ministerium", "ministère", "ministerio", "ministero"}
# ... and last words that are also surnames ('Marion Service'): an organisation's only in a longer name
LONG_ORGANISATION_WORDS = {"service", "services", "agency", "agencies", "media", "network", "group",
                           # ... and of the bodies writers belong to: 'Jane Doe, Great Rivers Conservancy'
                           "conservancy", "foundation", "university", "institute", "council", "association", "society",
                           "college", "commission", "authority", "ministry", "coalition", "alliance", "trustees", "board",
                           # ... and of publications: 'High Plains Report', 'Denver Business Journal' ('Emily Post' is a person)
                           "report", "times", "post", "journal", "herald", "gazette", "tribune", "chronicle", "press",
                           "magazine", "review", "observer", "courier", "ledger", "telegraph", "examiner", "dispatch",
                           "bulletin", "monitor", "sentinel", "inquirer", "standard", "express", "mirror", "independent"}
CREDIT_LINE = re.compile(
    r"^\W*(?:(?:photo|image|picture|graphic|illustration)s?\s+)?(?:credit|courtesy)s?\s*:\s*\S.*$"  # (Credit: X / Y)
    r"|^\W*(?:photo|image|picture|graphic|illustration)s?\s+source\s*:\s*\S.*$"  # 'Image Source: Getty / X'
    r"|^\W*(?:(?:featured|top|header|lead|cover|main|staff)\s+)?(?:photo|image|picture|foto|bild|screenshot|illustration|artwork)s?"
    r"\s*(?:by\s|:|©)\s*\S.*$"
    r"|^\W*(?:(?:featured|top|header|lead|cover|main)\s+)?(?:photo|image|picture|still|graphic|illustration|screenshot|video)s?"
    r"\s+(?:courtesy(?:\s+of)?|via)\s+\S.*$"  # 'still courtesy X', 'Featured photo courtesy of X'
    r"|^\W*(?:getty(?:\s+images)?|shutterstock|istock(?:photo)?|unsplash|alamy|instagram|twitter)\s*[/|:]\s*\S.*$"  # Getty / X
    r"|^\W*(?:[^\W\d_]+\s+)?(?:photo(?:graphy)?|foto|image)s?\s*/\s*\S.*$",  # 'AP Photo/Jane Doe', 'ZESTFUL Photography / Jane Doe'
    re.I)
# a wire story's dateline: 'Bernburg (dpa) -', 'Kiel (dpa/lno) -', 'Candás (Asturias), 17 oct (EFE).-', '(ANSA) - BOLOGNA, 11 MAG -'
DATELINE_AGENCY = re.compile(rf"^\W*(?:[A-ZÀ-Þ][\w./'(), -]{{1,50}}?\s*)?\((?P<agency>{AGENCY_NAMES})(?:/\w+)?\)\.?\s*[-–—:]", re.I)
# ... and its closing credit: 'Fonte: ANSA', 'Bron: ANP', '(afp/jdl)', '... conservas de pescado. EFE'
SOURCE_AGENCY = re.compile(rf"(?:^\W*(?:(?:source|quelle|fonte|fuente|bron|źródło|kilde|källa)\s*:\s*)?\(?"
                           rf"|[.!?]\s+\(?)(?P<agency>{AGENCY_NAMES})(?:/\w+)?\)?\.?\s*$", re.I)
CLOSING_CREDIT = re.compile(r"^\s*(?:text|texte|texto|testo|tekst|words)\s*:\s*(?P<names>[^\n]{3,80})$", re.I)  # 'Text: Jane Doe'
AGENCY_BESIDE_DATE = re.compile(rf"^\W*(?P<agency>{AGENCY_NAMES})\s*[|•·,–—-]\s*(?:{DATE_EXPRESSION.pattern})", re.I)
# the agency a byline credits beside the outlet: 'Le Monde avec AFP', 'Redaktion mit dpa'
AGENCY_WITH = re.compile(rf"(?:\b(?:with|avec|mit|con|met|med)\s+|\w\s*/\s*)(?P<agency>{AGENCY_NAMES})\W*$", re.I)  # ... 'Outlet/TT'
# a byline with no 'By': 'Jane Doe | 19 May 2023', after the desk on some sites: 'Redacción · Jane Doe · 5 de mayo de 2010'
NAME_BESIDE_DATE = re.compile(
    r"^(?:(?P<desk>[^\W\d_][\w'’-]*)\s*[|•·/]\s*)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,2})\s*[|•·,–—-]\s*(?:" + DATE_EXPRESSION.pattern + r")\W*$")
# A byline is a line, not a page: longer values (a 100,000-character author meta seen in fuzzing
# took 21 s to clean) are cut to this before the noise patterns run.
MAX_BYLINE_CHARS = 1000


class ShownByline(NamedTuple):
    """A byline printed as a plain line: its writers, and the people it credits for photos,
    editing... ('Story by A • Photos by B')."""
    names: list[str]
    other_work: list[str] = []
    agency: list[str] = []  # a wire story's credit beside its date ('dpa | 17.08.2019'), for want of any other


def choose_authors(page: PageMetadata, site_names: list[str], text: str, fallback: Any,
                   shown_byline: ShownByline) -> list[str]:
    """The authors most sources agree on: JSON-LD, meta tags, the byline's markup, the byline line, trafilatura's.

    Sources disagree when, say, a CMS's JSON-LD names the account that posted the story
    while the byline names the reporters; the set that another source confirms wins, and
    ties go to the earlier source. trafilatura's guess only confirms: it is taken when the
    page's own sources name nobody. The outlet, news agencies and organisations the JSON-LD
    credits are credits, not people: they are dropped from a list that also names a person
    ('Jane Doe, CNN'), and a list of them alone is a last resort, after a person named by any
    source, then a 'By NAME' line opening the text (a republished piece). trafilatura's guess
    never replaces the outlet either, as it can be a commenter. A desk or account ('Newsdesk')
    stands for the outlet, and a news agency the page names (in the byline, beside the date, in
    the dateline or the closing source line: 'Fonte: ANSA') for a wire story the outlet credits
    to itself. With no source at all: the 'By NAME' line, a contributor note closing the text,
    the reviewer a review site's title names, a news agency so named ('Bernburg (dpa) -'), or
    the writer a one-person site names in its footer or sidebar ('All posts written by NAME').
    A 'Guest post by NAME' line opening the text names the writer over the account that posted it.
    A person the printed byline credits for other work ('Photos by') is no author, whichever
    source lists them. A byline on the page that names the chosen writers and more, linked to
    their writer's pages, wins: JSON-LD filled by SEO plugins names the first writer only.
    """
    guest = _opening_byline(text, GUEST_BYLINE)
    if guest:  # the blog's editor posted it; the guest wrote it
        return guest
    json_ld_people, json_ld_organisations = _json_ld_authors(page)
    # an organisation the JSON-LD credits is an outlet too: a partner's story names its writers in the byline
    outlets = {squash(name) for name in [*site_names, *AGENCIES, *json_ld_organisations]}
    bylines = [names for texts in page.bylines if (names := split_names(texts))]
    # ('Words and photos by A' credits A for both)
    other_work = {_surname(name) for name in shown_byline.other_work} - {_surname(name) for name in shown_byline.names}
    declared = [[name for name in people if _surname(name) not in other_work]
                for names in (json_ld_people or json_ld_organisations, _meta_authors(page, outlets), bylines[0] if bylines else [],
                              shown_byline.names)
                for people in [_people_first(names, outlets)]]
    # trafilatura's guess, unless it is a teaser's byline ('By Ulrich Ibarra' under another story's headline)
    teaser_writers = {_surname(name) for name in split_names(page.teaser_bylines)}
    fallback_names = [name for name in _people_first(split_names(fallback), outlets) if _surname(name) not in teaser_writers]
    printed_agency = shown_byline.agency or _wire_agency(text)  # beside the date, in the dateline or the source line
    if not any(declared):  # the page's own credits before trafilatura's guess, which can be a teaser's byline
        spelled_out = fallback_names and all(_is_credit(name, outlets) for name in fallback_names)  # 'The Associated Press'
        own = (_body_byline(text) or _closing_note(text) or reviewer_in_title(page) or (printed_agency if not spelled_out else [])
               or _staff_credit(page) or next(filter(None, map(_printed_names, page.site_credits)), []))
        if own or not fallback_names:
            return own
    sources = [names for names in declared + [fallback_names] if names]
    surnames = [{_surname(name) for name in names} for names in sources]
    support = [sum(bool(mine & other) for j, other in enumerate(surnames) if j != i)
               for i, mine in enumerate(surnames)]
    # trafilatura's guess confirms the page's own sources but is taken only when there are none
    # ('Loop; Lantern; Hannah Lowe' is confirmed by both the shop and its writer)
    own = range(len(sources) - 1) if len(sources) > 1 and sources[-1] is fallback_names else range(len(sources))
    chosen = sources[max(own, key=lambda i: (support[i], -i))]
    # a byline on the page naming the chosen writers and more, each linked to a writer's page: SEO
    # plugins' JSON-LD lists the first writer only
    chosen_surnames = {_surname(name) for name in chosen}
    linked = {_surname(name) for name in split_names(page.linked_writers)}
    chosen = next((names for names in declared[2:] if chosen_surnames < (more := {_surname(name) for name in names})
                   and more - chosen_surnames <= linked), chosen)

    def only_credits(names: list[str]) -> bool:
        return all(_is_credit(name, outlets) for name in names)

    if only_credits(chosen):
        people = [names for names in declared if names and not only_credits(names)]
        outlet = outlet_name(page)
        # a desk or account stands for the outlet ('DL News Desk' is the Deccan Ledger's), and so does
        # its host name (as trafilatura capitalises it: 'Tirol Example At'); a desk of an outlet the
        # page does not name stands for nobody ('Desk Report')
        hosts = {squash(name) for name in site_names if "." in name}
        # (but not another body it credits: 'Nordic Catchment Institute')
        credited = _dedupe([outlet if outlet and (_is_desk(name) or squash(name) in hosts or squash(outlet) in squash(name)
                                                  or squash(name) == squash(_without_trailing_numbers(outlet)))  # 'SouthFL Now 7'
                            else name for name in chosen if outlet or not GENERIC_CREDIT.fullmatch(name.strip())])
        credited = _dedupe([*credited, *_agency_beside_outlet(page)])  # 'Le Monde avec AFP': both
        # a news agency the page prints says more than the outlet, or a desk or account the metadata names
        # ('WKRX News Staff', 'La rédaction' over '(afp/jdl)')
        agencies = next((names for names in declared if names and all(norm_text(name) in AGENCIES for name in names)),
                        printed_agency)
        if agencies and all(_is_account(name) or squash(name) in map(squash, site_names) for name in chosen):
            credited = agencies
        return people[0] if people else (_body_byline(text) or _closing_note(text) or credited)
    return _with_full_name(chosen, page)


def _with_full_name(names: list[str], page: PageMetadata) -> list[str]:
    """A blogger's first name alone in the byline ('von Annelie') written out as the site's 'About
    me' box gives it ('Ich bin Annelie Brandstätter')."""
    if len(names) != 1 or len(names[0].split()) != 1:
        return names
    return next(([full] for credit in page.site_credits for full in _printed_names(credit)
                 if len(full.split()) > 1 and full.split()[0].lower() == names[0].lower()), names)


def _people_first(names: list[str], outlets: set[str]) -> list[str]:
    """Names without the credits of outlets, agencies and accounts when a person is named too.

    'Jane Doe BBC News' (a byline's name and its outlet run together) is 'Jane Doe';
    ['Jane Doe', 'CNN'] is ['Jane Doe']; ['Reuters'] or ['Newsdesk'] stays, for the caller to weigh.
    """
    cut = []
    for name in names:
        words = name.split()
        # the longest outlet at the end that leaves a name of two words or more ('Department for' is none)
        ends = [k for k in range(2, len(words)) if squash(" ".join(words[k:])) in outlets and not words[k - 1].islower()]
        cut.append(" ".join(words[:ends[0]]) if ends else name)
    people = [name for name in cut if not _is_credit(name, outlets) and not _is_edition(name, outlets)]
    return _dedupe(people or cut)


def _is_edition(name: str, outlets: set[str]) -> bool:
    """An outlet's edition or branch, named by two words or more of its name and a place: 'By Jane Doe |
    Health correspondent, BBC News Scotland'."""
    words = name.split()
    return any(squash(" ".join(words[:k])) in outlets for k in range(2, len(words)))


def _is_credit(name: str, outlets: set[str]) -> bool:
    """An outlet, agency or account ('Newsdesk', 'Local Democracy Reporting Service') credited as an
    author; 'The Exchange' is a publication, whatever type its JSON-LD gives it, and so are
    'CityPulse' and 'NPR' ('By Aurelio Banks, CityPulse'), and the outlet's account in lower case ('wqrtweb')."""
    account = squash(name) if name.strip().islower() and len(name.split()) == 1 else ""
    return (squash(name) in outlets or any(len(outlet) >= 4 and account.startswith(outlet) for outlet in outlets)
            or _is_account(name) or re.match(r"(?i)the\s+\S", name.strip()) is not None
            or ONE_WORD_OUTLET.fullmatch(name.strip()) is not None)


def _is_account(name: str) -> bool:
    if norm_text(name) in AGENCIES:  # 'The Associated Press' is a credit of its own, not the outlet's account
        return False
    words = name.split()
    last = words[-1].lower().strip(".") if words else ""
    first = words[0].lower() if words else ""
    return (last in ORGANISATION_WORDS or (len(words) >= 3 and last in LONG_ORGANISATION_WORDS)
            or any(word.isdigit() for word in words)  # a station: '7 News WSVN', '12 News WPLX'
            or first in NEWSROOM_WORDS | {"radio", "tv"}  # 'Redactie Buurtkrant', 'Redaktion Kultur', 'Radio Bremen'
            or (len(words) >= 2 and first in BODY_FIRST_WORDS)  # 'Universität Musterstadt', 'University of Leeds'
            or (len(words) == 1 and name.islower() and CMS_ACCOUNT.search(name) is not None)  # 'wkzn-admin', 'brooksideadmin'
            or GENERIC_CREDIT.fullmatch(name.strip()) is not None)


def _is_desk(name: str) -> bool:
    """An account of the outlet's own ('DL News Desk'), not another body it credits ('Nordic Catchment Institute')."""
    return GENERIC_CREDIT.fullmatch(name.strip()) is not None or (
        _is_account(name) and name.split()[-1].lower().strip(".") not in LONG_ORGANISATION_WORDS)


def _surname(name: str) -> str:
    words = [w for w in norm_text(name).split() if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else ""


def _json_ld_authors(page: PageMetadata) -> tuple[list[str], list[str]]:
    """The people and the organisations the page's article credits as its author in JSON-LD."""
    people = {obj.get("@id"): obj for obj in page.json_ld_other if obj.get("@id")}
    for obj in page.json_ld:
        persons, organisations = [], []
        for author in as_list(obj.get("author")) or as_list(obj.get("creator")):
            if isinstance(author, dict):
                author = people.get(author.get("@id"), author) if "name" not in author else author
                if OTHER_JOB.search(text_value(author.get("jobTitle")) or ""):
                    continue  # the graphics or the photos: '{"name": "Jane Doe", "jobTitle": "Graphics"}'
                kinds = {t.lower() for t in as_list(author.get("@type")) if isinstance(t, str)}
                found = split_names(text_value(author.get("name")))
                (organisations if kinds and not kinds & {"person"} else persons).extend(found)
            elif isinstance(author, str) and not author.startswith("http"):
                persons.extend(split_names(author))
        if persons or organisations:  # an agency listed beside its reporters is no author of its own
            return persons, organisations
    return [], []


def _meta_authors(page: PageMetadata, outlets: set[str]) -> list[str]:
    for name in AUTHOR_META:
        values = [v for v in page.meta.get(name, []) if v.strip() and not is_web_url(v)]
        if name in LIBRARY_ORDER_META:  # one creator a tag, as catalogues write them: 'Doe, Jane'
            values = [LIBRARY_ORDER.sub(r"\2 \1", v) for v in values]
        # the site credited whole: 'Loop and Lantern' is one shop, not two people, and so is its newsroom
        # ('Redaktion Himmel & Erde')
        names = [n for v in values for n in ([v.strip()] if squash(_without_newsroom_word(v)) in outlets
                                             else split_names(v))]
        if names:
            return names
    return []


def _without_newsroom_word(credit: str) -> str:
    """'Redaktion Himmel & Erde' -> 'Himmel & Erde': the newsroom's credit names its outlet."""
    first, _, rest = credit.strip().partition(" ")
    return rest if first.lower() in NEWSROOM_WORDS and rest else credit


def _body_byline(text: str) -> list[str]:
    """A 'By Jane Doe' ('Door', 'Von' ...) line opening the text, or a scholar's credit ('Jane Doe, University of
    Leeds'), else a 'Written by Jane Doe' or 'Text: Jane Doe' line closing it."""
    last = text.rsplit("\n", 1)[-1]
    return (_opening_byline(text, BODY_BYLINE) or next(filter(None, map(scholar_credit, text.split("\n")[:2])), [])
            or byline_names(last) or byline_names(last, CLOSING_CREDIT))


def scholar_credit(line: str) -> list[str]:
    """The scholars a 'Jane Doe, University of Leeds and John Roe, Monash University' line credits."""
    parts = re.split(r"\s*;\s*|,?\s+and\s+(?=[A-Z])", line.strip())
    credits = [SCHOLAR_CREDIT.match(part) for part in parts if len(part.split()) <= SCHOLAR_CREDIT_WORDS]
    return [credit.group("name") for credit in credits] if len(credits) == len(parts) and all(credits) and not any(
        credit.group("name").isupper() for credit in credits) else []


def _staff_credit(page: PageMetadata) -> list[str]:
    """The outlet, for a byline that credits its staff and no one by name ('Staff Reporter', 'Newsdesk')."""
    outlet = outlet_name(page)
    credits_staff = any(GENERIC_CREDIT.fullmatch(BY_LABEL.sub("", clean_space(text)).strip(" .:"))
                        for texts in page.bylines for text in texts)  # 'By Staff Reporter'
    return [outlet] if outlet and credits_staff else []


def _wire_agency(text: str) -> list[str]:
    """The news agency of a wire story: in the dateline opening the text ('Bernburg (dpa) - ...') or
    the source line closing it ('Fonte: ANSA')."""
    lines = text.split("\n")
    found = [match for line in lines[:4] if (match := DATELINE_AGENCY.match(line))] or [
        match for line in lines[-2:] if (match := SOURCE_AGENCY.search(line))]
    return [found[0].group("agency")] if found else []


def _agency_beside_outlet(page: PageMetadata) -> list[str]:
    """The agency the byline credits with the outlet: 'Le Monde avec AFP', 'Redaktion mit dpa', 'The Nordic Post/TT'."""
    return next(([match.group("agency")] for text in (page.bylines[0] if page.bylines else [])
                 if (match := AGENCY_WITH.search(clean_space(text)))), [])


def _opening_byline(text: str, pattern: re.Pattern) -> list[str]:
    """The names of the first of the text's opening lines that is such a byline."""
    return next((names for line in text.split("\n")[:4] if (names := byline_names(line, pattern))), [])


def byline_names(line: str, pattern: re.Pattern = BODY_BYLINE) -> list[str]:
    """The names of a 'By Jane Doe, Staff Writer' line; none for 'By noon, the crowd had gone.'"""
    match = pattern.match(line.strip())
    return _printed_names(match.group("names")) if match else []


def _printed_names(text: str) -> list[str]:
    """Names in a byline printed as plain text: capitalised, two words or more ('By Thursday, ...' names nobody)."""
    return [name for name in split_names(text) if _capitalised(name) and len(name.split()) >= 2]


def printed_byline(page: PageMetadata, tree, site_names: list[str]) -> ShownByline:
    """Names in a byline printed as a plain line, with no markup that says so.

    'By Jane Doe, Local Democracy Reporting Service', 'Posted on August 9, 2021 by Jane Doe',
    'Von Max Muster | 03.04.2023', 'Words: Jane Doe | Pictures: ...', 'Jane Doe | 19 May
    2023': the first short line between the headline and the text with 'by' (or its German,
    French, Spanish, Dutch or Nordic word) or a 'Words:' label before capitalised names, or
    a name beside the date; else such a sentence in the post's footer line ('This entry was
    posted on ... by Jane Doe and is filed under News.'). Credits for photos or editing
    ('Photo by') are not bylines, nor 'hit by ice storms', and the people they name are
    returned apart, for the other sources not to credit them ('Story by A • Photos by B').
    """
    footers = [el for el in tree.xpath(POST_FOOTER_XPATH) if not in_comments(el)]
    agency: list[str] = []
    read: list[str] = []  # the lines read so far, the byline's block among them: 'Text: A' over 'Photos: B'
    for element in itertools.chain(elements_after_headline(page, tree, site_names), footers):
        # 'By Jane Doe<div>BBC News</div>': two words, not one; 'By JANE DOE<br>Record Staff Writer': two lines
        texts = [re.sub(r"\s+(?=[.,!?](?:\s|$))", "", text) for text in spaced_lines(element)]  # '<a>News</a>.'
        read += texts
        limit = FOOTER_BYLINE_WORDS if element in footers else SHOWN_BYLINE_WORDS
        for line in (line for text in texts for line in SENTENCE_END.split(text)):
            scholars = scholar_credit(re.split(r"\s+[|•·–—]\s+", line)[0])  # 'Jane Doe, University of Leeds — May 3, 2017'
            if scholars:
                return ShownByline(scholars)
            if len(line.split()) > limit or CREDIT_LINE.match(line):
                continue
            # 'Translated from the French by A' is no byline
            other_by = {credit.end() for credit in OTHER_WORK_BY.finditer(line) if re.search(r"\bby\W*$", credit.group(), re.I)}
            labels = [match for match in itertools.chain(WORDS_BYLINE.finditer(line), SHOWN_BYLINE.finditer(line))
                      if not NOT_BYLINE_CREDIT.match(before := match.groupdict().get("before") or "")
                      and not SENTENCE_VON.fullmatch(f"{before} {match.group().split()[-1]}") and match.end() not in other_by]
            for label in labels:  # 'Medically reviewed by A · Written by B': the writer's, not the reviewer's
                names = _printed_names(line[label.end():])
                if names:
                    return ShownByline(names, [name for text in read for credit in OTHER_WORK_BY.finditer(text)
                                               for name in _printed_names(text[credit.end():])])
            posted = POSTED_BY_ONE_NAME.search(line) or DATE_BY_ONE_NAME.match(line)
            if posted and posted.group("name").lower() not in NOT_NAMES:
                return ShownByline([posted.group("name")])
            wire = AGENCY_BESIDE_DATE.match(line)  # 'dpa | 17.08.2019 - 11:20 Uhr': a wire story
            agency = agency or ([wire.group("agency")] if wire else [line.strip()] if norm_text(line) in AGENCIES else [])
            named = NAME_BESIDE_DATE.match(line)  # 'Jane Doe | 19 May 2023': a byline with no 'By'
            if named and not named.group("name").isupper() and not _is_account(named.group("name")) and not any(
                    word.lower() in NOT_NAMES or CALENDAR_WORD.fullmatch(word) for word in named.group("name").split()) and (
                    not named.group("desk") or _is_account(named.group("desk"))):  # not 'Posted Thursday, ...'
                return ShownByline([named.group("name")])
    return ShownByline([], agency=agency)


def _capitalised(name: str) -> bool:
    return all(word[:1].isupper() or word.lower() in NAME_PARTICLES for word in name.split())


def _closing_note(text: str) -> list[str]:
    """The writer named in a contributor note closing the text: 'Jane Doe is a freelance writer based in Leeds.'"""
    *body, last = text.split("\n")
    match = CONTRIBUTOR_NOTE.match(last.strip()) if len(last.split()) <= CONTRIBUTOR_NOTE_WORDS else None
    if match and _surname(match.group("name")) not in norm_text(" ".join(body)).split():
        return split_names(match.group("name"))  # a person the story names before is its subject, not its writer
    return []


def reviewer_in_title(page: PageMetadata) -> list[str]:
    """The writer of a review that review sites name only in the page's titles: 'shop.co.uk
    reviewed by Mrs H Pyke', 'Mrs H Pyke gave shop.co.uk 5 stars. Check out the full review...',
    'Jane Doe reviewed Shop Ltd'."""
    for title in (page.title_tag, page.first_meta(["og:title", "twitter:title"])):
        match = REVIEWER_IN_TITLE.search(title or "")
        if match and (names := _printed_names(match.group("by") or match.group("gave"))):
            return names[:1]
    return []


def without_writer_notes(text: str, authors: list[str]) -> str:
    """The text without the notes on its writers that close it ('Jane Doe is a staff writer at The
    Courier.', 'John Roe covers Google and Android.', 'Contact Jane Doe at ...'): the author boxes
    printed under the story."""
    lines = text.split("\n")
    surnames = {_surname(author) for author in authors}
    while len(lines) > 1 and len(lines[-1].split()) <= CONTRIBUTOR_NOTE_WORDS and (
            (note := WRITER_NOTE.match(lines[-1].strip()) or CONTACT_NOTE.match(lines[-1].strip()))
            and _surname(note.group("name")) in surnames or surnames & set(map(_surname, scholar_credit(lines[-1])))):
        lines.pop()
    return "\n".join(lines)


def split_names(value: Any) -> list[str]:
    """Clean person names out of a byline string (or list): no 'By', roles, dates, e-mail links."""
    if not value:
        return []
    if isinstance(value, (list, tuple)):  # a role given as the next item is the role of the name before it
        names: list[str] = []
        for name in (name for item in value for name in split_names(item)):
            if not (names and _is_role(name)):
                names.append(name)
        return names
    text = clean_space(html_lib.unescape(str(value)[:MAX_BYLINE_CHARS]))
    for pattern in BYLINE_NOISE:
        text = pattern.sub(lambda match: match.groupdict().get("keep") or " ", text).strip()
    text = OTHER_CREDIT.split(text, maxsplit=1)[0]  # 'Jane Doe | Pictures: John Roe', 'Jane Doe Edited by John Roe'
    names = []
    # 'and' in the languages of the bylines read: 'Door Pieter Claes en Lotte Vermeulen', 'Ana Ruiz y Luis Gil';
    # a spaced dash: 'Carl Mendenhall - email'
    parts = re.split(r"\s*([,;/|·•»]|\s[-–—]\s|\b(?:and|und|et|en|y|e|i|og|och)\b|&|\n)\s*", text)
    after_role = False
    for part, separator in itertools.zip_longest(parts[::2], [""] + parts[1::2], fillvalue=""):
        part = part.strip(" .:-–—()[]\"'»›→«‹+")  # '+ Follow'
        if after_role and separator in (",", ";") and (len(part.split()) == 1 or part == parts[-1].strip()):
            continue  # the role's place or employer: 'Jane Doe, Programme Officer, Malawi'
        after_role = False
        if separator == "/" and names and norm_text(names[-1]) in AGENCIES and part.islower():
            continue  # the agency's regional service: 'dpa/lnw'
        if re.fullmatch(r"(?:jr|sr|ii|iii|iv)\.?", part, re.I) and names:
            names[-1] = f"{names[-1]} {part if part.endswith('.') or len(part) > 2 else part + '.'}"
            continue
        if CREDENTIAL.fullmatch(part) and names:
            continue  # a degree after the name: 'Jane Doe, MPH', 'Jane Doe, MD'
        if names and _is_role(part):
            after_role = True
            continue  # the role after a name: 'Jane Doe | Regional Correspondent', '..., Local democracy reporter'
        part = _without_trailing_role(_without_trailing_numbers(part))  # 'Jenni Evans News24'
        part = ACADEMIC_TITLE.sub("", part)  # 'Dr Hannah Velde': one name for one person across sources
        if _looks_like_name(part):
            names.append(part.title() if part.isupper() and len(part) > 3 else part)  # 'JANE DOE' -> 'Jane Doe'
    return names


def _without_trailing_numbers(name: str) -> str:
    """'Jenni Evans News24' -> 'Jenni Evans', 'SouthFL Now 7' -> 'SouthFL Now': the words holding digits at the end."""
    return re.sub(r"(?:\s+\S*\d\S*)+$", "", name)


def _is_role(part: str) -> bool:
    """A byline's part that is a role, not a second writer: 'Regional Correspondent', 'Director of
    Communications', 'Redakteurin', 'Vorsitzender des Vereins ...'."""
    words = part.split()
    return bool(words) and ((len(words) <= 4 and ROLE_NOUN.fullmatch(words[-1]) is not None)
                            or ROLE_PHRASE.match(part) is not None
                            or (len(words) == 1 and GERMAN_ROLE_NOUN.fullmatch(part) is not None))


def _without_trailing_role(name: str) -> str:
    """'Jane Doe Local democracy reporter' -> 'Jane Doe': a role written after a name without a comma.

    The role is the tail that ends in a role noun and runs on in role words or lower case,
    starting at a role word or at a capitalised word the lower case follows ('Special
    correspondent', 'Staff Writer', 'Local democracy reporter'); two words stay for the name.
    """
    words = name.split()
    # a writer's card read as one line, its job line after the name: 'Jane Doe VP Engineering', 'Jane Doe Head'
    rank = next((start for start in range(2, len(words)) if words[start].lower() in RANK_WORDS
                 and len(words) - start - 1 <= ROLE_TAIL_WORDS), None)
    if rank is not None:
        return " ".join(words[:rank])
    if len(words) < 3 or not ROLE_NOUN.fullmatch(words[-1]):  # 'Eleanor Grace Senior' is a name
        return name
    for start in range(2, len(words)):
        tail = words[start + 1:]
        # ... or at a publication's word before role words: 'Russell Ames Dispatch Staff Writer'
        opens = ROLE_WORDS.fullmatch(words[start]) or (tail and tail[0].islower()) or (
            words[start].lower() in LONG_ORGANISATION_WORDS and tail and ROLE_WORDS.fullmatch(tail[0]))
        # ... with a word of its field between its rank and its noun: 'Chief Trust Officer'
        if opens and (all(word.islower() or ROLE_WORDS.fullmatch(word) for word in tail)
                      or (ROLE_WORDS.fullmatch(words[start]) and len(tail) <= ROLE_TAIL_WORDS)):
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
    if words[-1].lower() in POLICY_WORDS:
        return False
    if all(CALENDAR_WORD.fullmatch(w) for w in words):
        return False  # what a cut date leaves: 'Mon Jan'
    if words[-1].islower() and ROLE_WORDS.fullmatch(words[-1]):
        return False  # a role, names being capitalised: 'Record correspondent', 'Courier staff'
    if sum(word.islower() and word not in NAME_PARTICLES | {"of", "and", "for"} for word in words) >= 2:
        return False  # words of a sentence: 'This content was (published on ...)'
    if words[0].islower() and any(word[0].isupper() for word in words[1:]):
        return False  # a sentence's end, not a name: '(heißt es von) den Stadtwerken'
    if "_" in part or re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", part):
        return False  # an account's handle ('gwt_webadmin', 'klangraum_team') or a host ('tirol.example.at')
    return not re.search(r"https?://|www\.|\d{3,}", part)


def _dedupe(names: list[str]) -> list[str]:
    seen, result = set(), []
    for name in names:
        key = squash(name)
        if key and key not in seen:
            seen.add(key)
            result.append(name)
    return result
