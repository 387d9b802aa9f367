"""What newsbeam remembers about each feed between runs.

One JSON file per feed, ``<root>/_state/feeds/<sha256 of the feed URI>.json``, holding the
validators for conditional GET (ETag, Last-Modified), a hash of the last body (some servers
ignore both validators) and the keys of the entries already handed to the pipeline (so a
page is not fetched again for an entry ingested yesterday).

A run *reads* the state of the last successful run from the output directory and *writes*
the new state into its staging directory; the driver moves staging into the output only
when the run succeeded, so the state always describes rows that were actually written.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile

STATE_DIR = os.path.join("_state", "feeds")
MAX_SEEN = 5000  # entry keys kept per feed: far more than any feed lists at once

log = logging.getLogger(__name__)


@dataclasses.dataclass
class FeedState:
    source: str
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    seen: list[str] = dataclasses.field(default_factory=list)  # entry keys, oldest first
    checked_at: str | None = None                               # ISO time of the last fetch

    def remember(self, keys: list[str]) -> None:
        """Add entry keys handed on this run, keeping the newest ``MAX_SEEN``."""
        known = set(self.seen)
        self.seen.extend(key for key in dict.fromkeys(keys) if key not in known)
        del self.seen[:-MAX_SEEN]


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def state_path(root: str, source: str) -> str:
    name = hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]
    return os.path.join(root, STATE_DIR, f"{name}.json")


def load_state(output_dir: str, source: str) -> FeedState:
    """The state committed by the last successful run, or a blank one (first run, or unreadable)."""
    path = state_path(output_dir, source)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return FeedState(source)
    except (OSError, ValueError) as exc:
        log.warning("feed state %s is unreadable (%s); fetching %s as if new", path, exc, source)
        return FeedState(source)
    fields = {field.name for field in dataclasses.fields(FeedState)}
    if not isinstance(data, dict) or data.get("source") != source:
        return FeedState(source)
    return FeedState(**{key: value for key, value in data.items() if key in fields})


def save_state(staging_dir: str, state: FeedState) -> str:
    """Write the state atomically (temporary file, then rename); returns its path."""
    path = state_path(staging_dir, state.source)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(dataclasses.asdict(state), handle, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return path
