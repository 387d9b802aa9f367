"""Shared fixtures: real local pipelines (no Prism download) and real newsbeam runs."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline

from pipeline.options import RunConfig
from pipeline.run import run_batch
from pipeline.runner import make_options, make_runner

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"


@pytest.fixture
def local_pipeline():
    """A TestPipeline on the local FnApiRunner, the engine ``newsbeam run`` uses."""
    def make(**kwargs) -> TestPipeline:
        options = make_options([])
        return TestPipeline(runner=make_runner(options), options=PipelineOptions([]), **kwargs)
    return make


def run(output: Path, *inputs, date: str = "2026-11-25", **config):
    """A real batch run into ``output``; returns its summary."""
    return run_batch(RunConfig(output=str(output), inputs=[str(i) for i in inputs], ingest_date=date,
                               started_at=config.pop("started_at", dt.datetime.now(dt.timezone.utc)), **config), [])


def query(output: Path, sql: str, params=None) -> list[tuple]:
    """Read the output back with DuckDB, the way users do."""
    from pipeline.query import connect
    return connect(str(output)).execute(sql, params or []).fetchall()


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 with routes the test sets up (tests/servers.py)."""
    from tests.servers import LocalServer
    with LocalServer() as running:
        yield running


@pytest.fixture
def newsbeam_run():
    return run


@pytest.fixture
def read_output():
    return query
