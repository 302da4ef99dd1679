"""The broker floor for a consume -> produce stage: bare kafka-python, the settings
sitrep uses, every record copied as it is (no parsing, no classify()), offsets
committed after each batch is acknowledged. Started by bench/classifier_stage.py.

Usage: python bench/peers/passthrough.py BOOTSTRAP RAW_TOPIC TAGGED_TOPIC GROUP COUNT
"""

from __future__ import annotations

import sys

from kafka import KafkaConsumer, KafkaProducer

from sitrep_schemas.settings import SitrepSettings


def main(bootstrap: str, raw: str, tagged: str, group: str, count: int) -> None:
    settings = SitrepSettings(kafka_bootstrap=bootstrap)
    consumer = KafkaConsumer(raw, **settings.consumer_config(group))
    producer = KafkaProducer(**settings.producer_config())
    copied = 0
    try:
        while copied < count:
            batch = consumer.poll(timeout_ms=1000)
            futures = [
                producer.send(tagged, key=record.key, value=record.value)
                for records in batch.values()
                for record in records
            ]
            producer.flush()
            for future in futures:
                future.get()
            if futures:
                consumer.commit()
            copied += len(futures)
    finally:
        producer.close()
        consumer.close()


if __name__ == "__main__":
    bootstrap, raw, tagged, group, count = sys.argv[1:6]
    main(bootstrap, raw, tagged, group, int(count))
