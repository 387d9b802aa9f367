"""The run configuration: newsbeam's own options, separate from Beam's pipeline options."""
from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from transforms.annotate import DEFAULT_BATCH_SIZE
from transforms.files import DEFAULT_MAX_FILE_BYTES
from transforms.normalize import DEFAULT_MAX_ARTICLE_CHARS


def new_run_id(now: dt.datetime) -> str:
    """Sortable by start time to the microsecond, so "the latest run" is well defined."""
    return now.strftime("%Y%m%dT%H%M%S.%fZ") + "-" + uuid.uuid4().hex[:8]


@dataclass
class RunConfig:
    output: str
    inputs: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    ingest_date: str = ""
    # Local parse processes (None: as many as the input keeps busy; 1 on a distributed runner,
    # whose workers are the processes)
    workers: int | None = None
    # language -> spaCy model (None: en_core_web_sm, else the pinned repackaging)
    models: dict[str, str | None] = field(default_factory=lambda: {"en": None})
    reprocess: bool = False
    fetch_pages: bool = True
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    batch_size: int = DEFAULT_BATCH_SIZE
    started_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    run_id: str = ""

    def __post_init__(self):
        if not self.ingest_date:
            self.ingest_date = self.started_at.date().isoformat()
        if not self.run_id:
            self.run_id = new_run_id(self.started_at)
