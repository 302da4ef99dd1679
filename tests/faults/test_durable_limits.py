"""Tansu 0.6 on s3:// has two known limits; sitrep stays correct with both (durable stack).

* `end_offsets` can be stale: sitrep never uses it to decide anything. The DLQ
  tools read until the topic is idle, and lag comes from fetch high watermarks.
* `read_committed` consumers see aborted transactional records: sitrep does not
  use broker transactions. A record of an aborted transaction that a consumer
  still sees, followed by the retry of the same event, is counted once,
  because the projector keys everything by event id.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from sitrep_api.contribution import NOT_TALLIED
from sitrep_classifier.tagger import Tagger
from sitrep_cli.dlq import list_dlq
from sitrep_ingest.parsers import parse_feed
from sitrep_schemas.settings import SitrepSettings
from sitrep_schemas.topics import DLQ_HEADER_STAGE, DLQ_TOPIC, TAGGED_TOPIC
from tests.conftest import SEED_BULLETIN, wait_until
from tests.faults.conftest import NOTES
from tests.faults.harness import FaultStack, running

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def durable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultStack]:
    with running(Path(tmp_path_factory.mktemp("durable"))) as fs:
        yield fs


def test_dlq_reading_does_not_depend_on_end_offsets(durable: FaultStack) -> None:
    producer = KafkaProducer(bootstrap_servers=durable.bootstrap, acks="all")
    for i in range(300):
        producer.send(
            DLQ_TOPIC, key=b"k", value=b"poison %d" % i, headers=[(DLQ_HEADER_STAGE, b"decode")]
        )
    producer.flush()
    producer.close()
    consumer = KafkaConsumer(bootstrap_servers=durable.bootstrap)
    try:
        partitions = [TopicPartition(DLQ_TOPIC, p) for p in range(3)]
        end = sum(consumer.end_offsets(partitions).values())
    finally:
        consumer.close()
    listed = list(list_dlq(SitrepSettings(kafka_bootstrap=durable.bootstrap)))
    NOTES.append(
        f"durable: end_offsets said {end} for 300 records; sitrep dlq list read {len(listed)}"
    )
    assert len(listed) == 300
    assert {d["stage"] for d in listed} == {"decode"}


def test_an_aborted_transaction_and_its_retry_count_once(durable: FaultStack) -> None:
    tagger = Tagger()
    events = parse_feed(SEED_BULLETIN.read_bytes(), fmt="bulletin", received_at=datetime.now(UTC))
    event = next(
        e.model_copy(update={"source": "tx-test", "event_id": uuid.uuid4().hex})
        for e in events
        if tagger.classify(e).event_type not in NOT_TALLIED
    )
    tagged = tagger.classify(event).model_dump_json().encode()
    transactional = KafkaProducer(
        bootstrap_servers=durable.bootstrap,
        transactional_id=f"tx-{uuid.uuid4().hex[:8]}",
        enable_idempotence=True,
    )
    try:
        transactional.init_transactions()
        transactional.begin_transaction()
        transactional.send(TAGGED_TOPIC, key=b"tx-test", value=tagged).get(timeout=10)
        transactional.abort_transaction()
    finally:
        transactional.close()
    retry = KafkaProducer(bootstrap_servers=durable.bootstrap, acks="all")
    retry.send(TAGGED_TOPIC, key=b"tx-test", value=tagged).get(timeout=10)
    retry.close()

    def stored() -> int:
        state = httpx.get(f"{durable.api}/v1/state", timeout=5).json()
        return int(state["by_source"].get("tx-test", 0))

    wait_until(lambda: httpx.get(f"{durable.api}/v1/events/{event.event_id}").status_code == 200)
    wait_until(lambda: stored() >= 1)
    page = httpx.get(f"{durable.api}/v1/events", params={"source": "tx-test"}, timeout=5).json()
    assert [item["event_id"] for item in page["items"]] == [event.event_id]
    assert stored() == 1
