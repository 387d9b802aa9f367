"""`newsbeam report` over a real pipeline run, rendered in headless Chromium.

The articles are written here: a town mayor quoted across two ingest days, and one article
whose title, text and URL carry HTML/JavaScript that the report must show as text, never run.
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.options import RunConfig
from pipeline.query import connect
from pipeline.report import write_report
from pipeline.run import run_batch

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
INSTALL_HINT = ("headless Chromium is needed to render the report: install it with "
                "`apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does this)")

CHART_TITLES = ["Articles per day", "Articles per outlet", "Most quoted speakers", "Topics per day",
                "Most mentioned people", "Most mentioned organisations", "Most mentioned places",
                "People and organisations named together"]

DAY_ONE_TXT = {
    "harbour.txt": """Harbour council backs new ferry terminal

By Jane Okafor

The Portwell Harbour Council voted on Tuesday to build a new ferry terminal on the east quay of Portwell, ending two years of debate.

"This terminal will bring thousands of visitors to the town every summer," said Mayor Helena Marsh after the vote.

Marsh said the council would ask the Department of Transport for half of the cost.

"We have waited long enough, and the ferry operators are ready," Marsh told reporters outside the town hall.

Local businessman Tom Reyes, who runs a cafe on the quay, was less certain. "Nobody has told us how long the road will be closed," Reyes said.
""",
}

INJECTION_TITLE = "Ferry fares <script>window.injected = 1;</script> to rise <img src=x onerror=\"document.title='pwned'\">"
DAY_ONE_JSON = {
    "title": INJECTION_TITLE,
    "url": "javascript:document.title='pwned'",
    "source": "Portwell <b>Gazette</b>",
    "text": ("Ferry fares on the Portwell route will rise by ten percent next spring, the operator Northern Ferries "
             "announced on Monday.\n\n"
             "\"Fuel costs have doubled and we cannot absorb them <script>window.injected = 2;</script> any longer,\" "
             "said Helena Marsh, who chairs the Portwell harbour board.\n\n"
             "Passenger groups in Portwell criticised the increase. \"Families on the island will pay the price,\" "
             "said Amira Khan, who leads the Island Travellers Association."),
}

DAY_TWO_TXT = {
    "stadium.txt": """City unveils plans for riverside stadium

By Jane Okafor

Mayor Helena Marsh on Wednesday presented plans for a 20,000-seat stadium beside the river in Portwell.

"A stadium on the river will give young people a reason to stay," Marsh said at a press conference.

Portwell United has played at a rented ground for a decade. Club chairman David Osei welcomed the plan. "Our supporters deserve a home of their own," Osei said.

Marsh said construction could begin in 2028 if the regional government approves the funding.

"The river is the heart of this city," Marsh said.

"Work could begin within two years," Marsh said at the site.
""",
}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """A real pipeline run over two ingest days into one output directory."""
    root = tmp_path_factory.mktemp("report")
    day_one, day_two = root / "day1", root / "day2"
    day_one.mkdir()
    day_two.mkdir()
    for name, text in DAY_ONE_TXT.items():
        (day_one / name).write_text(text, encoding="utf-8")
    (day_one / "fares.jsonl").write_text(json.dumps(DAY_ONE_JSON) + "\n", encoding="utf-8")
    for name, text in DAY_TWO_TXT.items():
        (day_two / name).write_text(text, encoding="utf-8")
    out = root / "out"
    run_batch(RunConfig(output=str(out), inputs=[str(day_one)], ingest_date="2026-11-20", workers=1), [])
    run_batch(RunConfig(output=str(out), inputs=[str(day_two)], ingest_date="2026-11-21", workers=1), [])
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium, offline: any request to the network fails and shows as a console error."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(INSTALL_HINT)
    from selenium import webdriver  # a test dependency: missing it is a failure, not a skip
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-quic", "--window-size=1280,1000",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> list[dict]:
    """Load a page and return what it logged to the console (errors included)."""
    driver.get_log("browser")  # drop anything logged before
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")
    return driver.get_log("browser")


def screenshot(driver, path: Path) -> None:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))


def page_facts(driver) -> dict:
    return driver.execute_script("""
        const images = [...document.images];
        return {
          text: document.body.innerText,
          title: document.title,
          injected: typeof window.injected,
          scripts: document.scripts.length,
          images: images.length,
          broken_images: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt),
          images_without_alt: images.filter(i => !i.alt).length,
          external: [...document.querySelectorAll('[src], link[href]')]
                      .map(e => e.getAttribute('src') || e.getAttribute('href'))
                      .filter(u => !u.startsWith('data:')),
          links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
          tables_with_caption: document.querySelectorAll('table > caption').length,
          days: [...(document.querySelector('#coverage table')?.querySelectorAll('tbody th') ?? [])]
                  .map(th => th.innerText),
          first_speaker: document.querySelector('#speakers tbody th[scope=row]')?.innerText ?? null,
        };""")


def article_days(output: Path) -> list[str]:
    con = connect(str(output))
    return [d for (d,) in con.execute("select distinct coalesce(cast(published_at as date), ingest_date)::varchar "
                                      "from articles order by 1").fetchall()]


def top_speaker(output: Path, date_from: str | None = None, date_to: str | None = None) -> str:
    """The most quoted speaker straight from the tables, counted independently of the report."""
    con = connect(str(output))
    rows = con.execute("""
        select q.speaker, count(*) as n from quotes q join articles a using (article_id)
        where q.speaker is not null
          and coalesce(cast(a.published_at as date), a.ingest_date) between coalesce(?::date, DATE '0001-01-01')
                                                                        and coalesce(?::date, DATE '9999-12-31')
        group by 1 order by n desc, 1""", [date_from, date_to]).fetchall()
    assert rows, "the pipeline attributed no quote to a speaker"
    assert len(rows) == 1 or rows[0][1] > rows[1][1], f"no single most quoted speaker: {rows[:3]}"
    return rows[0][0]


def test_report_renders_offline_with_charts_speaker_and_escaped_data(browser, output, tmp_path):
    page = Path(write_report(str(output)))
    assert page == output / "report.html"

    console = open_page(browser, page)
    screenshot(browser, tmp_path / "report.png")
    facts = page_facts(browser)

    assert [entry for entry in console if entry["level"] in ("SEVERE", "WARNING")] == []
    for title in CHART_TITLES:
        assert title in facts["text"], f"chart {title!r} missing"
    assert facts["images"] == len(CHART_TITLES)
    assert facts["broken_images"] == []
    assert facts["images_without_alt"] == 0
    assert facts["tables_with_caption"] >= len(CHART_TITLES)
    assert facts["external"] == []  # everything inlined: nothing to fetch

    assert facts["days"] == article_days(output)
    speaker = top_speaker(output)
    assert facts["first_speaker"] == speaker
    assert speaker in facts["text"]

    # Markup from the data is shown as text and never runs; the javascript: URL is no link.
    assert facts["title"].startswith("newsbeam report")
    assert facts["injected"] == "undefined"
    assert facts["scripts"] == 0
    assert "<script>window.injected = 1;</script>" in facts["text"]
    assert not any(link.lower().startswith("javascript:") for link in facts["links"])

    png = (tmp_path / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 50_000


def test_date_filter_limits_the_report_to_the_chosen_days(browser, output, tmp_path):
    out = tmp_path / "day2.html"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "report", str(output), "--from", "2026-11-21", "--to", "2026-11-21",
         "--out", str(out)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout

    console = open_page(browser, out)
    facts = page_facts(browser)
    assert [entry for entry in console if entry["level"] == "SEVERE"] == []
    assert article_days(output) == ["2026-11-20", "2026-11-21"]
    assert facts["days"] == ["2026-11-21"]
    assert INJECTION_TITLE not in facts["text"]  # its article is from the day left out
    assert facts["first_speaker"] == top_speaker(output, "2026-11-21", "2026-11-21")


def test_empty_output_gives_a_readable_report(browser, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    page = Path(write_report(str(empty), out=str(tmp_path / "empty.html")))
    console = open_page(browser, page)
    facts = page_facts(browser)
    assert [entry for entry in console if entry["level"] == "SEVERE"] == []
    assert "No articles in this period." in facts["text"]
    assert "No quotes with a known speaker in this period." in facts["text"]
    assert facts["images"] == 0


def test_missing_directory_and_reversed_dates_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="newsbeam run"):
        write_report(str(tmp_path / "nothing-here"))
    with pytest.raises(ValueError, match="after"):
        write_report(str(tmp_path), date_from="2026-11-21", date_to="2026-11-20")
    assert not (tmp_path / "report.html").exists()
