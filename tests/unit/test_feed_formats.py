"""JSON / NDJSON parsing, format selection and deterministic ids (pure, no servers)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from sitrep_ingest.ids import bulletin_id, event_id, slugify
from sitrep_ingest.parsers import dispatch, guess_format, parse_feed
from sitrep_ingest.parsers.dispatch import Limits, format_for
from sitrep_ingest.problems import (
    InvalidEvent,
    MalformedFeed,
    NoEvents,
    PayloadTooLarge,
    UndecodableBody,
    UnsupportedMediaType,
)

NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


def parse(body: str | bytes, fmt: str, **kw: object) -> list:  # type: ignore[type-arg]
    return parse_feed(body, fmt=fmt, received_at=NOW, **kw)  # type: ignore[arg-type]


def test_event_id_is_deterministic_and_ignores_case_spacing_and_punctuation() -> None:
    a = event_id("desk", date(2025, 3, 4), "Drone Attack", "Drones hit Kyiv.")
    assert a == event_id("desk", date(2025, 3, 4), "drone  attack", "Drones hit Kyiv")
    assert a != event_id("other-desk", date(2025, 3, 4), "Drone Attack", "Drones hit Kyiv.")
    assert a != event_id("desk", date(2025, 3, 5), "Drone Attack", "Drones hit Kyiv.")
    assert len(a) == 32


def test_same_body_twice_gives_same_ids_and_bulletin_id() -> None:
    body = "Lead.\nFighting:\n- A: shelling hit a school.\n- B: drones were shot down.\n"
    first, second = parse(body, "bulletin"), parse(body, "bulletin", source="Desk")
    again = parse(body, "bulletin", source="Desk")
    assert [e.event_id for e in second] == [e.event_id for e in again]
    assert {e.bulletin_id for e in second} == {again[0].bulletin_id}
    assert first[0].source == "unknown" and second[0].source == "desk"


def test_bulletin_id_is_hashed_once_per_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per event it hashed all the source's ids again: 4.4 s for a 10,000-item bulletin."""
    calls: list[str] = []
    real = bulletin_id

    def counted(source: str, ids: list[str]) -> str:
        calls.append(source)
        return real(source, ids)

    monkeypatch.setattr(dispatch, "bulletin_id", counted)
    items = [
        {"source": f"desk-{i % 3}", "text": f"Shelling hit Kharkiv, item {i}."} for i in range(300)
    ]
    events = parse_feed(json.dumps(items), fmt="json", received_at=datetime.now(UTC))
    assert sorted(calls) == ["desk-0", "desk-1", "desk-2"]
    for source in ("desk-0", "desk-1", "desk-2"):
        ours = [ev for ev in events if ev.source == source]
        assert {ev.bulletin_id for ev in ours} == {real(source, [ev.event_id for ev in ours])}


def test_json_single_list_and_bulletin_object() -> None:
    single = parse(json.dumps({"text": "Talks resumed.", "source": "Wire One"}), "json")
    assert [(e.source, e.text) for e in single] == [("wire-one", "Talks resumed.")]
    listed = parse(json.dumps([{"text": "One."}, "Two."]), "json")
    assert [e.text for e in listed] == ["One.", "Two."] and [e.position for e in listed] == [1, 2]
    bulletin = {
        "source": "desk",
        "date": "2025-03-04",
        "sections": [
            {
                "title": "Fighting",
                "items": [{"headline": "Strike", "text": "A strike hit."}, "Clashes."],
            }
        ],
    }
    events = parse(json.dumps(bulletin), "json")
    assert [(e.section, e.headline, e.bulletin_date) for e in events] == [
        ("Fighting", "Strike", date(2025, 3, 4)),
        ("Fighting", None, date(2025, 3, 4)),
    ]


def test_ndjson_reports_the_bad_line() -> None:
    assert len(parse('{"text": "a"}\n\n{"text": "b"}\n', "ndjson")) == 2
    with pytest.raises(MalformedFeed, match="line 2"):
        parse('{"text": "a"}\n{"text": \n', "ndjson")


@pytest.mark.parametrize(
    ("body", "fmt", "problem", "says"),
    [
        ("", "bulletin", NoEvents, "empty"),
        ("   \n\t\n", "json", NoEvents, "empty"),
        ("Only prose, no list.", "bulletin", NoEvents, "no update events"),
        ("{not json", "json", MalformedFeed, "invalid JSON at line 1"),
        ("[1, 2]", "json", InvalidEvent, "item 1"),
        (
            '[{"text": "ok"}, {"headline": "no text"}]',
            "json",
            InvalidEvent,
            "item 2: field 'text' is required",
        ),
        ('{"text": 5}', "json", InvalidEvent, "must be a string"),
        ('{"text": "x", "colour": "red"}', "json", InvalidEvent, "unknown field"),
        ('{"text": "x", "bulletin_date": "yesterday"}', "json", InvalidEvent, "ISO date"),
        ('{"text": "x", "bulletin_title": 7}', "json", InvalidEvent, "bulletin_title"),
        (
            json.dumps({"text": "x", "bulletin_title": "t" * 501}),
            "json",
            InvalidEvent,
            "item 1: bulletin_title",
        ),
        ('{"title": ["a"], "items": ["x"]}', "json", InvalidEvent, "title"),
        ("[" * 50 + "]" * 50, "json", MalformedFeed, "nested deeper"),
        (b"\xff\xfe\x00bad", "bulletin", UndecodableBody, "not valid UTF-8"),
        ("- a\x00b\n", "bulletin", UndecodableBody, "NUL"),
    ],
)
def test_bad_input_names_what_is_wrong(
    body: str | bytes, fmt: str, problem: type, says: str
) -> None:
    with pytest.raises(problem, match=says):
        parse(body, fmt)


def test_limits_on_events_and_line_length() -> None:
    with pytest.raises(PayloadTooLarge, match="limit per request is 2"):
        parse("- a.\n- b.\n- c.\n", "bulletin", limits=Limits(max_events=2))
    with pytest.raises(PayloadTooLarge, match="line 2"):
        parse("- a.\n- " + "x" * 50 + "\n", "bulletin", limits=Limits(max_line_chars=20))


def test_format_by_content_type_and_override() -> None:
    assert format_for("text/plain; charset=utf-8", None) == "bulletin"
    assert format_for("application/json", None) == "json"
    assert format_for("application/x-ndjson", None) == "ndjson"
    assert format_for("image/png", "ndjson") == "ndjson"
    with pytest.raises(UnsupportedMediaType, match="image/png"):
        format_for("image/png", None)
    with pytest.raises(UnsupportedMediaType, match="format 'xml'"):
        format_for("text/plain", "xml")


@pytest.mark.parametrize(
    ("body", "fmt"),
    [
        ('{"text": "a"}\n{"text": "b"}\n', "ndjson"),
        ('{"text": "a"}', "json"),
        ("[1]", "json"),
        ("- a", "bulletin"),
    ],
)
def test_guess_format(body: str, fmt: str) -> None:
    assert guess_format(body) == fmt


def test_slugify() -> None:
    assert slugify("Washington Insider Magazine") == "washington-insider-magazine"
    assert slugify("Kyiv Independent (EN)") == "kyiv-independent-en"


def test_each_event_carries_its_bulletins_title() -> None:
    """The title says what the items are about ("Haiti: ..."): the classifier reads "the
    capital" and "in the south" through it. It is not part of the event's id."""
    body = (
        "Haiti: gangs tighten their grip\n\n- Gunfire hit the capital overnight.\n- Schools shut.\n"
    )
    events = parse(body, "bulletin", source="desk")
    assert [e.bulletin_title for e in events] == ["Haiti: gangs tighten their grip"] * 2
    bare = parse(
        "- Gunfire hit the capital overnight.\n- Schools shut.\n", "bulletin", source="desk"
    )
    assert bare[0].bulletin_title is None and bare[0].event_id == events[0].event_id
    # a lone short line above the bullets names the bulletin too
    lone = parse("SOMALIA - agency digest\n\n- Bomb kills four.\n- Rains fail.\n", "bulletin")
    assert lone[0].bulletin_title == "SOMALIA - agency digest"
    # a title longer than the field's bound is cut to it, not a reason to refuse the feed
    long = parse("T" * 600 + "\n\nLead line.\n\n- A happened.\n- B happened.\n", "bulletin")
    assert long[0].bulletin_title == "T" * 500
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>UN News - Sudan</title>'
        "<item><title>Aid reaches Kadugli</title><description>A convoy arrived.</description>"
        "</item></channel></rss>"
    )
    assert parse(rss, "rss")[0].bulletin_title == "UN News - Sudan"
    doc = {
        "title": "Sudan at a glance",
        "items": ["Drones hit Kosti.", {"text": "A", "bulletin_title": "B"}],
    }
    assert [e.bulletin_title for e in parse(json.dumps(doc), "json")] == ["Sudan at a glance", "B"]


def test_a_feed_items_page_furniture_is_not_its_text() -> None:
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>'
        "<item><title>Strike on Kharkiv</title><description><![CDATA[<p>Two people were "
        "killed in a glide bomb strike on Kharkiv.</p><p>Read more on our site.</p>]]>"
        "</description></item><item><title>Only furniture</title><description>"
        "<![CDATA[<p>Read more</p>]]></description></item></channel></rss>"
    )
    events = parse_feed(body.encode(), fmt="rss", received_at=NOW)
    assert [e.text for e in events] == [
        "Two people were killed in a glide bomb strike on Kharkiv.",
        "Only furniture",
    ]
