"""Model handling: the default model loads with only the components the tables need; a missing
model is a clear error naming the install command."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO, SAMPLES
from transforms.nlp import NEEDED_COMPONENTS, ModelNotFound, load_nlp, resolve_model_name


def test_default_model_is_the_small_english_model_with_needed_components_only():
    nlp = load_nlp()
    assert nlp.lang == "en" and nlp.meta["version"] == "3.8.0"
    assert set(nlp.pipe_names) <= NEEDED_COMPONENTS
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert load_nlp() is nlp  # once per process


def test_missing_model_names_the_install_command():
    with pytest.raises(ModelNotFound, match="python -m spacy download en_core_web_lg"):
        resolve_model_name("en_core_web_lg")


def test_cli_refuses_a_missing_model_before_running(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--input", str(SAMPLES), "--output",
                             str(tmp_path / "out"), "--spacy-model", "de=de_core_news_sm"],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 2
    assert "de_core_news_sm is not installed" in result.stderr and "spacy download" in result.stderr
    assert not (tmp_path / "out").exists()
