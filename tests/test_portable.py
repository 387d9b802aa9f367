"""Runs at scale: newsbeam on a portable Beam runner, the way Flink, Spark and Dataflow run it,
and large local runs split into chunks.

Beam's portable job service and an external SDK worker pool run as separate processes on this
machine. The workers' virtualenv holds newsbeam installed from the sdist ``setup.py`` builds,
not the source tree, so a run proves the package carries everything a remote worker needs
(code, package data, entry points). Its other dependencies (Beam, spaCy and its model, ...)
are the project environment's, made visible to the worker venv by a ``.pth`` file, so no
network and no long install is needed. The launcher is plain ``newsbeam run
--runner PortableRunner ...``; its output must equal a local (DirectRunner engine) run's.

A local run over more input than ``pipeline.run.CHUNK_BYTES`` goes through the pipeline in
chunks of files, each committed on its own; its tables must equal a one-pipeline run's too.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from pipeline.options import RunConfig
from pipeline.run import run_batch
from tests.conftest import REPO, SAMPLES, query, run

PROJECT_PYTHON = Path(sys.executable)
NEWSBEAM = PROJECT_PYTHON.with_name("newsbeam")
DATE = "2026-11-25"
# Columns that say when and by which run a row was written: they differ between any two runs.
RUN_COLUMNS = {"run_id", "ingested_at", "fetched_at", "ingest_date"}
TABLES = ("articles", "entities", "quotes", "topics", "keyphrases", "sources", "errors")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"service exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def worker_env(tmp_path_factory):
    """A virtualenv with newsbeam installed from its sdist; returns (venv dir, environment, cwd)."""
    root = tmp_path_factory.mktemp("portable")
    dist = root / "dist"
    subprocess.run([str(PROJECT_PYTHON), "setup.py", "-q", "sdist", "--dist-dir", str(dist)], cwd=REPO,
                   check=True, capture_output=True)
    (sdist,) = dist.glob("newsbeam-*.tar.gz")
    venv = root / "worker-venv"
    subprocess.run([str(PROJECT_PYTHON), "-m", "venv", "--without-pip", str(venv)], check=True)
    worker_python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [str(worker_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    # The project's dependencies, appended after the venv's own site-packages (which wins).
    # Only the directory is added: the project's editable-install hook (a .pth in it) is not run.
    Path(site_packages, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # Built with the project's own setuptools (offline) when it can build wheels: setuptools'
    # bdist_wheel needs the `wheel` package before setuptools 70.1. Otherwise pip fetches a
    # build backend from the package index.
    offline = ["--no-build-isolation", "--no-index"] if importlib.util.find_spec("wheel") else []
    subprocess.run([str(PROJECT_PYTHON), "-m", "pip", "--python", str(worker_python), "install", "--quiet",
                    "--no-deps", *offline, str(sdist)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    # The worker pool starts each worker as plain `python`: the worker venv must come first on PATH.
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    cwd = root / "workers"  # not the source tree: `python -m` puts the working directory on sys.path
    cwd.mkdir()
    return venv, env, cwd


@pytest.fixture(scope="module")
def portable_services(worker_env):
    """Beam's local job service and an external worker pool, each a process of its own."""
    venv, env, cwd = worker_env
    python = str(venv / "bin" / "python")
    job_port, pool_port = free_port(), free_port()
    commands = {
        "job-service": [python, "-m", "apache_beam.runners.portability.local_job_service_main",
                        "--port", str(job_port)],
        "worker-pool": [python, "-m", "apache_beam.runners.worker.worker_pool_main", "--service_port", str(pool_port)],
    }
    processes = {}
    try:
        for name, command in commands.items():
            log = cwd / f"{name}.log"
            with log.open("w") as handle:
                # A session of its own, so teardown can stop the service and any worker it started.
                processes[name] = (subprocess.Popen(command, cwd=cwd, env=env, stdout=handle,
                                                    stderr=subprocess.STDOUT, start_new_session=True), log)
        wait_for_port(job_port, *processes["job-service"])
        wait_for_port(pool_port, *processes["worker-pool"])
        yield job_port, pool_port
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _ in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def table_rows(output: Path, table: str) -> list[tuple]:
    columns = [name for (name,) in query(output, f"select column_name from (describe {table})")
               if name not in RUN_COLUMNS]
    return sorted(query(output, f"select {', '.join(columns)} from {table}"), key=repr)


def test_workers_import_newsbeam_from_the_sdist(worker_env):
    venv, env, cwd = worker_env
    probe = ("import json, pathlib, pipeline, schemas, transforms; "
             "print(*[m.__file__ for m in (pipeline, schemas, transforms)]); "
             "print(json.dumps(sorted(p.name for p in (pathlib.Path(transforms.__file__).parent / 'data').iterdir())))")
    result = subprocess.run(["python", "-c", probe], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    files, data = result.stdout.splitlines()
    for path in files.split():
        assert Path(path).resolve().is_relative_to(venv.resolve()), path
    bundled = sorted(p.name for p in (REPO / "transforms" / "data").iterdir() if not p.name.startswith("__"))
    assert json.loads(data) == bundled  # the package data travels with the code


def test_portable_run_equals_direct_run(portable_services, tmp_path):
    job_port, pool_port = portable_services
    portable_out, direct_out = tmp_path / "portable", tmp_path / "direct"
    command = [str(NEWSBEAM), "run", "--input", str(SAMPLES), "--output", str(portable_out), "--date", DATE,
               "--runner", "PortableRunner", "--job_endpoint", f"localhost:{job_port}",
               "--environment_type", "EXTERNAL", "--environment_config", f"localhost:{pool_port}"]
    launched = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert launched.returncode == 0, launched.stderr[-3000:]
    assert f"inputs: {len(list(SAMPLES.iterdir()))} = " in launched.stdout

    run(direct_out, SAMPLES, date=DATE)
    for table in TABLES:
        assert table_rows(portable_out, table) == table_rows(direct_out, table), table
    assert table_rows(direct_out, "entities") and table_rows(direct_out, "quotes")


def test_chunked_run_equals_single_run(tmp_path):
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    # A second copy of an article (same URL) in a file that lands in a later chunk.
    shutil.copy(inputs / "robotics-lab.json", inputs / "zz-robotics-lab-copy.json")
    files = len(list(inputs.iterdir()))
    single = run(tmp_path / "single", inputs, date=DATE)
    chunked = run_batch(RunConfig(output=str(tmp_path / "chunked"), inputs=[str(inputs)], ingest_date=DATE),
                        [], chunk_bytes=1)  # every file a chunk of its own

    # Files are committed as part-<run id>-<chunk>-...; every chunk has a sources row.
    committed = {p.name.split("-")[3] for p in (tmp_path / "chunked" / "sources").glob("*/*.parquet")}
    assert len(committed) == files  # one commit per chunk
    assert (chunked.inputs, chunked.articles, chunked.duplicates) == (single.inputs, single.articles,
                                                                      single.duplicates) == (files, files - 1, 1)
    for table in TABLES:
        assert table_rows(tmp_path / "chunked", table) == table_rows(tmp_path / "single", table), table
