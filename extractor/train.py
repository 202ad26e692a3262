"""``extractor train``: train the Chia entity recognizer and score it on the dev split.

Steps: read ``<corpus>/brat`` + ``SPLITS.tsv`` (extractor.chia) -> ``<output>/corpus/{train,dev}.spacy``
-> spaCy training with ``models/ner/config.cfg`` -> ``<output>/model`` (the best checkpoint, without
training-only files) -> ``<output>/metrics.json`` (strict and relaxed entity P/R/F1 on dev, per type).
``--ship`` also copies the model to ``models/ner/model``.

Scores: *strict* counts a prediction as correct when a gold entity has the same type and exactly the
same character span; *relaxed* when a gold entity of the same type overlaps it (recall: a gold entity
is found when an overlapping prediction of its type exists).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence, TextIO

from .chia import ChiaLine, build_docbins, iter_split, score, trial_ids
from .errors import ExtractorError, RuleFileError
from .resources import as_path, model_path
from .types import ENTITY_TYPES

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / "corpus" / "chia"
DEFAULT_OUTPUT = Path("out") / "ner"
CONFIG_RESOURCE = "ner/config.cfg"
SHIP_RESOURCE = "ner/model"
# Files of a spaCy checkpoint that inference does not need.
TRAINING_ONLY = ("optimizer", "training")
BEFORE_INIT = "extractor.ner_before_init.v1"
DEPTH_KEY = "components.tok2vec.model.encode.depth"


class DeadlineReached(ExtractorError):
    """Training stopped at the wall-clock limit (the best checkpoint so far is kept)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``train`` sub-command."""
    p = subparsers.add_parser("train", help="train the entity recognizer on Chia and score it on dev",
                              description="Train the Chia entity recognizer (models/ner/config.cfg), "
                                          "score it on the dev split.")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help="Chia directory with brat/ and SPLITS.tsv (default: corpus/chia)")
    p.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="output directory (default: out/ner)")
    p.add_argument("--config", type=Path, default=None, help="spaCy config (default: models/ner/config.cfg)")
    p.add_argument("--max-steps", type=int, default=None, help="stop after N optimizer steps")
    p.add_argument("--max-epochs", type=int, default=None, help="stop after N epochs")
    p.add_argument("--max-minutes", type=float, default=None,
                   help="wall-clock limit; the best checkpoint so far is kept")
    p.add_argument("--eval-frequency", type=int, default=None, help="steps between dev evaluations")
    p.add_argument("--limit", type=int, default=None, help="use only the first N trials of each split")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the config's)")
    p.add_argument("--init-tok2vec", type=Path, default=None,
                   help="pretrained tok2vec weights (from `spacy pretrain`) to start from")
    p.add_argument("--pretrain-text", type=Path, default=None, metavar="FILE",
                   help="first pretrain the tok2vec (spaCy character objective) on raw criteria text: a JSON "
                        "Lines file of {\"text\": ...}, or a zip of CT.gov XML records (their criteria "
                        "paragraphs, minus the Chia dev trials, plus the Chia train lines)")
    p.add_argument("--pretrain-epochs", type=int, default=12, help="pretraining epochs (default: 12)")
    p.add_argument("--pretrain-depth", type=int, default=None, metavar="N",
                   help="pretrain (or, with --init-tok2vec, the given weights were pretrained) with an encoder "
                        "of depth N deeper than the config's; training starts from its embedding and first "
                        "layers (default: the config's depth)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                   help="override a config value, e.g. --set training.dropout=0.2 (repeatable)")
    p.add_argument("--missing-unannotated", action="store_true",
                   help="train with the tokens of the spans Chia leaves without concepts (e.g. "
                        "Pregnancy_considerations) marked missing, not outside (the dev data is unchanged)")
    p.add_argument("--ship", action="store_true", help="copy the trained model to models/ner/model")
    p.add_argument("--no-eval", action="store_true", help="skip the dev evaluation")
    return p


def make_before_init() -> Callable[[Any], Any]:
    """``[initialize.before_init]`` of the NER config: customised tokenizer, and all eight entity
    labels added to ``ner`` (so a model trained on a subset still knows every type)."""
    from .tokenizer import customize_tokenizer

    def before_init(nlp: Any) -> Any:
        customize_tokenizer(nlp)
        if "ner" in nlp.pipe_names:
            ner = nlp.get_pipe("ner")
            for label in ENTITY_TYPES:
                ner.add_label(label)
        return nlp

    return before_init


def register_callbacks() -> None:
    """Register the config callbacks named in models/ner/config.cfg (spaCy is imported here, lazily)."""
    from spacy.util import registry

    registry.callbacks.register(BEFORE_INIT, func=make_before_init)


def make_deadline(seconds: float) -> Callable[[Any, dict], None]:
    """A ``training.before_update`` callback raising DeadlineReached once ``seconds`` have passed."""
    started = time.monotonic()

    def before_update(nlp: Any, info: dict) -> None:
        if time.monotonic() - started > seconds:
            raise DeadlineReached(f"wall-clock limit reached at step {info.get('step')}")

    return before_update


def _overrides(args: argparse.Namespace, corpus_dir: Path) -> dict[str, Any]:
    over: dict[str, Any] = {"paths.train": str(corpus_dir / "train.spacy"),
                            "paths.dev": str(corpus_dir / "dev.spacy")}
    if args.max_steps is not None:
        over["training.max_steps"] = args.max_steps
    if args.max_epochs is not None:
        over["training.max_epochs"] = args.max_epochs
    eval_frequency = args.eval_frequency
    if eval_frequency is None and args.max_steps is not None and args.max_steps < 200:
        eval_frequency = max(1, args.max_steps)
    if eval_frequency is not None:
        over["training.eval_frequency"] = eval_frequency
    if args.seed is not None:
        over["system.seed"] = args.seed
    if args.init_tok2vec is not None:
        if not args.init_tok2vec.is_file():
            raise RuleFileError(f"{args.init_tok2vec}: pretrained tok2vec weights not found")
        over["paths.init_tok2vec"] = str(args.init_tok2vec)
    for setting in args.settings:
        key, sep, value = setting.partition("=")
        if not sep or not key.strip():
            raise RuleFileError(f"--set {setting!r}: expected KEY=VALUE")
        try:
            over[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            over[key.strip()] = value
    return over


def train_pipeline(config_path: Path, output: Path, overrides: dict[str, Any],
                   max_seconds: Optional[float], stdout: TextIO, stderr: TextIO) -> Path:
    """Train with spaCy's API; returns the directory of the best checkpoint."""
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    register_callbacks()
    config = util.load_config(config_path, overrides=overrides, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    if max_seconds is not None:
        _patch_before_update(nlp, make_deadline(max_seconds))
    try:
        train_loop(nlp, output, use_gpu=-1, stdout=stdout, stderr=stderr)
    except DeadlineReached as exc:
        print(f"training stopped: {exc}", file=stdout)
    for name in ("model-best", "model-last"):
        if (output / name / "config.cfg").is_file():
            return output / name
    raise RuleFileError(f"{output}: training wrote no model")


def _patch_before_update(nlp: Any, callback: Callable[[Any, dict], None]) -> None:
    """Make the training loop call ``callback`` before every update (wall-clock guard)."""
    from spacy.util import registry

    name = "extractor.deadline.v1"
    registry.callbacks.register(name, func=lambda: callback)
    nlp.config["training"]["before_update"] = {"@callbacks": name}


def export_model(src: Path, dest: Path) -> Path:
    """Copy a checkpoint to ``dest`` without training-only files; machine-specific paths and the
    wall-clock callback are removed from its config."""
    from thinc.api import Config

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(*TRAINING_ONLY))
    cfg = dest / "config.cfg"
    config = Config().from_disk(cfg, interpolate=False)
    config["paths"]["train"] = None
    config["paths"]["dev"] = None
    config["paths"]["init_tok2vec"] = None
    config["training"]["before_update"] = None
    config.to_disk(cfg)
    return dest


# --------------------------------------------------------------------------- pretraining

_BULLET = re.compile(r"^(?:[-*•]|\d{1,2}[.)])\s+")


def criteria_from_ctgov_zip(zip_path: Path, exclude: set[str]) -> Iterator[str]:
    """Criteria paragraphs (blank-line separated, white space collapsed, bullet removed, >= 15 chars,
    first occurrence only) of the CT.gov XML records in a zip, skipping the NCT ids in ``exclude``."""
    import zipfile

    from defusedxml import ElementTree

    seen: set[str] = set()
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or Path(name).stem in exclude:
                continue
            try:
                root = ElementTree.fromstring(archive.read(name))
            except ElementTree.ParseError:
                continue
            block = root.find("./eligibility/criteria/textblock")
            if block is None or not block.text:
                continue
            for para in re.split(r"\n\s*\n", block.text):
                text = _BULLET.sub("", " ".join(para.split()))
                if len(text) >= 15 and text not in seen:
                    seen.add(text)
                    yield text


def pretrain_tok2vec(config_path: Path, source: Path, corpus: Path, out_dir: Path, epochs: int,
                     depth: Optional[int] = None) -> Path:
    """Pretrain the config's tok2vec (with encoder depth ``depth`` when given) on raw text; returns the
    weights of the last epoch.

    The text is tokenized with the customised tokenizer and re-joined with spaces, so spaCy's
    pretraining reader (default tokenizer) sees the same tokens as training and inference.
    """
    import spacy
    from spacy import util
    from spacy.training.pretrain import pretrain

    from .tokenizer import customize_tokenizer

    if not source.is_file():
        raise RuleFileError(f"{source}: pretraining text not found")
    if source.suffix == ".zip":
        dev = set(trial_ids(corpus, "dev"))
        texts = [*criteria_from_ctgov_zip(source, dev), *(ln.text for ln in iter_split(corpus, "train"))]
    else:
        with open(source, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    out_dir.mkdir(parents=True, exist_ok=True)
    raw = out_dir / "raw_text.jsonl"
    nlp = customize_tokenizer(spacy.blank("en"))
    with open(raw, "w", encoding="utf-8") as fh:
        for doc in nlp.pipe(texts, batch_size=1000):
            fh.write(json.dumps({"text": " ".join(t.text for t in doc if not t.is_space)}) + "\n")
    register_callbacks()
    overrides: dict[str, Any] = {"paths.raw_text": str(raw), "pretraining.max_epochs": epochs}
    if depth is not None:
        overrides[DEPTH_KEY] = depth
    config = util.load_config(config_path, overrides=overrides, interpolate=False)
    pretrain(config.interpolate(), out_dir, silent=False)
    weights = out_dir / f"model{epochs - 1}.bin"
    if not weights.is_file():
        raise RuleFileError(f"{out_dir}: pretraining wrote no weights")
    return weights


def _tok2vec_model(config_path: Path, overrides: dict[str, Any]) -> Any:
    from spacy import util
    from spacy.util import registry

    register_callbacks()
    config = util.load_config(config_path, overrides=overrides, interpolate=True)
    return registry.resolve({"model": config["components"]["tok2vec"]["model"]})["model"]


def truncate_tok2vec(config_path: Path, weights: Path, depth: int, dest: Path) -> Path:
    """Weights for the config's tok2vec made from pretrained weights of the same tok2vec with a deeper
    encoder (``depth`` layers): the embedding and the first encoder layers are copied (the layers are
    residual, so dropping the last ones keeps what the first ones compute). Written to ``dest``."""
    import spacy

    if not weights.is_file():
        raise RuleFileError(f"{weights}: pretrained tok2vec weights not found")
    src = _tok2vec_model(config_path, {DEPTH_KEY: depth})
    dst = _tok2vec_model(config_path, {})
    try:
        src.from_bytes(weights.read_bytes())
    except Exception as exc:  # thinc raises ValueError/KeyError on a structure mismatch
        raise RuleFileError(f"{weights}: not tok2vec weights of depth {depth}: {exc}") from exc
    dst.initialize(X=[spacy.blank("en")("Platelets at least 100,000/mm3")])
    src_params = [(n, name) for n in src.walk(order="dfs_pre") for name in n.param_names]
    dst_params = [(n, name) for n in dst.walk(order="dfs_pre") for name in n.param_names]
    if len(dst_params) > len(src_params):
        raise RuleFileError(f"{weights}: depth {depth} is not deeper than the config's encoder")
    for (s_node, s_name), (d_node, d_name) in zip(src_params, dst_params):
        value = s_node.get_param(s_name)
        if (s_node.name, s_name) != (d_node.name, d_name) or value.shape != d_node.get_param(d_name).shape:
            raise RuleFileError(f"{weights}: tok2vec layers differ from the config's beyond the depth")
        d_node.set_param(d_name, value.copy())
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(dst.to_bytes())
    return dest


# --------------------------------------------------------------------------- scoring


def evaluate(nlp: Any, lines: Sequence[ChiaLine], batch_size: int = 64) -> dict[str, Any]:
    """Score ``nlp`` on Chia lines against the overlap-resolved gold (the main figures) and against all
    gold spans (``all_gold``, overlaps included), and measure throughput."""
    from .components.ner import predict

    texts = [ln.text for ln in lines]
    started = time.perf_counter()
    predicted = predict(nlp, texts, batch_size=batch_size)
    elapsed = time.perf_counter() - started
    pred = [[(e.span[0], e.span[1], e.type) for e in ents] for ents in predicted]
    main = score([[(s.start, s.end, s.label) for s in ln.spans] for ln in lines], pred)
    full = score([[(s.start, s.end, s.label) for s in ln.all_spans] for ln in lines], pred)
    main["all_gold"] = {m: full[m]["micro"] for m in ("strict", "relaxed")}
    main["criteria"] = len(texts)
    main["seconds"] = round(elapsed, 3)
    main["criteria_per_second"] = round(len(texts) / elapsed, 1) if elapsed else None
    return main


def format_scores(metrics: dict[str, Any]) -> str:
    """A small text table of the scores."""
    rows = [f"{'type':<12} {'strict P/R/F':>20} {'relaxed P/R/F':>20} {'gold':>6}"]
    types = list(ENTITY_TYPES) + ["MICRO"]
    for t in types:
        cells = []
        for mode in ("strict", "relaxed"):
            m = metrics[mode]["micro"] if t == "MICRO" else metrics[mode]["per_type"][t]
            cells.append(f"{m['p']:.3f}/{m['r']:.3f}/{m['f']:.3f}")
        gold = metrics["strict"]["micro" if t == "MICRO" else "per_type"]
        gold = gold["gold"] if t == "MICRO" else gold[t]["gold"]
        rows.append(f"{t:<12} {cells[0]:>20} {cells[1]:>20} {gold:>6}")
    rows.append(f"throughput: {metrics['criteria_per_second']} criteria/s "
                f"({metrics['criteria']} criteria in {metrics['seconds']} s, 1 process)")
    return "\n".join(rows)


# --------------------------------------------------------------------------- command


def run(args: argparse.Namespace, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    """Convert Chia, train, export the best model, score it on dev. Returns an exit status."""
    import spacy

    from .components.ner import load_model
    from .tokenizer import customize_tokenizer

    started = time.monotonic()
    corpus: Path = args.corpus
    output: Path = args.output
    config_path = args.config if args.config is not None else as_path(model_path(CONFIG_RESOURCE))
    try:
        if not config_path.is_file():
            raise RuleFileError(f"{config_path}: missing training config")
        output.mkdir(parents=True, exist_ok=True)
        if args.pretrain_text is not None:
            args.init_tok2vec = pretrain_tok2vec(config_path, args.pretrain_text, corpus, output / "pretrain",
                                                 args.pretrain_epochs, args.pretrain_depth)
            print(f"pretrained tok2vec: {args.init_tok2vec}", file=stdout)
        if args.pretrain_depth is not None and args.init_tok2vec is not None:
            args.init_tok2vec = truncate_tok2vec(config_path, args.init_tok2vec, args.pretrain_depth,
                                                 output / "pretrain" / "tok2vec-truncated.bin")
            print(f"tok2vec weights cut to the config's depth: {args.init_tok2vec}", file=stdout)
        overrides = _overrides(args, output / "corpus")
        nlp = customize_tokenizer(spacy.blank("en"))
        counts = build_docbins(corpus, output / "corpus", nlp, limit=args.limit,
                               missing_unannotated=("train",) if args.missing_unannotated else ())
        for split, c in counts.items():
            missing = f", {c['missing']} tokens missing" if "missing" in c else ""
            print(f"{split}: {c['docs']} criteria, {c['spans']} entities ({c['dropped']} dropped){missing}",
                  file=stdout)
        max_seconds = None if args.max_minutes is None else args.max_minutes * 60
        best = train_pipeline(config_path, output, overrides, max_seconds,
                              stdout, stderr)
        model = export_model(best, output / "model")
        print(f"model: {model} (from {best.name})", file=stdout)
        if not args.no_eval:
            metrics = evaluate(load_model(model), list(iter_split(corpus, "dev", args.limit)))
            metrics["train_seconds"] = round(time.monotonic() - started, 1)
            (output / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
            print(format_scores(metrics), file=stdout)
        if args.ship:
            shipped = export_model(model, as_path(model_path(SHIP_RESOURCE)))
            print(f"shipped: {shipped}", file=stdout)
    except ExtractorError as exc:
        print(f"error: {exc}", file=stderr)
        return 1
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m extractor.train [options]``."""
    parser = argparse.ArgumentParser(prog="extractor")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(["train", *(sys.argv[1:] if argv is None else argv)])
    return run(args, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
