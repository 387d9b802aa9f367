"""The local parse pool: forked processes that inherit loaded state, and survive a dying process."""
from __future__ import annotations

import concurrent.futures
import os
from pathlib import Path

from transforms.fork_pool import ForkPool

INHERITED = {}


def read_inherited(key: str) -> tuple[str, int]:
    return INHERITED[key], os.getpid()


def die_the_first_time(marker: str) -> str:
    if not Path(marker).exists():
        Path(marker).touch()
        os._exit(1)  # what a process killed for memory looks like to the pool
    return "done"


def always_die() -> str:
    os._exit(1)


def test_processes_inherit_what_was_loaded_before_they_were_forked():
    INHERITED["model"] = "loaded in the parent"
    pool = ForkPool(2)
    try:
        results = [pool.result(pool.submit(read_inherited, "model"), read_inherited, "model", lost=repr)
                   for _ in range(4)]
    finally:
        pool.shutdown()
    assert {value for value, _ in results} == {"loaded in the parent"}
    assert os.getpid() not in {pid for _, pid in results}


def test_a_batch_whose_process_died_is_retried_in_a_fresh_pool(tmp_path):
    marker = str(tmp_path / "died-once")
    pool = ForkPool(2)
    try:
        future = pool.submit(die_the_first_time, marker)
        assert pool.result(future, die_the_first_time, marker, lost=repr) == "done"
        # and the fresh pool keeps working
        assert pool.result(pool.submit(die_the_first_time, marker), die_the_first_time, marker, lost=repr) == "done"
    finally:
        pool.shutdown()


def test_a_batch_that_kills_its_process_twice_is_given_up_and_the_pool_goes_on():
    pool = ForkPool(2)
    given_up = []
    try:
        result = pool.result(pool.submit(always_die), always_die, lost=lambda exc: given_up.append(exc) or "lost")
        assert result == "lost" and len(given_up) == 1
        INHERITED["model"] = "still there"
        assert pool.result(pool.submit(read_inherited, "model"), read_inherited, "model", lost=repr)[0] == "still there"
    finally:
        pool.shutdown()


def test_work_submitted_after_a_process_died_goes_to_a_fresh_pool():
    pool = ForkPool(2)
    try:
        dead = pool.submit(always_die)
        concurrent.futures.wait([dead])  # the pool is broken now
        INHERITED["model"] = "in the fresh pool"
        alive = pool.submit(read_inherited, "model")
        assert pool.result(alive, read_inherited, "model", lost=repr)[0] == "in the fresh pool"
        # the dead call is retried once, dies again and is given up; the pool still works
        assert pool.result(dead, always_die, lost=lambda exc: "lost") == "lost"
        assert pool.result(pool.submit(read_inherited, "model"), read_inherited, "model", lost=repr)[0] == \
            "in the fresh pool"
    finally:
        pool.shutdown()


def test_the_shared_pool_is_replaced_when_it_was_forked_for_other_models():
    first = ForkPool.shared(2, key=("en", None))
    assert ForkPool.shared(2, key=("en", None)) is first
    second = ForkPool.shared(2, key=("de", "de_core_news_sm"))
    assert second is not first
    second.shutdown()
