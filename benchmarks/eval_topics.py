#!/usr/bin/env python3
"""Evaluate the topics table on labelled articles, end to end.

Usage: python benchmarks/eval_topics.py LABELLED.jsonl OUTDIR
       python benchmarks/eval_topics.py --checks [CHECK.jsonl ...]

Runs ``newsbeam run --input LABELLED.jsonl --output OUTDIR``, then the shared scorer
``../shared/eval/score_topics.py LABELLED.jsonl OUTDIR`` (rank-1 accuracy, macro-F1,
coverage), and adds figures the scorer does not give: the share of articles with a
secondary topic, the mean rank-1 score of right and wrong answers (a calibrated score is
lower on the wrong ones), and the time classify() takes per article.

``--checks`` scores classify() in-process on the team's own check sets in
``benchmarks/topics/`` (written by the newsbeam authors independently of the seed corpus,
CC BY 4.0): ``check_17_topics.jsonl`` (90 short and long items over all 17 topics, labelled
with IPTC codes) and ``check_wire_desks.jsonl`` / ``check_wire_desks_2.jsonl`` (59 + 59
one-sentence wire items labelled with the scorer's World/Sports/Business/Sci/Tech desks). It prints rank-1 accuracy, macro-F1 and
the per-label confusion (gold label: predicted code counts).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score_topics.py"
sys.path.insert(0, str(ROOT))


def newsbeam() -> list[str]:
    installed = Path(sys.executable).with_name("newsbeam")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "pipeline"]


def topic_figures(labelled: Path, out: Path) -> dict:
    """Secondary-topic share and mean rank-1 score split by right/wrong (scorer's label map)."""
    sys.path.insert(0, str(SCORER.parent))
    from score_topics import MAP  # the scorer's own label -> IPTC codes map

    gold = {}
    for line in labelled.open(encoding="utf-8"):
        row = json.loads(line)
        gold[row["url"]] = row["label"]
    con = duckdb.connect()
    rows = con.execute(f"""
        select a.url, t.topic_code, t.score, t.rank
        from read_parquet('{out}/articles/**/*.parquet', union_by_name=true) a
        join read_parquet('{out}/topics/**/*.parquet', union_by_name=true) t using (article_id)""").fetchall()
    top, ranks = {}, {}
    for url, code, score, rank in rows:
        ranks[url] = max(ranks.get(url, 0), rank)
        if rank == 1:
            top[url] = (code.split(":")[-1], score)
    right = [s for url, (c, s) in top.items() if url in gold and c in MAP[gold[url]]]
    wrong = [s for url, (c, s) in top.items() if url in gold and c not in MAP[gold[url]]]
    return {
        "with_secondary": round(sum(r > 1 for r in ranks.values()) / max(len(ranks), 1), 3),
        "score_right": round(sum(right) / len(right), 3) if right else None,
        "score_wrong": round(sum(wrong) / len(wrong), 3) if wrong else None,
    }


def classify_ms(labelled: Path, limit: int = 200) -> float:
    """Mean classify() time per article over the first ``limit`` articles (model loaded first)."""
    from transforms.topics import classify

    articles = [json.loads(line) for line in labelled.open(encoding="utf-8")][:limit]
    classify("warm-up", "loads the model and the embeddings")
    start = time.perf_counter()
    for a in articles:
        classify(a.get("title") or "", a.get("maintext") or a.get("text") or "")
    return round((time.perf_counter() - start) * 1000 / max(len(articles), 1), 2)


CHECKS = sorted((ROOT / "benchmarks" / "topics").glob("check_*.jsonl"))


def check_set(path: Path) -> None:
    """Accuracy, macro-F1 and confusion of classify() on one check set (labels: IPTC codes or
    the scorer's label names, whose code sets come from the scorer's own map)."""
    from collections import Counter

    from transforms.text import normalize_text
    from transforms.topics import classify

    sys.path.insert(0, str(SCORER.parent))
    from score_topics import MAP

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    accepted = {r["label"]: MAP.get(r["label"], {r["label"]}) for r in rows}
    predicted = [classify(r.get("title") or "", normalize_text(r.get("maintext") or ""))[0].code for r in rows]
    right = [p in accepted[r["label"]] for r, p in zip(rows, predicted)]
    f1s = []
    for label, codes in sorted(accepted.items()):
        tp = sum(ok for r, ok in zip(rows, right) if r["label"] == label)
        fn = sum(not ok for r, ok in zip(rows, right) if r["label"] == label)
        fp = sum(p in codes and p not in accepted[r["label"]] for r, p in zip(rows, predicted))
        f1s.append(2 * tp / (2 * tp + fn + fp) if tp else 0.0)
    print(f"{path.name}: articles {len(rows)} accuracy {sum(right) / len(rows):.3f} macro_f1 {sum(f1s) / len(f1s):.3f}")
    confusion = Counter((r["label"], p) for r, p in zip(rows, predicted))
    for label in sorted(accepted):
        cells = sorted(((p, n) for (g, p), n in confusion.items() if g == label), key=lambda c: -c[1])
        print(f"  {label:10s} " + " ".join(f"{p}:{n}" for p, n in cells))


def main() -> int:
    if sys.argv[1:2] == ["--checks"]:
        for path in [Path(p) for p in sys.argv[2:]] or CHECKS:
            check_set(path)
        return 0
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    labelled, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    started = time.perf_counter()
    subprocess.run([*newsbeam(), "run", "--input", str(labelled), "--output", str(out)], check=True, cwd=ROOT)
    print(f"pipeline   {time.perf_counter() - started:.0f} s")
    subprocess.run([sys.executable, str(SCORER), str(labelled), str(out)], check=True)
    for key, value in topic_figures(labelled, out).items():
        print(f"{key:10s} {value}")
    print(f"classify   {classify_ms(labelled)} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
