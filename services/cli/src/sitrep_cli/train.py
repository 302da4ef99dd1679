"""`sitrep train`: fit the tagger's learned layer on the tuning part of the labelled set.

Examples are every event of `tests/data/classifier/tune` (parsed by the real parser,
aligned with its gold) and every line of `tests/data/classifier/tune-sentences.txt`
("event_type sentence"). The test part is never read. The fit is deterministic
(L-BFGS from zeros), so the same data gives the same model; `tests/unit/test_learned.py`
fails when the committed model is not what this command builds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from sitrep_classifier.learned import N_BUCKETS, Embedder, EventTypeModel, featurise, model_text
from sitrep_classifier.rules import score_cues
from sitrep_classifier.taxonomy import Taxonomy, load_taxonomy
from sitrep_classifier.text import passages_of
from sitrep_cli.evaluate import Report, bulletins, evaluate
from sitrep_ingest.parsers import guess_format, parse_feed

# Inverse regularisation strength, chosen by 5-fold cross-validation over the tuning
# bulletins (grouped by bulletin): on 62 bulletins 3 -> 0.720, 10 -> 0.734, 30 -> 0.744,
# 100 -> 0.747 event-type accuracy; on 70, 10 -> 0.717, 30 -> 0.723, 100 -> 0.725 (30:
# nearly all of the gain, less fitted); on 88 bulletins and 1,242 sentences, 10 -> 0.775,
# 30 -> 0.779, 100 -> 0.784, 300 -> 0.787, 1000 -> 0.772, with calibration error 0.098,
# 0.055, 0.057, 0.068, 0.132 (100: the gain at the same calibration). Checked again on 503
# bulletins (3,280 events) and 1,242 sentences: 10 -> 0.787, 30 -> 0.787, 100 -> 0.787 with
# calibration error 0.053, 0.037, 0.053 (and on 491: 30 -> 0.789, 100 -> 0.787, 300 -> 0.785,
# 1000 -> 0.784, calibration 0.044, 0.046, 0.081, 0.122): 30, as well fitted, better calibrated.
C = 30.0
# How far rare event types are weighed up in the fit (`class_weights`): tune CV on 817
# bulletins, 0 -> event type 0.818 / family 0.849, 0.5 -> 0.820 / 0.852, 1 ('balanced') ->
# 0.820 / 0.851, calibration error 0.030 / 0.030 / 0.029.
BALANCE = 0.5
SENTENCES = "tune-sentences.txt"


@dataclass(frozen=True)
class Example:
    headline: str | None
    text: str
    event_type: str
    bulletin: str | None = None  # the tuning bulletin it comes from; None for a sentence


def examples(root: Path) -> list[Example]:
    """The tuning examples under a labelled-set folder (`tests/data/classifier`)."""
    found: list[Example] = []
    received = datetime(2025, 1, 1, tzinfo=UTC)
    for name, body, gold in bulletins(root / "tune"):
        events = parse_feed(body.encode(), fmt=guess_format(body), received_at=received)
        if len(events) != len(gold):
            raise ValueError(f"{name}: {len(events)} events parsed, {len(gold)} labelled")
        found += [
            Example(e.headline, e.text, g["event_type"], name)
            for e, g in zip(events, gold, strict=True)
        ]
    for number, line in enumerate((root / SENTENCES).read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        event_type, _, text = line.partition(" ")
        if not text.strip():
            raise ValueError(f"{SENTENCES} line {number}: expected 'event_type sentence'")
        found.append(Example(None, text.strip(), event_type))
    return found


def class_weights(labels: list[str], power: float) -> dict[str, float]:
    """Each class's weight in the fit: (examples / (classes x its examples)) ** power. At 1,
    scikit-learn's 'balanced' (every class weighs as much in all); at 0, every example alike."""
    counts = Counter(labels)
    return {c: (len(labels) / (len(counts) * n)) ** power for c, n in counts.items()}


def train(
    items: list[Example],
    taxonomy: Taxonomy | None = None,
    embedder: Embedder | None = None,
    c: float = C,
    balance: float = BALANCE,
) -> EventTypeModel:
    from sklearn.linear_model import LogisticRegression

    taxonomy = taxonomy or load_taxonomy()
    unknown = {e.event_type for e in items} - set(taxonomy.event_types)
    if unknown:
        raise ValueError(f"unknown event types: {sorted(unknown)}")
    types = list(taxonomy.event_types)
    scores = [score_cues(taxonomy, passages_of(e.headline, e.text)).scores for e in items]
    texts = [model_text(e.headline, e.text) for e in items]
    features = featurise(embedder or Embedder(), types, texts, scores)
    matrix = features.dense().astype(np.float64)
    labels = [e.event_type for e in items]
    fit = LogisticRegression(C=c, max_iter=5000, class_weight=class_weights(labels, balance))
    fit.fit(matrix, labels)
    coef = fit.coef_.T.astype(np.float32)  # (features, classes)
    grams_end = N_BUCKETS
    embed_end = grams_end + features.embeddings.shape[1]
    return EventTypeModel(
        labels=tuple(str(label) for label in fit.classes_),
        vote_types=tuple(types),
        grams=coef[:grams_end],
        embedding=coef[grams_end:embed_end],
        votes=coef[embed_end:],
        bias=fit.intercept_.astype(np.float32),
    )


def cross_validate(root: Path, folds: int = 5, balance: float = BALANCE) -> Report:
    """The learned tagger on tuning bulletins it was not trained on: `folds` rounds, each
    trained without every `folds`-th bulletin (and with every sentence), scored on those."""
    from sitrep_classifier.tagger import Tagger

    items = examples(root)
    names = sorted({e.bulletin for e in items if e.bulletin})
    taxonomy = load_taxonomy()
    embedder = Embedder()
    rules = Tagger(taxonomy=taxonomy, learned=False)
    report = Report()
    for k in range(folds):
        held = set(names[k::folds])
        model = train(
            [e for e in items if e.bulletin not in held], taxonomy, embedder, balance=balance
        )
        tagger = Tagger(taxonomy, rules.gazetteer, rules.actors, learned=(model, embedder))
        evaluate(root / "tune", tagger, only=held.__contains__, report=report)
    return report
