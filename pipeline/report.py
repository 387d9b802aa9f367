"""``newsbeam report``: one self-contained HTML page of charts and tables over an output directory.

Every number comes from a DuckDB query over the tables (``pipeline.query.connect``). Charts are
drawn with matplotlib as SVG and embedded as ``data:`` URIs in ``<img>`` tags, so the page has no
script, no external stylesheet, no font download: it opens offline and can be mailed as one file.
Text is drawn as paths, so the charts look the same on machines without the fonts used here.
Each chart has alt text and a table with the same numbers under it, for screen readers and for
copying figures. All text from the data is escaped by Jinja2's autoescaping (article titles and
quotes are untrusted input), and only http(s) article URLs become links.

Days: an article's day is its publication date (UTC), else the ``ingest_date`` of the run that
read it; ``--from``/``--to`` select articles by that day and sources/errors by ``ingest_date``.
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import jinja2
import matplotlib
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.query import connect
from transforms.urls import is_web_url

ASSETS_DIR = Path(__file__).with_name("report_assets")
TOP_SPEAKERS = 12
SPEAKERS_WITH_EXAMPLES = 6
EXAMPLE_QUOTES = 3
TOP_TOPICS_PER_SPEAKER = 3
TOP_ENTITIES = 12
TOP_PAIRS = 15
TOP_OUTLETS = 15
TOPICS_IN_CHART = 8
MAX_LABEL_CHARS = 40
MAX_QUOTE_CHARS = 320
PLACE_LABELS = ("GPE", "LOC", "FAC")

# Okabe & Ito colour-blind-safe colours for bars; topics get tab20 colours (see _topic_colour).
DIRECT_COLOUR, INDIRECT_COLOUR, BAR_COLOUR, OTHER_COLOUR = "#0072B2", "#E69F00", "#0072B2", "#999999"
CHART_STYLE = {
    "svg.fonttype": "path",      # glyphs as paths: no font needed where the page is opened
    "svg.hashsalt": "newsbeam",  # stable element ids, so the same data gives the same file
    "text.parse_math": False,    # a '$' in a name is a dollar sign, not mathtext
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass
class DataTable:
    """An HTML table: the accessible, copyable form of a chart's numbers."""
    caption: str
    columns: list[str]
    rows: list[tuple]


@dataclass
class Chart:
    title: str
    description: str  # one sentence on what is counted; also the start of the image's alt text
    table: DataTable
    image: str | None = None  # data: URI of the SVG; None when there is nothing to draw

    @property
    def alt(self) -> str:
        return f"{self.title}. {self.description} The numbers are in the table below the chart."


@dataclass
class SpeakerExamples:
    name: str
    topics: list[str]
    quotes: list[dict] = field(default_factory=list)


@dataclass
class Period:
    """The days the report covers and how the timeline is bucketed (day, week or month)."""
    date_from: dt.date | None
    date_to: dt.date | None
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    unit: str = "day"

    def sql_between(self, column: str) -> str:
        """A SQL condition on a date column; dates come from date objects, so inlining is safe."""
        conditions = []
        if self.date_from:
            conditions.append(f"{column} >= DATE '{self.date_from.isoformat()}'")
        if self.date_to:
            conditions.append(f"{column} <= DATE '{self.date_to.isoformat()}'")
        return " and ".join(conditions) or "true"

    @property
    def label(self) -> str:
        if self.date_from or self.date_to:
            return f"{self.date_from or 'the first day'} to {self.date_to or 'the last day'}"
        return "all days"


def write_report(root: str, out: str | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> str:
    """Write the report of the output directory ``root`` to ``out`` (default ``root/report.html``)
    and return the path written. ``date_from``/``date_to`` are ISO dates or None."""
    period = Period(_parse_date(date_from), _parse_date(date_to))
    if period.date_from and period.date_to and period.date_from > period.date_to:
        raise ValueError(f"--from {period.date_from} is after --to {period.date_to}")
    con = connect(root)
    try:
        page = render_report(con, period, title=os.path.basename(os.path.abspath(root)))
    finally:
        con.close()
    out = out or os.path.join(root, "report.html")
    tmp = f"{out}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(page)
    os.replace(tmp, out)  # a reader never sees half a report
    return out


def render_report(con: duckdb.DuckDBPyConnection, period: Period, title: str) -> str:
    _create_period_views(con, period)
    first, last = con.execute("select min(day), max(day) from report_articles").fetchone()
    period.first_day, period.last_day = first, last
    period.unit = _time_unit(first, last)
    with matplotlib.rc_context(CHART_STYLE):
        context = {
            "title": title,
            "period": period,
            "generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "summary": _summary(con),
            "coverage_charts": [_articles_over_time(con, period), _articles_per_outlet(con)],
            "source_status": _source_status(con),
            "error_kinds": _error_kinds(con),
            "speakers_chart": _speakers_chart(con),
            "speaker_examples": _speaker_examples(con),
            "topics_chart": _topics_over_time(con, period),
            "entity_charts": [
                _entities_chart(con, ("PERSON",), "Most mentioned people"),
                _entities_chart(con, ("ORG",), "Most mentioned organisations"),
                _entities_chart(con, PLACE_LABELS, "Most mentioned places"),
            ],
            "pairs_chart": _person_org_pairs(con),
        }
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ASSETS_DIR), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("report.html.j2").render(**context)


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _create_period_views(con: duckdb.DuckDBPyConnection, period: Period) -> None:
    """``report_*`` views: the tables restricted to the period, articles with their day and outlet."""
    con.execute("set TimeZone = 'UTC'")  # published_at::date is the UTC day, whatever the machine's zone
    con.execute(rf"""
        create or replace temp view report_articles as
        select * from (
            select a.article_id, a.title, coalesce(a.canonical_url, a.url) as url, a.published_at, a.ingest_date,
                   a.extracted, coalesce(cast(a.published_at as date), a.ingest_date) as day,
                   coalesce(nullif(a.source, ''),
                            nullif(regexp_extract(coalesce(a.canonical_url, a.url), '^https?://(?:www\.)?([^/:?#]+)', 1), ''),
                            nullif(regexp_extract(coalesce(a.input_uri, a.url), '([^/]+)$', 1), ''),
                            'unknown') as outlet
            from articles a)
        where {period.sql_between('day')}""")
    for table in ("quotes", "entities", "topics"):
        con.execute(f"""create or replace temp view report_{table} as
                        select t.*, a.day, a.title, a.url from {table} t join report_articles a using (article_id)""")
    for table in ("sources", "errors"):
        con.execute(f"create or replace temp view report_{table} as select * from {table} "
                    f"where {period.sql_between('ingest_date')}")
    # A speaker is one person however NER labelled them in each article: key without its label.
    con.execute(f"""create or replace temp view report_speaker_quotes as
                    select *, {_name_key('speaker_key', 'speaker')} as speaker_id from report_quotes
                    where speaker is not null and speaker <> ''""")


def _name_key(key_column: str, name_column: str) -> str:
    """SQL for an entity's identity without its label: ``entity_key`` minus the ``LABEL:`` prefix."""
    return (f"coalesce(nullif(regexp_replace({key_column}, '^[^:]*:', ''), ''), lower({name_column}))")


def _time_unit(first: dt.date | None, last: dt.date | None) -> str:
    """Days for up to three months, then weeks for up to two years, then months: bars stay readable."""
    span = (last - first).days if first and last else 0
    return "day" if span <= 92 else "week" if span <= 731 else "month"


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


# ---------------------------------------------------------------- run and coverage summary

def _summary(con) -> list[tuple[str, str]]:
    """Headline figures, as (label, value) pairs."""
    articles, outlets, extracted = con.execute(
        "select count(*), count(distinct outlet), count(*) filter (where extracted is not false) "
        "from report_articles").fetchone()
    quotes, attributed = con.execute("select count(*), count(speaker) from report_quotes").fetchone()
    speakers = con.execute("select count(distinct speaker_id) from report_speaker_quotes").fetchone()[0]
    runs, reads, not_modified, failed = con.execute(
        "select count(distinct run_id), count(*), count(*) filter (where status = 'not_modified'), "
        "count(*) filter (where status = 'error') from report_sources").fetchone()
    errors = con.execute("select count(*) from report_errors").fetchone()[0]
    summary = [
        ("Articles", f"{articles:,}"),
        ("Outlets", f"{outlets:,}"),
        ("Articles not extracted", f"{articles - extracted:,}"),
        ("Quotes", f"{quotes:,}"),
        ("Quotes with a known speaker", f"{attributed:,}" + (f" ({attributed / quotes:.0%})" if quotes else "")),
        ("Speakers", f"{speakers:,}"),
        ("Runs", f"{runs:,}"),
        ("Source reads", f"{reads:,}"),
        ("Not modified since last read", f"{not_modified:,}"),
        ("Sources that failed", f"{failed:,}"),
        ("Errors", f"{errors:,}"),
    ]
    return summary


def _articles_over_time(con, period: Period) -> Chart:
    unit = period.unit
    rows = _rows(con, f"""
        select cast(date_trunc('{unit}', day) as date) as bucket, count(*) as articles,
               count(*) filter (where published_at is null) as undated
        from report_articles group by 1 order by 1""")
    chart = Chart(
        title=f"Articles per {unit}",
        description=f"Number of articles per {unit} of publication (the ingest day when the publication date is unknown).",
        table=DataTable(f"Articles per {unit}", [unit.capitalize(), "Articles", "Without a publication date"],
                        [(_format_bucket(b, unit), n, u) for b, n, u in rows]))
    if rows:
        chart.image = _time_bars([b for b, _, _ in rows], {"articles": [n for _, n, _ in rows]},
                                 {"articles": BAR_COLOUR}, unit, chart.title, "Articles", legend=False)
    return chart


def _articles_per_outlet(con) -> Chart:
    rows = _rows(con, "select outlet, count(*) as n from report_articles group by 1 order by n desc, outlet")
    shown = rows[:TOP_OUTLETS]
    if len(rows) > TOP_OUTLETS:
        rest = rows[TOP_OUTLETS:]
        shown.append((f"{len(rest)} other outlets", sum(n for _, n in rest)))
    chart = Chart(
        title="Articles per outlet",
        description="Number of articles per outlet (site or feed name, else the web domain, else the input file).",
        table=DataTable("Articles per outlet", ["Outlet", "Articles"], shown))
    if shown:
        chart.image = _horizontal_bars([o for o, _ in shown], {"articles": [n for _, n in shown]},
                                       {"articles": BAR_COLOUR}, chart.title, "Articles", legend=False)
    return chart


def _source_status(con) -> DataTable:
    rows = _rows(con, """
        select kind, status, count(*) as reads, count(distinct source) as sources,
               coalesce(sum(articles), 0) as articles, coalesce(sum(duplicates), 0) as duplicates,
               coalesce(sum(errors), 0) as errors
        from report_sources group by all order by kind, reads desc""")
    return DataTable("Source reads by kind and status",
                     ["Kind", "Status", "Reads", "Sources", "New articles", "Duplicates", "Item errors"], rows)


def _error_kinds(con) -> DataTable:
    rows = _rows(con, """
        select stage, error_type, count(*) as n, any_value(message) as example
        from report_errors group by all order by n desc, stage, error_type limit 20""")
    return DataTable("Errors by stage and kind", ["Stage", "Kind", "Errors", "Example message"],
                     [(s, t, n, _shorten(m or "", 200)) for s, t, n, m in rows])


# ---------------------------------------------------------------- speakers

def _top_speakers_sql(limit: int) -> str:
    return f"""
        select speaker_id, mode(speaker) as name,
               count(*) filter (where type = 'direct') as direct,
               count(*) filter (where type <> 'direct') as indirect,
               count(*) as quotes, count(distinct article_id) as articles
        from report_speaker_quotes group by speaker_id
        order by quotes desc, articles desc, name limit {int(limit)}"""


def _speaker_topics(con, limit: int) -> dict[str, list[str]]:
    """Each top speaker's most frequent topics, over the articles they are quoted in."""
    rows = _rows(con, f"""
        with top as ({_top_speakers_sql(limit)}),
        counted as (
            select q.speaker_id, t.topic, count(distinct q.article_id) as articles
            from report_speaker_quotes q join report_topics t using (article_id)
            where q.speaker_id in (select speaker_id from top)
            group by all)
        select speaker_id, topic from counted
        qualify row_number() over (partition by speaker_id order by articles desc, topic) <= {TOP_TOPICS_PER_SPEAKER}
        order by speaker_id, articles desc, topic""")
    topics: dict[str, list[str]] = {}
    for speaker_id, topic in rows:
        topics.setdefault(speaker_id, []).append(topic)
    return topics


def _speakers_chart(con) -> Chart:
    speakers = _rows(con, _top_speakers_sql(TOP_SPEAKERS))
    topics = _speaker_topics(con, TOP_SPEAKERS)
    chart = Chart(
        title="Most quoted speakers",
        description=f"The {TOP_SPEAKERS} speakers with the most quotes, split into direct quotes "
                    "(in quotation marks) and indirect ones (reported speech).",
        table=DataTable("Most quoted speakers",
                        ["Speaker", "Direct quotes", "Indirect quotes", "Articles", "Top topics"],
                        [(name, direct, indirect, articles, "; ".join(topics.get(sid, [])) or "–")
                         for sid, name, direct, indirect, _, articles in speakers]))
    if speakers:
        chart.image = _horizontal_bars(
            [s[1] for s in speakers],
            {"direct": [s[2] for s in speakers], "indirect": [s[3] for s in speakers]},
            {"direct": DIRECT_COLOUR, "indirect": INDIRECT_COLOUR}, chart.title, "Quotes", legend=True)
    return chart


def _speaker_examples(con) -> list[SpeakerExamples]:
    """A few quotes of each of the most quoted speakers: direct ones first, from different articles."""
    speakers = _rows(con, _top_speakers_sql(SPEAKERS_WITH_EXAMPLES))
    topics = _speaker_topics(con, SPEAKERS_WITH_EXAMPLES)
    rows = _rows(con, f"""
        with top as ({_top_speakers_sql(SPEAKERS_WITH_EXAMPLES)}),
        ranked as (
            select q.*, row_number() over (partition by q.speaker_id, q.article_id
                                           order by q.type = 'direct' desc, length(q.text) >= 40 desc, q.quote_index) as in_article
            from report_speaker_quotes q where q.speaker_id in (select speaker_id from top))
        select speaker_id, text, type, cue, speaker_mention, title, url, day from ranked
        qualify row_number() over (partition by speaker_id
                                   order by in_article, type = 'direct' desc, day desc, article_id, quote_index) <= {EXAMPLE_QUOTES}
        order by speaker_id, in_article, type = 'direct' desc, day desc, article_id, quote_index""")
    examples = {sid: SpeakerExamples(name, topics.get(sid, [])) for sid, name, *_ in speakers}
    for speaker_id, text, type_, cue, mention, title, url, day in rows:
        examples[speaker_id].quotes.append({
            "text": _shorten(text or "", MAX_QUOTE_CHARS), "type": type_, "cue": cue, "mention": mention,
            "title": title or "(untitled)", "url": _safe_link(url), "day": day.isoformat() if day else "",
        })
    return list(examples.values())


# ---------------------------------------------------------------- topics

def _topics_over_time(con, period: Period) -> Chart:
    unit = period.unit
    rows = _rows(con, f"""
        select cast(date_trunc('{unit}', day) as date) as bucket, topic, any_value(topic_code) as code,
               count(distinct article_id) as articles
        from report_topics where rank = 1 group by bucket, topic order by bucket, topic""")
    totals: dict[str, int] = {}
    codes: dict[str, str] = {}
    for _, topic, code, n in rows:
        totals[topic] = totals.get(topic, 0) + n
        codes[topic] = code
    ordered = sorted(totals, key=lambda t: (-totals[t], t))
    shown = ordered[:TOPICS_IN_CHART]
    other = f"{len(ordered) - len(shown)} other topics" if len(ordered) > len(shown) else None
    series_names = shown + ([other] if other else [])
    buckets = sorted({b for b, _, _, _ in rows})
    index = {b: i for i, b in enumerate(buckets)}
    series = {name: [0] * len(buckets) for name in series_names}
    for bucket, topic, _, n in rows:
        series[topic if topic in shown else other][index[bucket]] += n
    chart = Chart(
        title=f"Topics per {unit}",
        description=f"Articles per {unit} by their main IPTC Media Topic (the topic ranked first for the article)"
                    + (f"; the {len(ordered) - len(shown)} less frequent topics are added up as one." if other else "."),
        table=DataTable(f"Articles per {unit} by main topic", [unit.capitalize()] + series_names + ["All"],
                        [(_format_bucket(b, unit), *(series[s][i] for s in series_names),
                          sum(series[s][i] for s in series_names)) for i, b in enumerate(buckets)]))
    if buckets:
        colours = {name: _topic_colour(codes.get(name)) for name in series_names}
        chart.image = _time_bars(buckets, series, colours, unit, chart.title, "Articles", legend=True)
    return chart


def _topic_colour(code: str | None) -> str:
    """A fixed colour per IPTC top-level topic, so a topic looks the same in every report."""
    tab20 = matplotlib.colormaps["tab20"].colors
    palette = tab20[:14] + tab20[16:]  # without tab20's two greys: grey means "other topics"
    try:
        number = int(code.split(":")[1][:2])
    except (AttributeError, IndexError, ValueError):
        return OTHER_COLOUR
    return matplotlib.colors.to_hex(palette[(number - 1) % len(palette)])


# ---------------------------------------------------------------- entities

def _entities_chart(con, labels: tuple[str, ...], title: str) -> Chart:
    rows = _rows(con, f"""
        select mode(name) as name, count(distinct article_id) as articles, sum(mention_count) as mentions
        from report_entities where label in (select unnest(?))
        group by {_name_key('entity_key', 'name')}
        order by articles desc, mentions desc, name limit {TOP_ENTITIES}""", [list(labels)])
    chart = Chart(
        title=title,
        description=f"The {TOP_ENTITIES} named entities labelled {' or '.join(labels)} found in the most articles.",
        table=DataTable(title, ["Name", "Articles", "Mentions"], rows))
    if rows:
        chart.image = _horizontal_bars([r[0] for r in rows], {"articles": [r[1] for r in rows]},
                                       {"articles": BAR_COLOUR}, title, "Articles mentioning", legend=False)
    return chart


def _person_org_pairs(con) -> Chart:
    rows = _rows(con, f"""
        with people as (
            select distinct article_id, {_name_key('entity_key', 'name')} as pid, name
            from report_entities where label = 'PERSON'),
        orgs as (
            select distinct article_id, {_name_key('entity_key', 'name')} as oid, name
            from report_entities where label = 'ORG'),
        person_articles as (select pid, count(distinct article_id) as n from people group by pid),
        org_articles as (select oid, count(distinct article_id) as n from orgs group by oid)
        select mode(p.name) as person, mode(o.name) as organisation, count(distinct p.article_id) as together,
               any_value(pa.n) as person_articles, any_value(oa.n) as organisation_articles
        from people p join orgs o on p.article_id = o.article_id and p.pid <> o.oid
             join person_articles pa on pa.pid = p.pid join org_articles oa on oa.oid = o.oid
        group by p.pid, o.oid
        order by together desc, together / (person_articles + organisation_articles - together) desc,
                 person, organisation
        limit {TOP_PAIRS}""")
    chart = Chart(
        title="People and organisations named together",
        description=f"The {TOP_PAIRS} person–organisation pairs named in the same article most often.",
        table=DataTable("People and organisations named together",
                        ["Person", "Organisation", "Articles with both", "Articles with the person",
                         "Articles with the organisation"], rows))
    if rows:
        chart.image = _horizontal_bars([f"{p} · {o}" for p, o, *_ in rows], {"articles": [r[2] for r in rows]},
                                       {"articles": BAR_COLOUR}, chart.title, "Articles with both", legend=False)
    return chart


# ---------------------------------------------------------------- drawing

def _horizontal_bars(labels: list[str], series: dict[str, list[int]], colours: dict[str, str],
                     title: str, xlabel: str, legend: bool) -> str:
    """Stacked horizontal bars, largest first from the top, each bar's total written at its end."""
    fig = Figure(figsize=(7.5, 1.1 + 0.32 * len(labels)))
    ax = fig.add_subplot()
    positions = list(range(len(labels)))
    left = [0] * len(labels)
    for name, values in series.items():
        ax.barh(positions, values, left=left, color=colours[name], label=name, height=0.7)
        left = [a + b for a, b in zip(left, values)]
    for y, total in zip(positions, left):
        ax.annotate(f"{total:,}", (total, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(positions, [_shorten(label, MAX_LABEL_CHARS) for label in labels])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(left + [1]) * 1.12)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(title, loc="left")
    if legend:  # above the bars, level with the title: never covers a bar
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(series), frameon=False)
    return _svg_uri(fig)


def _time_bars(buckets: list[dt.date], series: dict[str, list[int]], colours: dict[str, str], unit: str,
               title: str, ylabel: str, legend: bool) -> str:
    """Stacked bars on a real time axis (gaps between days stay visible)."""
    width_days = {"day": 1, "week": 7, "month": 30}[unit] * 0.8
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot()
    bottom = [0] * len(buckets)
    for name, values in series.items():
        ax.bar(buckets, values, bottom=bottom, width=width_days, color=colours[name], label=name,
               align="edge" if unit != "day" else "center")
        bottom = [a + b for a, b in zip(bottom, values)]
    step = dt.timedelta(days=width_days / 0.8)
    start, end = (buckets[0] - step / 2, buckets[-1] + step / 2) if unit == "day" else (buckets[0], buckets[-1] + step)
    pad = max(step, (7 * step - (end - start)) / 2)  # a lone bar stays a bar, not a wall
    ax.set_xlim(start - pad, end + pad)
    if len(buckets) <= 14:
        ticks = buckets if unit == "day" else [b + dt.timedelta(days=width_days / 2) for b in buckets]
        ax.set_xticks(ticks, [_format_tick(b, unit) for b in buckets])
        years = sorted({b.year for b in buckets})
        ax.set_xlabel(f"{unit.capitalize()} ({years[0]}{'–' + str(years[-1]) if len(years) > 1 else ''})"
                      if unit != "month" else "Month")
    else:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        locator.intervald[mdates.HOURLY] = [24]  # never tick finer than a day
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(title, loc="left")
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.14 if len(buckets) <= 14 else -0.1), ncols=2,
                  frameon=False, title="Main topic", alignment="left")
    return _svg_uri(fig)


def _svg_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# ---------------------------------------------------------------- text helpers

def _format_bucket(day: dt.date, unit: str) -> str:
    if unit == "month":
        return day.strftime("%b %Y")
    if unit == "week":
        return "week of " + day.isoformat()
    return day.isoformat()


def _format_tick(day: dt.date, unit: str) -> str:
    """Short axis labels (the year goes in the axis title); tables use the full form."""
    return day.strftime("%b %Y") if unit == "month" else f"{day.day} {day:%b}"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _safe_link(url: str | None) -> str | None:
    """Only web links become hrefs: a data-supplied ``javascript:`` URL must never be clickable."""
    return url if is_web_url(url) else None
