"""`classify()`: one `UpdateEvent` in, one `TaggedEvent` out. Pure, deterministic, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime

from sitrep_classifier import CLASSIFIER_NAME, CLASSIFIER_VERSION
from sitrep_classifier.actors import ActorIndex, load_actors
from sitrep_classifier.gazetteer import Gazetteer, actor_words, load_gazetteer
from sitrep_classifier.quantities import extract_quantities
from sitrep_classifier.rules import decide_event_type
from sitrep_classifier.taxonomy import Taxonomy, load_taxonomy
from sitrep_classifier.text import passages_of
from sitrep_schemas import ClassifierInfo, TaggedEvent, UpdateEvent


class Tagger:
    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        gazetteer: Gazetteer | None = None,
        actors: ActorIndex | None = None,
    ) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        if gazetteer is None:
            index = load_gazetteer().index
            self.actors = (actors or load_actors()).with_countries(index.country_names())
            persons = [alias for alias, entry in self.actors.aliases.items() if entry.person]
            gazetteer = Gazetteer(index, actor_words(index, list(self.actors.aliases), persons))
        else:
            self.actors = actors or load_actors()
        self.gazetteer = gazetteer
        self.info = ClassifierInfo(name=CLASSIFIER_NAME, version=CLASSIFIER_VERSION)

    def classify(self, event: UpdateEvent, now: datetime | None = None) -> TaggedEvent:
        passages = passages_of(event.headline, event.text)
        decision = decide_event_type(self.taxonomy, passages)
        actors, attributions = self.actors.find(passages)
        context = {a.country for a in actors if a.country}
        # Headlines are labels ("Kursk Counterattack"); their places count only if the text has none.
        locations = self.gazetteer.locate(passages[:1], context) or self.gazetteer.locate(
            passages[1:], context
        )
        place_spans = [
            (loc.span.field, loc.span.start, loc.span.end) for loc in locations if loc.span
        ]
        actors = [
            a
            for a in actors
            if not a.span
            or not any(f == a.span.field and s <= a.span.start < e for f, s, e in place_spans)
        ]  # "rescue teams to Turkey": Turkey is where, not who
        return TaggedEvent(
            event_id=event.event_id,
            event=event,
            category=decision.category,
            event_type=decision.event_type,
            confidence=decision.confidence,
            evidence=decision.evidence,
            alternate_categories=list(decision.alternate_categories),
            actors=actors,
            locations=locations,
            quantities=extract_quantities(event.text),
            attributed_to=attributions,
            classifier=self.info,
            tagged_at=now or datetime.now(UTC),
        )


_default: Tagger | None = None


def classify(event: UpdateEvent) -> TaggedEvent:
    """Tag one event with the default data files (loaded once per process)."""
    global _default
    if _default is None:
        _default = Tagger()
    return _default.classify(event)
