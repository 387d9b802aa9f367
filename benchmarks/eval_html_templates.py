"""newsbeam's HTML metadata against trafilatura's own, on the template pages, field by field.

    python benchmarks/eval_html_templates.py

The pages under ``tests/fixtures/html/templates`` imitate what publishing systems and
outlets emit, with the answer a careful reader would give (``expected.json``); their
name prefix is the round that wrote them (no prefix: the first). The test suite requires
newsbeam to get every field right; this prints, per round, how often trafilatura's
``bare_extraction`` alone gets the title, the authors' surnames and the day right, beside
newsbeam's figures and its time per page. Dates are compared by UTC day.
"""
from __future__ import annotations

import collections
import datetime as dt
import pathlib
import re
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.test_html_templates import EXPECTED, TEMPLATES, space, surnames  # noqa: E402 - the tests' answers and their judging

FIELDS = ("title", "authors", "date")


def _day(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).date().isoformat()
    return (value or "")[:10]


def _right(title, authors, published, want: dict) -> dict[str, bool]:
    return {"title": space(title) == space(want["title"]),
            "authors": surnames(authors) == surnames(want["authors"]),
            "date": _day(published) == _day(dt.datetime.fromisoformat(want["published"]))
            if "T" in want["published"] else _day(published) == want["published"]}


def main() -> int:
    import trafilatura

    from transforms.html import extract_html_article

    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    seconds = 0.0
    for name, want in EXPECTED.items():
        page = (TEMPLATES / name).read_bytes()
        group = match.group(1) if (match := re.match(r"(r\d+)_", name)) else "r1"
        started = time.perf_counter()
        ours = extract_html_article(page, url=want["url"])
        seconds += time.perf_counter() - started
        theirs = trafilatura.bare_extraction(page, url=want["url"], with_metadata=True)
        their_authors = [a for a in re.split(r";|,| and ", theirs.author or "") if a.strip()]
        counts[group]["pages"] += 1
        for field, right in _right(ours["title"], ours["authors"], ours["published"], want).items():
            counts[group][f"newsbeam {field}"] += right
        for field, right in _right(theirs.title, their_authors, theirs.date, want).items():
            counts[group][f"trafilatura {field}"] += right
    total = sum(counts.values(), collections.Counter())
    print(f"{'round':6s} {'pages':>5s}  " + "  ".join(f"{f'{who} {field}':>20s}" for who in ("newsbeam", "trafilatura")
                                                   for field in FIELDS))
    for group in sorted(counts, key=lambda name: int(name[1:])) + ["all"]:
        row = total if group == "all" else counts[group]
        print(f"{group:6s} {row['pages']:5d}  " + "  ".join(
            f"{row[f'{who} {field}'] / row['pages']:20.2f}" for who in ("newsbeam", "trafilatura") for field in FIELDS))
    print(f"newsbeam: {seconds / total['pages'] * 1000:.1f} ms a page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
