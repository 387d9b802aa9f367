"""Quality of HTML article extraction: run newsbeam on saved pages (or a WARC), then score.

    python benchmarks/eval_html.py --input ../shared/eval/html/pages
    python benchmarks/eval_html.py --input ../shared/eval/warc/pages.warc.gz
    python benchmarks/eval_html.py --input ../shared/eval/html/pages --direct

By default the whole pipeline runs (``newsbeam run --input PATH --output OUT``). With
``--direct`` the extraction functions are called without Beam and only an ``articles``
table with the scored columns is written: quicker while working on the extraction rules.
The scorer is ``score_html.py`` from the shared evaluation folder.
"""
from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EVAL_DIR = REPO.parent / "shared" / "eval"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="folder of .html pages, or a .warc/.warc.gz file")
    parser.add_argument("--gold", default=str(EVAL_DIR / "html" / "gold.json"))
    parser.add_argument("--scorer", default=str(EVAL_DIR / "score_html.py"))
    parser.add_argument("--output", help="output folder (default: a temporary one)")
    parser.add_argument("--direct", action="store_true",
                        help="call extract_html_article directly instead of running the pipeline")
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON line")
    return parser.parse_args(argv)


def _raw_articles(input_path: pathlib.Path):
    """(raw article, html) pairs from a folder of pages or a WARC file, as the readers give them."""
    from transforms.files import file_uri
    from transforms.warc import iter_warc_records

    if input_path.is_dir():
        for page in sorted(input_path.glob("*.htm*")):
            yield {"url": file_uri(str(page))}, page.read_bytes()
        return
    with open(input_path, "rb") as stream:
        for kind, record in iter_warc_records(stream, input_path.resolve().as_uri()):
            if kind == "article":
                yield record, record["html"]


def write_articles_direct(input_path: pathlib.Path, out: pathlib.Path) -> None:
    """Extract every page and write the scored columns of the ``articles`` table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms.html import NoArticleText, extract_html_article
    from transforms.page_dates import parse_published

    rows = []
    for raw, html in _raw_articles(input_path):
        try:
            article = extract_html_article(html, url=raw.get("url"))
        except NoArticleText as exc:
            print(f"no article: {raw.get('url')}: {exc}", file=sys.stderr)
            continue
        published = parse_published(article.get("published"))
        rows.append({"url": raw["url"], "title": article.get("title"),
                     "authors": list(article.get("authors") or []), "published_at": published,
                     "text": article.get("text")})
    schema = pa.schema([("url", pa.string()), ("title", pa.string()), ("authors", pa.list_(pa.string())),
                        ("published_at", pa.timestamp("us", tz="UTC")), ("text", pa.string())])
    (out / "articles").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out / "articles" / "direct.parquet")


def main(argv=None) -> int:
    args = parse_args(argv)
    input_path = pathlib.Path(args.input)
    with tempfile.TemporaryDirectory(prefix="eval_html_") as scratch:
        out = pathlib.Path(args.output or scratch)
        if args.direct:
            write_articles_direct(input_path, out)
        else:
            newsbeam = pathlib.Path(sys.executable).with_name("newsbeam")
            subprocess.run([str(newsbeam), "run", "--input", str(input_path), "--output", str(out)], check=True)
        scorer = [sys.executable, args.scorer, args.gold, str(out)] + (["--json"] if args.json else [])
        return subprocess.run(scorer).returncode


if __name__ == "__main__":
    sys.exit(main())
