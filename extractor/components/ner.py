"""Trained entity recognizer: criterion text -> typed entity spans.

The spaCy pipeline (customised tokenizer + tok2vec + ner, trained on Chia by ``extractor train``) ships
as the package resource ``models/ner/model``. It is loaded on first use, never at import time, and
cached. Results are plain :class:`extractor.types.Entity` objects, with spans relative to each text.

Speed: the tok2vec's matrix products are most of the model's time. thinc computes them with BLIS by
default; numpy's BLAS (OpenBLAS with AVX-512 kernels in the pinned numpy wheel) is about 1.5x faster on
the tok2vec's shapes here, so the loaded model's layers run on ``NumpyOps(use_blis=False)``: the same
float32 products, the same entities on the 8,124 criteria measured (models/ner/README.md).
"""
from __future__ import annotations

import re

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional

from ..errors import RuleFileError
from ..resources import as_path
from ..types import ENTITY_TYPES, Entity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

MODEL_RESOURCE = "ner/model"


def model_dir() -> Path:
    """Directory of the shipped model (``importlib.resources`` of ``extractor.models``)."""
    from importlib.resources import files

    return as_path(files("extractor.models").joinpath(MODEL_RESOURCE))


def load_model(path: Path) -> "Language":
    """Load a spaCy NER pipeline from ``path``; a missing or broken model raises RuleFileError."""
    import spacy

    path = Path(path)
    if not (path / "config.cfg").is_file():
        raise RuleFileError(f"{path}: no trained NER model (config.cfg missing)")
    try:
        nlp = spacy.load(path)
    except Exception as exc:  # spaCy raises many types (OSError, ValueError, config errors)
        raise RuleFileError(f"{path}: cannot load NER model: {exc}") from exc
    if "ner" not in nlp.pipe_names:
        raise RuleFileError(f"{path}: model has no 'ner' component")
    use_numpy_blas(nlp)
    unknown = set(nlp.get_pipe("ner").labels) - set(ENTITY_TYPES)
    if unknown:
        raise RuleFileError(f"{path}: unexpected entity labels {sorted(unknown)}")
    return nlp


def use_numpy_blas(nlp: "Language") -> None:
    """Run the layers of every component of ``nlp`` on thinc's NumpyOps with numpy's BLAS (not BLIS)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=1)
def load_ner() -> "Language":
    """The shipped NER pipeline, loaded once."""
    return load_model(model_dir())


def predict(nlp: "Language", texts: Iterable[str], n_process: int = 1,
            batch_size: int = 64) -> list[list[Entity]]:
    """Run ``nlp`` over ``texts``; one list of entities (in text order) per text."""
    out: list[list[Entity]] = []
    for group in _by_size(list(texts)):
        for doc in nlp.pipe(group, n_process=n_process, batch_size=batch_size):
            out.append([_with_non(doc.text, Entity(type=e.label_, text=e.text, span=(e.start_char, e.end_char)))
                        for e in doc.ents])
    return out


_NON_BEFORE = re.compile(r"(?<![A-Za-z])non[-\s]$", re.IGNORECASE)


def _with_non(text: str, e: Entity) -> Entity:
    """``Non Small cell lung cancer``: a disease name of several words right after ``non`` includes it (the
    model may leave it out, turning NSCLC into small cell lung cancer); one word (``non-pregnant``) is a
    negation ConText reads."""
    start = e.span[0]
    if e.type != "condition" or " " not in e.text.strip() or not _NON_BEFORE.search(text, max(0, start - 4), start):
        return e
    return Entity(type=e.type, text=text[start - 4:e.span[1]], span=(start - 4, e.span[1]))


MAX_BATCH_CHARS = 100_000  # the NER's working memory grows with the characters of a batch (~1 GB / 100k)


def _by_size(texts: list[str]) -> Iterable[list[str]]:
    """Consecutive groups of ``texts`` of at most ``MAX_BATCH_CHARS`` characters in all (a longer text
    is a group of its own), so that a few huge criteria never share a batch."""
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and chars + len(text) > MAX_BATCH_CHARS:
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


def find_entities(texts: list[str], n_process: int = 1, batch_size: int = 64,
                  nlp: Optional["Language"] = None) -> list[list[Entity]]:
    """Entities of each text found by the shipped model (or by ``nlp`` when given)."""
    if not texts:
        return []
    return predict(load_ner() if nlp is None else nlp, texts, n_process=n_process, batch_size=batch_size)
