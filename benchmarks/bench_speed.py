"""How close ``newsbeam run`` comes to the speed limit of its design, and what it costs in memory.

Usage:
    bench_speed.py --input ARTICLES.jsonl [--limit M] [--repeat K] [--per-file F] [--processes N]
                   [--parts a,an,b,c,c1,cd] [--batch-size B] [--newsbeam-args "..."]

In one run, on the same articles, the same model and the same number of processes, it measures

  (a) bare spaCy: the model as ``spacy.load`` gives it, ``nlp.pipe(texts, n_process=N)``,
      nothing else: the speed limit a user starts from;
  (an) the same loop with newsbeam's own parse (``transforms.nlp.load_nlp``: only the
      components tables need, the lookup attribute ruler, paragraph starts): c/an is what
      everything newsbeam adds around the parse costs;
  (b) a naive script: ``nlp(text)`` one article at a time on one core, then the same
      extractions newsbeam runs (entities, quotes, topics, keyphrases), tables written with
      pandas: what a user would write instead (it also reports each extraction's cost);
  (c) ``newsbeam run --workers N`` end to end, into a fresh output directory;
  (c1) optionally the same with ``--workers 1``, to show how it scales with workers;
  (cd) optionally with no ``--workers`` at all: what a user gets by default.

Each part runs as its own process (so every one pays interpreter start and model load, and
its memory is its own); articles/s is articles over that process's wall-clock time. Peak
memory is the largest sum of RSS over the process and all its children, sampled every 50 ms.

The corpus is the first M articles of the input, repeated K times (copies get distinct URLs,
so deduplication keeps them), in one JSONL file or, with ``--per-file F``, in files of F articles. ``--repeat 10`` against ``--repeat 1`` shows whether memory stays
flat as the input grows. Each part's command line is printed, so it can be rerun on its own.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NEWSBEAM = str(Path(PYTHON).with_name("newsbeam"))
TEXT_FIELDS = ("maintext", "text", "content")
PART_NAMES = {
    "a": "(a) bare nlp.pipe",
    "an": "(an) nlp.pipe, newsbeam's parse",
    "b": "(b) naive per-article",
    "c": "(c) newsbeam run",
    "c1": "(c1) newsbeam run, 1 worker",
    "cd": "(cd) newsbeam run, default workers",
}


# -- the corpus ---------------------------------------------------------------------------------
def article_text(article: dict) -> str:
    return next((article[f] for f in TEXT_FIELDS if article.get(f)), "")


def make_corpus(source: Path, limit: int | None, repeat: int, target: Path, per_file: int | None) -> int:
    """The first ``limit`` articles of ``source``, ``repeat`` times, each copy under its own URL,
    written to ``target/`` as one JSONL file, or as files of ``per_file`` articles each."""
    with source.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    articles = [a for a in articles if article_text(a)][:limit]
    lines = []
    for copy in range(repeat):
        for index, article in enumerate(articles):
            if copy:
                url = article.get("url") or f"bench://{source.name}/{index}"
                article = {**article, "url": f"{url}{'&' if '?' in url else '?'}copy={copy}"}
            lines.append(json.dumps(article, ensure_ascii=False) + "\n")
    target.mkdir()
    size = per_file or len(lines)
    for number, start in enumerate(range(0, len(lines), size)):
        (target / f"part-{number:05d}.jsonl").write_text("".join(lines[start:start + size]), encoding="utf-8")
    return len(lines)


def read_corpus(directory: str) -> list[dict]:
    articles = []
    for path in sorted(Path(directory).glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            articles.extend(json.loads(line) for line in handle if line.strip())
    return articles


# -- (a) and (b), run in their own process by --mode ----------------------------------------------
def bare(corpus: str, processes: int, batch_size: int, stock: bool) -> dict:
    """The speed limit: the model's parse over every text, nothing else; ``stock``: the model as
    spaCy loads it, else as newsbeam loads it."""
    import spacy

    from transforms.nlp import load_nlp, resolve_model_name
    from transforms.text import normalize_text

    started = time.perf_counter()
    nlp = spacy.load(resolve_model_name()) if stock else load_nlp()
    loaded = time.perf_counter()
    texts = [normalize_text(article_text(a)) for a in read_corpus(corpus)]
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, n_process=processes, batch_size=batch_size))
    return {"load_s": loaded - started, "parse_s": time.perf_counter() - loaded, "entities": entities,
            "components": nlp.pipe_names}


def naive(corpus: str, output: str) -> dict:
    """One article at a time, tables written with pandas at the end; times each step."""
    import pandas as pd

    from transforms.entities import EntityIndex, entity_rows, resolve_entities
    from transforms.keyphrases import extract_keyphrases, keyphrase_rows
    from transforms.nlp import load_nlp
    from transforms.quotes import extract_quotes, quote_rows
    from transforms.text import normalize_text
    from transforms.topics import classify, topic_rows

    started = time.perf_counter()
    nlp = load_nlp()
    loaded = time.perf_counter()
    seconds = dict.fromkeys(("parse", "entities", "quotes", "topics", "keyphrases", "write"), 0.0)
    tables: dict[str, list[dict]] = {"articles": [], "entities": [], "quotes": [], "topics": [], "keyphrases": []}

    failures: dict[str, str] = {}

    def timed(step, call):
        """Run one step, timed; a failing extraction is counted, as newsbeam isolates it too."""
        before = time.perf_counter()
        try:
            return call()
        except Exception as exc:  # noqa: BLE001
            failures.setdefault(step, f"{exc.__class__.__name__}: {exc}"[:200])
            return []
        finally:
            seconds[step] += time.perf_counter() - before

    for index, article in enumerate(read_corpus(corpus)):
        article_id = article.get("url") or str(index)
        text = normalize_text(article_text(article))
        doc = timed("parse", lambda: nlp(text))
        index_ = timed("entities", lambda: resolve_entities(doc)) or EntityIndex([])
        tables["entities"] += entity_rows(article_id, index_)
        tables["quotes"] += timed("quotes", lambda: quote_rows(article_id, extract_quotes(doc, index_)))
        tables["topics"] += timed("topics", lambda: topic_rows(article_id, classify(article.get("title") or "", text)))
        tables["keyphrases"] += timed("keyphrases", lambda: keyphrase_rows(article_id, extract_keyphrases(doc)))
        tables["articles"].append({"article_id": article_id, "title": article.get("title"), "text": text})
    before = time.perf_counter()
    for name, rows in tables.items():
        pd.DataFrame(rows).to_parquet(os.path.join(output, f"{name}.parquet"))
    seconds["write"] = time.perf_counter() - before
    return {"load_s": loaded - started, "steps_s": seconds, "rows": {t: len(r) for t, r in tables.items()},
            "failures": failures}


# -- measuring a command --------------------------------------------------------------------------
def tree_rss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def process_label(process: psutil.Process, root: psutil.Process) -> str:
    if process.pid == root.pid:
        return "main"
    return "beam worker" if "sdk_worker" in " ".join(process.cmdline()) else "child"


def measure(command: list[str]) -> dict:
    """Wall-clock seconds, peak RSS of the process tree, CPU seconds of each process in it (to
    see how the work was spread), and the JSON the command printed last."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    peak = [0]
    per_process: dict[int, tuple[str, float, int]] = {}  # pid -> (label, CPU seconds, peak RSS)
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                peak[0] = max(peak[0], tree_rss(watched))
                for member in [watched, *watched.children(recursive=True)]:
                    times, rss = member.cpu_times(), member.memory_info().rss
                    label, _, peak_rss = per_process.get(member.pid) or (process_label(member, watched), 0, 0)
                    per_process[member.pid] = (label, times.user + times.system, max(peak_rss, rss))
            except psutil.Error:
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {shlex.join(command)}\n{stderr[-3000:]}")
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    detail = json.loads(last) if last.startswith("{") else {"stdout": stdout.strip()}
    busy = sorted((p for p in per_process.values() if p[1] >= 0.5), key=lambda p: -p[1])
    return {"seconds": seconds, "peak_mb": peak[0] / 2**20, "detail": detail, "processes": busy}


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# -- the report -----------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", help="JSONL of articles (maintext/text/content, title, url)")
    parser.add_argument("--limit", type=int, help="use the first M articles of the input")
    parser.add_argument("--repeat", type=int, default=1, help="repeat the articles K times (distinct URLs)")
    parser.add_argument("--per-file", type=int,
                        help="write the corpus as JSONL files of this many articles (default: one file)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="processes for (a) and workers for (c) (default: all cores)")
    parser.add_argument("--parts", default="a,an,b,c", help="which of a,an,b,c,c1,cd to run (default a,an,b,c)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size for (a)")
    parser.add_argument("--newsbeam-args", default="", help="extra arguments for newsbeam run (one string)")
    parser.add_argument("--mode", choices=("bare", "bare-newsbeam", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.mode:  # one part, in its own process
        sys.path.insert(0, str(REPO))
        result = (naive(args.corpus, args.output) if args.mode == "naive"
                  else bare(args.corpus, args.processes, args.batch_size, stock=args.mode == "bare"))
        print(json.dumps(result))
        return

    if not args.input:
        parser.error("--input is required")
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PART_NAMES)
    if unknown:
        parser.error(f"unknown parts {sorted(unknown)}; choose from {sorted(PART_NAMES)}")
    with tempfile.TemporaryDirectory(prefix="bench_speed-") as work:
        corpus = os.path.join(work, "corpus")
        count = make_corpus(Path(args.input), args.limit, args.repeat, Path(corpus), args.per_file)
        corpus_files = sorted(Path(corpus).iterdir())
        corpus_mb = sum(p.stat().st_size for p in corpus_files) / 2**20
        me = [PYTHON, str(Path(__file__).resolve())]
        commands = {
            "a": me + ["--mode", "bare", "--corpus", corpus, "--processes", str(args.processes),
                       "--batch-size", str(args.batch_size)],
            "an": me + ["--mode", "bare-newsbeam", "--corpus", corpus, "--processes", str(args.processes),
                        "--batch-size", str(args.batch_size)],
            "b": me + ["--mode", "naive", "--corpus", corpus, "--output", os.path.join(work, "naive")],
            "c": [NEWSBEAM, "run", "--input", corpus, "--output", os.path.join(work, "out-c"),
                  "--workers", str(args.processes), *shlex.split(args.newsbeam_args)],
            "c1": [NEWSBEAM, "run", "--input", corpus, "--output", os.path.join(work, "out-c1"),
                   "--workers", "1", *shlex.split(args.newsbeam_args)],
            "cd": [NEWSBEAM, "run", "--input", corpus, "--output", os.path.join(work, "out-cd"),
                   *shlex.split(args.newsbeam_args)],
        }
        os.makedirs(os.path.join(work, "naive"))
        print(f"corpus: {count} articles ({corpus_mb:.1f} MB in {len(corpus_files)} file(s)) = first "
              f"{args.limit or 'all'} of {args.input} x {args.repeat}; {args.processes} process(es); "
              f"{os.cpu_count()} cores")
        results, loads = {}, {}
        for part in parts:
            loads[part] = loadavg()
            results[part] = measure(commands[part])
        print(f"\n{'':30} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}  load avg before")
        for part, result in results.items():
            print(f"{PART_NAMES[part]:30} {result['seconds']:8.1f} {count / result['seconds']:11.2f} "
                  f"{result['peak_mb']:12.0f}  {loads[part]}")
        print(f"load avg after: {loadavg()}")

        def rate(part):
            return count / results[part]["seconds"]
        print()
        for part in ("a", "an"):
            if part in results:
                bare_run = results[part]["detail"]
                print(f"({part}) model load {bare_run['load_s']:.1f}s, parse {bare_run['parse_s']:.1f}s "
                      f"({count / bare_run['parse_s']:.2f} articles/s); components: {', '.join(bare_run['components'])}")
        if "b" in results:
            b = results["b"]["detail"]
            steps = ", ".join(f"{step} {1000 * s / count:.1f}" for step, s in b["steps_s"].items())
            print(f"(b) model load {b['load_s']:.1f}s; ms per article: {steps}")
            for step, message in b["failures"].items():
                print(f"(b) {step} failed (its time is not representative): {message}")
        for part in ("c", "c1", "cd"):
            if part in results:
                print(f"({part}) " + " | ".join(results[part]["detail"].get("stdout", "").splitlines()))
        for part, result in results.items():
            print(f"({part}) per process, CPU s / peak RSS MB: "
                  + ", ".join(f"{label} {sec:.1f}/{rss / 2**20:.0f}" for label, sec, rss in result["processes"]))
        for numerator, denominator in (("c", "a"), ("c", "an"), ("an", "a"), ("c", "b"), ("c", "c1"), ("cd", "a")):
            if numerator in results and denominator in results:
                print(f"throughput {numerator}/{denominator} = {rate(numerator) / rate(denominator):.2f}")
        for part in ("c", "cd"):
            if "a" in results and part in results:
                print(f"time {part}/a = {results[part]['seconds'] / results['a']['seconds']:.2f} "
                      "(newsbeam's wall time over bare nlp.pipe's, model load included)")
        print("\ncommands:")
        for part in parts:
            print(f"  {part}: {shlex.join(commands[part])}")
        print("  harness: " + shlex.join([sys.executable, "benchmarks/bench_speed.py",
                                          *(argv if argv is not None else sys.argv[1:])]))


if __name__ == "__main__":
    main()
