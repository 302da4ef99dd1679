"""The learned layer: event type from word n-grams, a static sentence embedding and the rules' vote.

A multinomial logistic regression trained on the tuning part of the labelled set
(`sitrep train`, which writes `data/event_type_model.npz`). Its inputs per event:

- hashed word unigrams and bigrams of headline and text (binary, L2-normalised, scaled by
  GRAM_WEIGHT);
- the text's WordLlama embedding (256 dimensions, mean of token vectors, L2-normalised):
  the weights and tokenizer ship inside the `wordllama` wheel, nothing is downloaded;
- the rules' cue scores: each type's score s from its cue phrases, squashed to
  s / (s + VOTE_SCALE) (zero when none of its cues matched), so the model learns how far
  to trust each type's cues and which ones compete ("condemned the assault" scores for
  criticism and for an attack). Measured on tune (5-fold CV): event type 0.789 with the
  chosen type's confidence alone, 0.809 with every type's score.

Inference is a few numpy products per batch; no scikit-learn at run time.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODEL_FILE = "data/event_type_model.npz"
N_BUCKETS = 2**13
# The word n-grams' scale against the embedding and the votes: with one regularisation
# strength for all inputs, a larger scale lets the words weigh more. Tune CV (5-fold, 5,066
# events): 1.0 -> 0.816, 1.5 -> 0.818 (0.819 without the stamp rule), 2.0 -> 0.817 event type.
GRAM_WEIGHT = 1.5
VOTE_SCALE = 6.0  # a cue score of 6 (two strong cues) is half-way to certain
WORD_CACHE = 10_000  # distinct words kept with their vectors (~10 MB at most)
_WORD = re.compile(r"[a-z][a-z'’-]*|\d+")

Matrix = npt.NDArray[np.float32]


# Who reported an event is not what happened: the model reads the text without its
# source ("..., the governor said", "X says ...", "according to X", "- local sources"),
# so "the UN says 12 million people need aid" reads as needs, not as a statement. The
# rules still read the whole text (attribution, actors).
_ACCORDING = re.compile(r",?\s+(?:according\s+to|citing)\s+[^,.;]+", re.I)
_SAID_AFTER = re.compile(
    r"(?:,|\s[-–])\s+(?:the\s+|a\s+)?[^,;.]{1,70}?\s+(?:said|says|say|reported|reports|claimed|"
    r"claims|announced|added|confirmed|told\s+\w+)(?:\s+on\s+\w+)?\s*\.?\s*$",
    re.I,
)
_SOURCE_DASH = re.compile(r"\s[-–]\s+[^-–]{1,60}$")
_SAID_BEFORE = re.compile(
    r"^(?:the\s+)?[^,;.]{1,70}?\s+(?:said|says|say|reported|claimed|claims|stated)\s+"
    r"(?:on\s+\w+\s+)?(?:that\s+)?",
    re.I,
)


# A live blog's time stamp or a timeline's date label before the text ("07:12 GMT — ...",
# "0745 - ...", "19 January: ...", "March 2 — ..."): when, not what, and its digits and
# month words would otherwise weigh in the word pairs of every stamped post.
_MONTH = (  # "March", "Sept.", "Oct": not "Mark 12 - ..."
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_STAMP = re.compile(
    r"^(?:(?:[01]?\d|2[0-3])[:.h]?[0-5]\d(?:\s*(?i:[ap]\.?m\.?))?"
    r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EET|EEST|ET|EST|EDT|PT|MSK|local(?:\s+time)?))?"
    rf"|\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+\d{{4}})?)"
    r"\s*[-–—:|]\s+"
)


def event_clause(text: str) -> str:
    """`text` without the clause that names its source, unless little would be left."""
    text = _STAMP.sub("", text, count=1)
    clause = _SOURCE_DASH.sub("", _SAID_AFTER.sub("", _ACCORDING.sub("", text)))
    reported = _SAID_BEFORE.sub("", clause)
    return reported if len(reported) > 15 else clause


def model_text(headline: str | None, text: str) -> str:
    text = event_clause(text)
    return f"{headline}. {text}" if headline else text


def ngram_buckets(text: str) -> list[int]:
    """The hashed buckets of a text's words and word pairs (numbers read as one word):
    CRC-32 of the word, and of "first second" (continued from the first word's "word "
    state, so each word is encoded and hashed once)."""
    words = [_hashed("0" if w[0].isdigit() else w) for w in _WORD.findall(text.lower())]
    mask = N_BUCKETS - 1
    found = {crc & mask for _, crc, _ in words}
    found.update(
        zlib.crc32(b, prefix) & mask for (_, _, prefix), (b, _, _) in itertools.pairwise(words)
    )
    return sorted(found)


_HASHED: dict[str, tuple[bytes, int, int]] = {}


def _hashed(word: str) -> tuple[bytes, int, int]:
    """(the word's bytes, their CRC-32, the CRC-32 of the word and a space)."""
    known = _HASHED.get(word)
    if known is None:
        if len(_HASHED) >= WORD_CACHE:
            _HASHED.clear()
        raw = word.encode()
        crc = zlib.crc32(raw)
        known = _HASHED[word] = (raw, crc, zlib.crc32(b" ", crc))
    return known


class Embedder:
    """WordLlama's static embeddings (the mean of a text's token vectors, L2-normalised),
    read from the files its wheel carries.

    The same vectors as `wordllama.inference.WordLlamaInference.embed(norm=True)` (a test holds
    them equal), without importing that package and with the table kept in float16:
    ~45 MB less resident memory and 3x faster on one text.
    """

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec("wordllama")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("the wordllama package is not installed")
        root = Path(spec.submodule_search_locations[0])
        weights = load_file(str(root / "weights" / "l2_supercat_256.safetensors"))
        self.table: npt.NDArray[np.float16] = weights["embedding.weight"]
        self.tokenizer = Tokenizer.from_file(
            str(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
        )
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        # Each cached word's summed token vectors are a row of `_sums`; a text's sum is then
        # one gather of its words' rows, not a vector addition per word.
        self._sums = np.zeros((WORD_CACHE, self.table.shape[1]), dtype=np.float32)
        self._words: dict[str, tuple[int, int]] = {}  # word -> (row in _sums, tokens)

    def embed(self, texts: Sequence[str]) -> Matrix:
        """The L2-normalised mean of each text's token vectors (the mean's direction is the
        sum's, so the sum is normalised)."""
        out = np.zeros((len(texts), self.table.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            words = text.split()
            if len(self._words) + len(words) > WORD_CACHE:
                self._words.clear()  # never mid-text: a text's rows stay valid
            rows = [(self._words.get(w) or self._word(w))[0] for w in words[:WORD_CACHE]]
            if rows:
                out[row] = self._sums[rows].sum(axis=0)
        norms = np.sqrt(np.einsum("ij,ij->i", out, out))[:, None]
        result: Matrix = out / np.maximum(norms, 1e-12)
        return result

    def _word(self, word: str) -> tuple[int, int]:
        """The row of a word's summed token vectors and their number. A text's tokens are
        its words' tokens (the tokenizer marks each word's start and never merges across
        it), so words are tokenized once and cached."""
        ids = self.tokenizer.encode(word, add_special_tokens=False).ids
        ids = [min(i, self.table.shape[0] - 1) for i in ids]
        row = len(self._words)
        self._sums[row] = self.table[ids].astype(np.float32).sum(axis=0)
        self._words[word] = (row, len(ids))
        return row, len(ids)


@dataclass(frozen=True)
class Features:
    """The inputs of a batch: buckets per text, embeddings, and the rules' votes."""

    buckets: list[list[int]]
    embeddings: Matrix
    votes: Matrix  # (batch, types): each type's squashed cue score

    def dense(self) -> Matrix:
        """All inputs as one dense matrix (training)."""
        grams = np.zeros((len(self.buckets), N_BUCKETS), dtype=np.float32)
        for row, found in enumerate(self.buckets):
            if found:
                grams[row, found] = GRAM_WEIGHT / np.sqrt(len(found))
        return np.hstack([grams, self.embeddings, self.votes])


@cache
def _positions(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


def featurise(
    embedder: Embedder,
    type_names: Sequence[str],
    texts: Sequence[str],
    cue_scores: Sequence[Mapping[str, float]],
) -> Features:
    """The model's inputs for `texts`, given each text's cue score per event type
    (`CueScores.scores`: types without a matching cue absent)."""
    index = _positions(tuple(type_names))
    votes = np.zeros((len(texts), len(type_names)), dtype=np.float32)
    for row, scores in enumerate(cue_scores):
        for name, score in scores.items():
            votes[row, index[name]] = score / (score + VOTE_SCALE)
    return Features([ngram_buckets(t) for t in texts], embedder.embed(texts), votes)


@dataclass(frozen=True)
class EventTypeModel:
    labels: tuple[str, ...]  # the classes, in the weights' column order
    vote_types: tuple[str, ...]  # the taxonomy's types, in the votes' column order
    grams: Matrix  # (N_BUCKETS, classes)
    embedding: Matrix  # (dims, classes)
    votes: Matrix  # (len(vote_types), classes)
    bias: Matrix  # (classes,)

    def probabilities(self, features: Features) -> Matrix:
        # In place, one array: per event this is a dozen small numpy calls, so each counts.
        logits: Matrix = features.embeddings @ self.embedding
        logits += self.bias
        if features.votes.any():
            logits += features.votes @ self.votes
        for row, found in enumerate(features.buckets):
            if found:
                logits[row] += np.add.reduce(self.grams.take(found, axis=0)) * (
                    GRAM_WEIGHT / math.sqrt(len(found))
                )
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            vote_types=np.array(self.vote_types),
            grams=self.grams.astype(np.float16),
            embedding=self.embedding.astype(np.float16),
            votes=self.votes.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )

    @classmethod
    def load(cls, path: Path) -> EventTypeModel:
        with np.load(path) as data:
            return cls(
                labels=tuple(str(x) for x in data["labels"]),
                vote_types=tuple(str(x) for x in data["vote_types"]),
                grams=data["grams"].astype(np.float32),
                embedding=data["embedding"].astype(np.float32),
                votes=data["votes"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
            )


def model_path() -> Path:
    return Path(str(resources.files("sitrep_classifier").joinpath(MODEL_FILE)))


@cache
def load_default() -> tuple[EventTypeModel, Embedder] | None:
    """The committed model and its embedder, or None when the model file is absent."""
    path = model_path()
    if not path.exists():
        return None
    return EventTypeModel.load(path), Embedder()
