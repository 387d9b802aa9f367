"""Language identification, so non-English text is never silently run through an English model."""
from __future__ import annotations

import py3langid


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None for text too short to tell."""
    if len(text.strip()) < 20:
        return None
    code, _ = py3langid.classify(text[:5000])
    return code
