"""Measure the quotes table against quote gold, end to end through ``newsbeam run``.

Usage:
    eval_quotes.py ARTICLES.jsonl GOLD.jsonl OUTDIR [--scorer PATH] [--workers N] [--json] [--overwrite]

Runs ``newsbeam run --input ARTICLES.jsonl --output OUTDIR`` (as ``python -m pipeline`` with
this interpreter, from the repository root), then the shared scorer
``score_quotes.py GOLD.jsonl OUTDIR`` (default: ``../shared/eval/score_quotes.py`` next to the
repository) and prints its figures. OUTDIR must be new or empty so that earlier runs neither
add rows nor mark the articles as already seen; ``--overwrite`` deletes it first.

Examples (from the repository root):
    .venv/bin/python benchmarks/eval_quotes.py ../shared/eval/dev/seed.jsonl ../shared/eval/dev/seed.gold.jsonl /tmp/q-seed
    .venv/bin/python benchmarks/eval_quotes.py ../shared/eval/quotes/polnear_dev.jsonl \\
        ../shared/eval/quotes/polnear_dev.gold.jsonl /tmp/q-dev
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="JSONL of articles (url, maintext, ...)")
    parser.add_argument("gold", type=Path, help="quote gold JSONL for the same articles")
    parser.add_argument("outdir", type=Path, help="output directory for the run (new or empty)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help=f"default: {DEFAULT_SCORER}")
    parser.add_argument("--workers", type=int, default=1, help="newsbeam --workers (default 1)")
    parser.add_argument("--json", action="store_true", help="print the scorer's one-line JSON")
    parser.add_argument("--overwrite", action="store_true", help="delete OUTDIR first")
    args = parser.parse_args(argv)

    if not args.scorer.is_file():
        parser.error(f"scorer not found: {args.scorer} (pass --scorer)")
    if args.outdir.exists() and any(args.outdir.iterdir()):
        if not args.overwrite:
            parser.error(f"{args.outdir} is not empty; pass --overwrite to delete it first")
        shutil.rmtree(args.outdir)

    run = [sys.executable, "-m", "pipeline", "run", "--input", str(args.articles.resolve()),
           "--output", str(args.outdir.resolve()), "--workers", str(args.workers)]
    print("$", " ".join(run), file=sys.stderr)
    subprocess.run(run, cwd=REPO, check=True)

    score = [sys.executable, str(args.scorer), str(args.gold.resolve()), str(args.outdir.resolve())]
    if args.json:
        score.append("--json")
    print("$", " ".join(score), file=sys.stderr)
    return subprocess.run(score).returncode


if __name__ == "__main__":
    sys.exit(main())
