"""The `q` word index, kept off the projector's path (word_index.py): every stored event's
words are indexed exactly once, a withdrawn event's never, a replaced event's from its new
version, however the indexer's steps interleave with the projector's."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime
from typing import NamedTuple

import pytest
import redis

from sitrep_api.contribution import event_words, sort_key, version_rank
from sitrep_api.keyspace import text
from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_api.store import EventQuery, StateStore
from sitrep_api.word_index import WordIndexer
from sitrep_schemas import ClassifierInfo, Retraction, TaggedEvent
from tests.integration.test_projector_store import TOPIC, dump, seed_tagged

pytestmark = pytest.mark.integration


def word_index(client: redis.Redis, prefix: str) -> dict[str, set[str]]:
    """Every indexed word with the events under it (by id), over all shards."""
    out: dict[str, set[str]] = {}
    for key in client.scan_iter(match=f"{prefix}:*idx:tok:*", count=1000):
        word = text(key).rsplit(":", 1)[1]
        members: list[bytes] = client.zrange(key, 0, -1)  # type: ignore[assignment]
        for member in members:
            out.setdefault(word, set()).add(member.decode().rsplit("|", 1)[1])
    return out


def expected_index(events: list[TaggedEvent]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in events:
        for word in event_words(event.model_dump(mode="json")):
            out.setdefault(word, set()).add(event.event_id)
    return out


@pytest.fixture
def prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


def withdrawal(event: TaggedEvent) -> Retraction:
    return Retraction(
        event_id=event.event_id, source=event.event.source, retracted_at=datetime.now(UTC)
    )


def store_events(writer: StateWriter, events: list[TaggedEvent], first: int = 0) -> list[int]:
    """Apply over three partitions, as a real topic spreads them."""
    return writer.apply([AppliedRecord(TOPIC, i % 3, first + i, ev) for i, ev in enumerate(events)])


@pytest.fixture(scope="module")
def seed() -> list[TaggedEvent]:
    """The seed bulletin, tagged once (frozen events: safe to share)."""
    return seed_tagged()


class Stored(NamedTuple):
    events: list[TaggedEvent]
    writer: StateWriter
    words: WordIndexer


@pytest.fixture
def stored(redis_client: redis.Redis, prefix: str, seed: list[TaggedEvent]) -> Stored:
    """The seed stored under a fresh prefix, its words not indexed yet."""
    writer = StateWriter(redis_client, prefix)
    store_events(writer, seed)
    return Stored(seed, writer, WordIndexer(redis_client, prefix))


def test_search_finds_an_event_once_its_words_are_indexed(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events, _, words = stored
    store = StateStore(redis_client, prefix)
    drones = EventQuery(words=("drones",))
    assert store.list_events(drones, 100, None) == ([], None)  # visible, not yet searchable
    assert words.pending() == len(events)
    assert words.catch_up() == len(events)
    assert words.pending() == 0
    assert word_index(redis_client, prefix) == expected_index(events)
    found = [e for e in events if "drones" in event_words(e.model_dump(mode="json"))]
    assert found
    assert len(store.list_events(drones, 100, None)[0]) == len(found)
    before = dump(redis_client, prefix)
    assert words.catch_up() == 0  # nothing queued: nothing changes
    assert dump(redis_client, prefix) == before


def test_the_live_stream_matches_q_before_the_words_are_indexed(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events = stored.events
    store = StateStore(redis_client, prefix)
    raw = [(store.shard(i % 3), e.model_dump_json()) for i, e in enumerate(events)]
    wanted = {e.event_id for e in events if "drones" in event_words(e.model_dump(mode="json"))}
    assert store.keep_matching(EventQuery(words=("drones",)), raw) == wanted
    military = {e.event_id for e in events if e.category == "military"} & wanted
    query = EventQuery(filters={"category": ("military",)}, words=("drones",))
    assert store.keep_matching(query, raw) == military


def test_a_withdrawn_event_leaves_no_words_whenever_it_is_withdrawn(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events, writer, words = stored
    words.catch_up()

    def withdraw(i: int) -> list[int]:
        return writer.retract([(i % 3, withdrawal(events[i]))])

    assert withdraw(0) == [1]  # indexed, then withdrawn
    store_events(writer, events[:3], first=100)  # re-delivered: [4, 2, 2], nothing queued
    assert words.pending() == 0
    assert withdraw(1) == [1]
    assert words.pending() == 0
    kept = [e for i, e in enumerate(events) if i not in (0, 1)]
    assert word_index(redis_client, prefix) == expected_index(kept)
    assert not redis_client.hexists(writer.shard(0) + "toks", events[0].event_id)


def test_an_event_withdrawn_before_its_words_are_indexed_is_skipped(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events, writer, words = stored
    gone = events[4]
    assert writer.retract([(4 % 3, withdrawal(gone))]) == [1]
    assert words.pending() == len(events)  # still queued
    assert words.catch_up() == len(events)  # taken off the queue, not indexed
    assert word_index(redis_client, prefix) == expected_index(events[:4] + events[5:])


def retagged(event: TaggedEvent, text_now: str, version: str) -> TaggedEvent:
    """A newer classifier version of the event, its text changed too (the worst case)."""
    update = event.event.model_copy(update={"text": text_now})
    info = ClassifierInfo(name=event.classifier.name, version=version)
    return event.model_copy(update={"event": update, "classifier": info})


def test_a_replaced_event_is_searched_by_its_new_version(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events, writer, words = stored
    words.catch_up()
    newer = retagged(events[0], "Zeppelins sighted over the estuary", "99.0.0")
    assert writer.apply([AppliedRecord(TOPIC, 0, 500, newer)]) == [3]
    # the old version's words are gone at once; the new ones follow
    assert "zeppelins" not in word_index(redis_client, prefix)
    assert words.catch_up() == 1
    assert word_index(redis_client, prefix) == expected_index([newer, *events[1:]])


def test_words_read_before_a_replacement_are_not_indexed(
    redis_client: redis.Redis, prefix: str, seed: list[TaggedEvent]
) -> None:
    """The indexer read version 1, the projector replaced it before the words went in: the
    stale words are refused and version 2 is indexed from the queue."""
    events = seed[:3]
    writer, words = StateWriter(redis_client, prefix), WordIndexer(redis_client, prefix)
    store_events(writer, events)
    shard = writer.shard(0)
    first = events[0]
    newer = retagged(first, "Zeppelins sighted over the estuary", "99.0.0")
    assert writer.apply([AppliedRecord(TOPIC, 0, 500, newer)]) == [3]
    old_words = " ".join(event_words(first.model_dump(mode="json")))
    assert words._index(
        keys=[shard], args=[first.event_id, version_rank(first.classifier.version), old_words]
    ) == 0  # fmt: skip
    assert words.catch_up() == 3  # the two others and version 2, queued again
    assert word_index(redis_client, prefix) == expected_index([newer, *events[1:]])
    members: list[bytes] = redis_client.zrange(shard + "idx:tok:zeppelins", 0, -1)  # type: ignore[assignment]
    assert [m.decode() for m in members] == [sort_key(newer)]


def test_indexers_running_at_once_index_each_event_once(
    redis_client: redis.Redis, prefix: str, stored: Stored
) -> None:
    events, writer, _ = stored
    indexers = [WordIndexer(redis_client, prefix, batch=2) for _ in range(3)]
    threads = [threading.Thread(target=w.catch_up) for w in indexers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert indexers[0].pending() == 0
    assert word_index(redis_client, prefix) == expected_index(events)
    toks = sum(redis_client.hlen(writer.shard(p) + "toks") for p in range(3))
    assert toks == len(events)
