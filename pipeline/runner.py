"""Choosing and configuring the Beam runner.

Locally newsbeam runs on the DirectRunner's batch engine, the FnApiRunner, chosen explicitly:
Beam 2.77's DirectRunner would first try the Prism runner, which downloads a binary, and that
cannot work offline. The pipeline runs in this process; ``--workers N`` parses in N processes
forked from it (``transforms.fork_pool`` says why rather than Beam's ``multi_processing``
mode, which Beam's own ``--direct_num_workers N --direct_running_mode multi_processing`` still
selects). Any other ``--runner`` is used as given, with every other Beam option passed through.
"""
from __future__ import annotations

import os

from apache_beam.options.pipeline_options import (DirectOptions, PipelineOptions, SetupOptions, StandardOptions,
                                                  TypeOptions)
from apache_beam.runners.runner import PipelineRunner

LOCAL_RUNNERS = {None, "", "DirectRunner", "directrunner", "direct", "FnApiRunner"}


def is_local(options: PipelineOptions) -> bool:
    return options.view_as(StandardOptions).runner in LOCAL_RUNNERS


def make_options(beam_args: list[str]) -> PipelineOptions:
    options = PipelineOptions(beam_args)
    # Each worker imports newsbeam's modules itself; nothing from the launcher's __main__.
    options.view_as(SetupOptions).save_main_session = False
    # Beam's type inference over every lambda took 0.2 s of each run's start; the graph is
    # fixed, and checked each time the tests build it.
    options.view_as(TypeOptions).pipeline_type_check = False
    return options


def pool_processes(options: PipelineOptions, workers: int) -> int:
    """Forked parse processes per pipeline worker: ``workers`` when the pipeline runs in this
    process; 1 (no pool) when a remote runner or Beam's own multi-process mode provides them."""
    if not is_local(options) or options.view_as(DirectOptions).direct_num_workers not in (None, 1):
        return 1
    return workers


def make_runner(options: PipelineOptions) -> PipelineRunner | None:
    """The FnApiRunner for local runs (what the DirectRunner falls back to, without trying Prism)."""
    if not is_local(options):
        return None
    _end_bundles_without_waiting()
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    provision = fn_runner.ExtendedProvisionInfo(beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return fn_runner.FnApiRunner(provision_info=provision)


# Beam's state sampler (its per-step timing counters) samples from a thread that sleeps up to
# 200 ms between samples, and every bundle's end waits for that sleep to finish ("May have to
# wait up to sampling_period_ms", statesampler_fast.pyx). A local run ends several bundles one
# after another before its first parse and after its last: ~0.2 s of a 300-article run went to
# waiting. Sampling every 10 ms ends them at once; Beam offers no option for it, so the default
# of the sampler's constructor is set, and only when it is still the value this was written for.
SAMPLING_PERIOD_MS = 10


def _end_bundles_without_waiting() -> None:
    from apache_beam.runners.worker import statesampler

    defaults = statesampler.StateSampler.__init__.__defaults__
    if defaults in ((statesampler.DEFAULT_SAMPLING_PERIOD_MS,), (SAMPLING_PERIOD_MS,)):
        statesampler.StateSampler.__init__.__defaults__ = (SAMPLING_PERIOD_MS,)


# About one parse batch of input (a batch is at most 20,000 characters): a run gets a
# process for every batch it can keep busy, up to the number of cores.
BYTES_PER_PROCESS = 24 * 1024


def default_workers(input_bytes: int) -> int:
    """All cores, or fewer when the input would not keep them busy. A forked process costs
    milliseconds, so even a 20-article daily run gains from a second one."""
    return max(1, min(os.cpu_count() or 1, -(-input_bytes // BYTES_PER_PROCESS)))
