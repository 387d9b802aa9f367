"""Topics: the shipped IPTC classifier on texts written for these tests, offline."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from schemas.tables import TABLES
from transforms.topics import IPTC_TOPICS, MAX_TOPICS, article_text, classify, load_model, topic_rows

REPO = Path(__file__).resolve().parents[1]
SAMPLE = Path("/work/shared/eval/dev/000_43f969c399f78b23.txt")
if not SAMPLE.exists():
    SAMPLE = REPO.parent / "shared" / "eval" / "dev" / "000_43f969c399f78b23.txt"

# Short wire items of the kind news agencies send, one per desk (written for these tests).
WIRE_ITEMS = {
    "15000000": ("Keeper's late save seals away win",
                 "The visitors held on for a 2-1 victory after their goalkeeper tipped a header over the bar "
                 "in stoppage time, lifting the club to third in the league table."),
    "04000000": ("Shares slide as lender cuts profit outlook",
                 "Shares in the bank fell 6% after it lowered its profit forecast for the year, citing weaker "
                 "lending margins and higher provisions for bad loans."),
    "13000000": ("Probe sends first images from icy moon",
                 "The space agency's probe has sent back detailed images of the moon's frozen surface, and "
                 "scientists say the data will help them study the ocean beneath the ice."),
    "11000000": ("Coalition talks stall over budget",
                 "Negotiations to form a new government broke down on Tuesday after the two largest parties "
                 "failed to agree on tax policy, raising the prospect of fresh elections."),
    "16000000": ("Ceasefire collapses as shelling resumes",
                 "Artillery fire hit several villages near the front line overnight, ending a week-long truce, "
                 "and the army said it was sending reinforcements to the region."),
    "01000000": ("Debut novel takes top literary prize",
                 "The author's first novel, a story of two sisters in a fishing town, won the fiction prize, "
                 "with judges praising its humour and its vivid characters."),
    "17000000": ("Gales and heavy rain on the way",
                 "Forecasters expect winds of up to 70mph on exposed coasts tomorrow, with heavy showers "
                 "spreading east through the afternoon and a cold, clear night to follow."),
    "12000000": ("Bishops meet to choose new archbishop",
                 "Church leaders gathered at the cathedral to pray and vote for the diocese's next archbishop, "
                 "who will lead a million Catholics in the region."),
    "10000000": ("Weekend walks: three village pubs with gardens",
                 "This week's country stroll takes in three villages, a riverside path and pubs serving "
                 "Sunday lunch in the garden, about six miles in all."),
}

# A text with no subject. (The headline "Update" is not used: the seed corpus has stories about
# software updates, so that word alone rightly leans towards science and technology.)
VAGUE = ("", "More details to follow.")


def test_topic_names_are_the_17_iptc_top_level_topics():
    assert len(IPTC_TOPICS) == 17
    assert IPTC_TOPICS["11000000"] == "politics" and IPTC_TOPICS["04000000"] == "economy, business and finance"
    assert sorted(load_model().codes) == sorted(IPTC_TOPICS)


@pytest.mark.parametrize("code", sorted(WIRE_ITEMS))
def test_wire_items_get_their_desk_as_rank_1(code):
    title, text = WIRE_ITEMS[code]
    assert classify(title, text)[0].code == code


def test_sample_article_is_politics_or_economy():
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n")
    topics = classify(title, body)
    assert topics[0].code in {"11000000", "04000000"}
    assert {t.code for t in topics[:2]} <= {"11000000", "04000000", "16000000"}


def test_output_shape_ranks_and_threshold():
    model = load_model()
    for title, text in [*WIRE_ITEMS.values(), ("", ""), VAGUE]:
        topics = classify(title, text)
        assert 1 <= len(topics) <= MAX_TOPICS
        scores = [t.score for t in topics]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert all(s >= model.secondary_threshold for s in scores[1:])
        assert all(t.name == IPTC_TOPICS[t.code] for t in topics)


def test_vague_text_scores_lower_than_clear_text():
    """A calibrated score: rank 1 of a text with no subject is weak, a clear sports report strong."""
    clear = classify(*WIRE_ITEMS["15000000"])[0].score
    assert classify(*VAGUE)[0].score < 0.5 < clear
    assert classify("", "")[0].score < 0.5


def test_secondary_topics_are_exactly_those_over_the_threshold():
    """Ranks 2-3 list every runner-up whose calibrated probability reaches the threshold, and
    no other; a text the model is unsure about shows its alternatives."""
    model = load_model()
    title = "Minister promises cash for hospitals in budget"
    text = ("The finance minister told parliament the budget would give hospitals an extra £2bn "
            "to cut waiting lists for operations, and opposition parties said it was not enough.")
    vague = VAGUE
    for t, x in [(title, text), vague, *WIRE_ITEMS.values()]:
        probs = model.probabilities([article_text(t, x)])[0]
        runners_up = sorted(probs, reverse=True)[1:MAX_TOPICS]
        expected = 1 + sum(p >= model.secondary_threshold for p in runners_up)
        assert len(classify(t, x)) == expected
    assert len(classify(*vague)) >= 2


def test_deterministic_and_independent_of_other_articles():
    """Same article, same topics, whatever was classified before it (no fit over the batch)."""
    title, text = WIRE_ITEMS["04000000"]
    first = classify(title, text)
    for other in WIRE_ITEMS.values():
        classify(*other)
    assert classify(title, text) == first


def test_topic_rows_match_the_schema():
    topics = classify(*WIRE_ITEMS["11000000"])
    rows = topic_rows("a1", topics)
    table = pa.Table.from_pylist(rows, schema=TABLES["topics"])
    assert table.column("rank").to_pylist() == list(range(1, len(topics) + 1))
    assert table.column("topic_code").to_pylist()[0] == "medtop:11000000"
    assert table.column("topic").to_pylist()[0] == "politics"


def test_loads_and_classifies_with_no_network_and_no_cache(tmp_path):
    """Embeddings and model come from installed files: a fresh HOME and a dead network still work."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from transforms.topics import classify\n"
        "print(classify('Striker scores twice', 'The striker scored twice as the home side won 2-0.')[0].code)\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "15000000"
    assert not (tmp_path / ".cache").exists()
