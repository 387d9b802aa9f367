"""Choosing and configuring the Beam runner.

Locally newsbeam runs on the DirectRunner's batch engine, the FnApiRunner, chosen explicitly:
Beam 2.77's DirectRunner would first try the Prism runner, which downloads a binary, and that
cannot work offline. ``--workers N`` (or Beam's own ``--direct_num_workers N``) runs N worker
processes (``multi_processing`` mode: threads do not parallelise spaCy). Any other
``--runner`` is used as given, with every other Beam option passed through.
"""
from __future__ import annotations

import os

from apache_beam.options.pipeline_options import DirectOptions, PipelineOptions, SetupOptions, StandardOptions
from apache_beam.runners.runner import PipelineRunner

LOCAL_RUNNERS = {None, "", "DirectRunner", "directrunner", "direct", "FnApiRunner"}


def is_local(options: PipelineOptions) -> bool:
    return options.view_as(StandardOptions).runner in LOCAL_RUNNERS


def make_options(beam_args: list[str], workers: int | None) -> PipelineOptions:
    options = PipelineOptions(beam_args)
    # Each worker imports newsbeam's modules itself; nothing from the launcher's __main__.
    options.view_as(SetupOptions).save_main_session = False
    if is_local(options):
        direct = options.view_as(DirectOptions)
        if workers is not None:
            direct.direct_num_workers = workers
        elif not direct.direct_num_workers:
            direct.direct_num_workers = 1
        if direct.direct_num_workers > 1 and direct.direct_running_mode in (None, "in_memory"):
            direct.direct_running_mode = "multi_processing"
    return options


def make_runner(options: PipelineOptions) -> PipelineRunner | None:
    """The FnApiRunner for local runs (what the DirectRunner falls back to, without trying Prism)."""
    if not is_local(options):
        return None
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    provision = fn_runner.ExtendedProvisionInfo(beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return fn_runner.FnApiRunner(provision_info=provision)


# Below this much input one in-process worker is quicker: each extra worker process costs
# about 2-3 s to start (Python, Beam, the spaCy model), which pays off from ~100 articles
# (a news article is 2-5 KB of JSON) at 8-10 articles/s per core.
SINGLE_WORKER_BYTES = 512 * 1024


def default_workers(input_bytes: int) -> int:
    """All cores for large inputs; one process for small daily runs, where starting more
    workers (each loading the model) would cost more than it saves."""
    return 1 if input_bytes < SINGLE_WORKER_BYTES else (os.cpu_count() or 1)
