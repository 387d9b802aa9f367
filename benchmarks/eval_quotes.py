"""Measure the quotes table against quote gold, end to end through ``newsbeam run``.

Usage:
    eval_quotes.py ARTICLES.jsonl GOLD.jsonl OUTDIR [--scorer PATH] [--workers N] [--json] [--overwrite]

Runs ``newsbeam run --input ARTICLES.jsonl --output OUTDIR`` (as ``python -m pipeline`` with
this interpreter, from the repository root), then the shared scorer
``score_quotes.py GOLD.jsonl OUTDIR`` (default: ``../shared/eval/score_quotes.py`` next to the
repository) and prints its figures. OUTDIR must be new or empty so that earlier runs neither
add rows nor mark the articles as already seen; ``--overwrite`` deletes it first.

Then it prints the figures of our own variant of that scoring (not the official scorer): the
same module with its quotation-mark pattern widened to ``''`` pairs. The official scorer knows
only “” and " as quotation marks, so words in ``''`` pairs (the house style of the PolNeAR New
York Times articles), which we report as direct quotes as the quotes issue asks, count there as
direct false positives; the variant shows what that costs. Gold, matching and every other rule
are the scorer's own, so its indirect figures equal the official ones (the gold still marks
those passages as reported speech).

Examples (from the repository root):
    .venv/bin/python benchmarks/eval_quotes.py ../shared/eval/dev/seed.jsonl ../shared/eval/dev/seed.gold.jsonl /tmp/q-seed
    .venv/bin/python benchmarks/eval_quotes.py ../shared/eval/quotes/polnear_dev.jsonl \\
        ../shared/eval/quotes/polnear_dev.gold.jsonl /tmp/q-dev
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = REPO.parent / "shared" / "eval" / "score_quotes.py"
# The scorer's pattern (“…” or "…") plus ``''…''`` pairs; one group, as the scorer reads group(1).
TWIN_QUOTED = re.compile(r"(?:[“\"]|'')((?:(?!'')[^“”\"])+)(?:[”\"]|'')")
VARIANT_LABEL = "our variant, not the official scorer: '' pairs also count as quotation marks"


def score_with_twin_quotes(scorer: Path, gold: Path, outdir: Path, as_json: bool) -> str:
    """The scorer's figures with ``''`` pairs recognised as quotation marks: its module is
    imported and its ``QUOTED`` pattern replaced; nothing else changes."""
    spec = importlib.util.spec_from_file_location("score_quotes_twin_variant", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.QUOTED = TWIN_QUOTED
    argv, output = sys.argv, io.StringIO()
    sys.argv = [str(scorer), str(gold), str(outdir)] + (["--json"] if as_json else [])
    try:
        with contextlib.redirect_stdout(output):
            module.main()
    finally:
        sys.argv = argv
    if as_json:
        return json.dumps({"scoring": VARIANT_LABEL, **json.loads(output.getvalue())})
    return f"--- {VARIANT_LABEL} ---\n{output.getvalue().rstrip()}"


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
    official = subprocess.run(score)
    if official.returncode:
        return official.returncode
    sys.stdout.flush()
    print(score_with_twin_quotes(args.scorer, args.gold.resolve(), args.outdir.resolve(), args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())
