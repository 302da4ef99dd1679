"""Event type and category from cue phrases: each type scores the weights of its cues found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitrep_classifier.taxonomy import Cue, Taxonomy
from sitrep_classifier.text import Passage
from sitrep_schemas import TextSpan

# Weight of a cue found in the headline relative to one in the text.
HEADLINE_WEIGHT = 0.7
# What happened is usually said first: cues in the text's first clause count this much more.
FIRST_CLAUSE_WEIGHT = 1.5
REQUIRES_MISSING_FACTOR = 0.3
_CLAUSE_END = re.compile(
    r"[;:.!?](?:\s|$)|\s[–—-]\s|,\s+(?:of\s+which|while|whereas|with|as|after|before|but|which|who|"
    r"according\s+to|citing)\b|\s(?:after|following)\s"
)
FALLBACK_TYPE = "politics.statement"


@dataclass(frozen=True)
class TypeDecision:
    event_type: str
    category: str
    confidence: float
    evidence: TextSpan | None
    alternate_categories: tuple[str, ...]


@dataclass(frozen=True)
class CueScores:
    """What the cue phrases say: a score per event type and the best match behind each."""

    scores: dict[str, float]
    # The best match per type, as (weight, passage, start, end): spans are built on demand.
    evidence: dict[str, tuple[float, Passage, int, int]]
    # What was read: the passages and the cue anchors found in each.
    passages: list[Passage] = field(default_factory=list)
    anchors: list[set[str]] = field(default_factory=list)

    def requirement_met(self, taxonomy: Taxonomy, name: str) -> bool:
        """Does the text hold one of the words type `name` requires (none: always)?"""
        requires = taxonomy.event_types[name].requires
        return not requires or _any_found(requires, self.passages, self.anchors)

    def span(self, name: str) -> TextSpan | None:
        best = self.evidence.get(name)
        return _span(best) if best else None


def score_cues(taxonomy: Taxonomy, passages: list[Passage]) -> CueScores:
    scores: dict[str, float] = {}
    evidence: dict[str, tuple[float, Passage, int, int]] = {}
    anchors = [taxonomy.anchors_in(passage.lower) for passage in passages]
    for passage, present in zip(passages, anchors, strict=True):
        lower = passage.lower
        in_text = passage.name == "text"
        first_clause_end = -1
        for anchor in sorted(present):  # sorted: the same evidence span on every run
            for name, cue in taxonomy.cues_by_anchor.get(anchor, ()):
                m = cue.search(lower)
                if not m:
                    continue
                weight = cue.weight
                if in_text:
                    if first_clause_end < 0:
                        end = _CLAUSE_END.search(passage.value)
                        first_clause_end = end.start() if end else len(lower)
                    if m.start() < first_clause_end:
                        weight *= FIRST_CLAUSE_WEIGHT
                else:
                    weight *= HEADLINE_WEIGHT
                scores[name] = scores.get(name, 0.0) + weight
                best = evidence.get(name)
                if weight > 0 and (best is None or weight > best[0]):
                    evidence[name] = (weight, passage, m.start(), m.end())
    # A negative cue ("missile depot") takes back a shorter one's weight; nothing is left
    # of a type whose cues cancel out.
    positive = {name: score for name, score in scores.items() if score > 0}
    cues = CueScores(positive, evidence, passages, anchors)
    for name in positive:
        if not cues.requirement_met(taxonomy, name):
            positive[name] *= REQUIRES_MISSING_FACTOR
    return cues


def decide_event_type(taxonomy: Taxonomy, passages: list[Passage]) -> TypeDecision:
    return decide(taxonomy, score_cues(taxonomy, passages))


def decide(taxonomy: Taxonomy, cues: CueScores) -> TypeDecision:
    """The best-scoring type; with no cue at all, the fallback at a low confidence."""
    scores = cues.scores
    if not scores:
        return TypeDecision(
            FALLBACK_TYPE, taxonomy.event_types[FALLBACK_TYPE].category, 0.2, None, ()
        )
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _order(taxonomy, kv[0])))
    best_name, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = round(min(0.95, 0.3 + 0.65 * best_score / (best_score + runner_up + 1.0)), 3)
    chosen = taxonomy.event_types[best_name]
    alternates = tuple(
        dict.fromkeys(
            taxonomy.event_types[name].category
            for name, score in ranked[1:3]
            if score >= 0.6 * best_score and taxonomy.event_types[name].category != chosen.category
        )
    )
    return TypeDecision(best_name, chosen.category, confidence, cues.span(best_name), alternates)


def _span(best: tuple[float, Passage, int, int]) -> TextSpan:
    _, passage, start, end = best
    return passage.span(start, end)


def _any_found(cues: tuple[Cue, ...], passages: list[Passage], anchors: list[set[str]]) -> bool:
    return any(
        cue.anchor in present and cue.search(passage.lower)
        for cue in cues
        for passage, present in zip(passages, anchors, strict=True)
    )


def _order(taxonomy: Taxonomy, name: str) -> int:
    """Taxonomy file order breaks ties (missiles before drones, as docs/taxonomy.md's tie-breaks say)."""
    return taxonomy.order[name]
