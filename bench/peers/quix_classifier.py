"""The classifier stage written with Quix Streams: consume raw updates, the same
`classify()`, produce tagged events. Runs in the bench venv (`.venv-bench`, the
`bench` extra), started by bench/classifier_stage.py.

Usage: python bench/peers/quix_classifier.py BOOTSTRAP RAW_TOPIC TAGGED_TOPIC GROUP COUNT
"""

from __future__ import annotations

import logging
import sys

from quixstreams import Application

from sitrep_classifier.tagger import Tagger
from sitrep_schemas import UpdateEvent


def main(bootstrap: str, raw: str, tagged: str, group: str, count: int) -> None:
    tagger = Tagger()
    app = Application(
        broker_address=bootstrap,
        consumer_group=group,
        auto_offset_reset="earliest",
        auto_create_topics=False,
        loglevel=logging.WARNING,
        producer_extra_config={"linger.ms": 5, "acks": "all"},
    )
    source = app.topic(raw, value_deserializer="bytes", key_deserializer="bytes")
    sink = app.topic(tagged, value_serializer="bytes", key_serializer="bytes")
    sdf = app.dataframe(source)
    sdf = sdf.apply(
        lambda value: (
            tagger.classify(UpdateEvent.model_validate_json(value)).model_dump_json().encode()
        )
    )
    sdf.to_topic(sink)
    app.run(count=count, collect=False)


if __name__ == "__main__":
    bootstrap, raw, tagged, group, count = sys.argv[1:6]
    main(bootstrap, raw, tagged, group, int(count))
