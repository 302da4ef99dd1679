"""Hostile and malformed feeds get a 4xx problem that says what is wrong; nothing crashes.

Includes a property-based run (hypothesis) of generated bodies against the parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep_ingest.app import create_app
from sitrep_ingest.parsers import FORMATS, guess_format, parse_feed
from sitrep_ingest.problems import FeedProblem, MalformedFeed, UnsafeXml
from sitrep_ingest.settings import Settings
from sitrep_schemas import UpdateEvent

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW = datetime(2025, 3, 4, tzinfo=UTC)

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>x</title><item><title>&lol3;</title></item></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&secret;</title></item></channel></rss>"""


def test_rss_and_atom_seeds() -> None:
    rss = parse_feed((SEEDS / "feed-rss.xml").read_bytes(), fmt="rss", received_at=NOW)
    assert [(e.section, e.headline) for e in rss] == [
        (None, "Drones shot down over Kyiv region"),
        ("Fighting", "Shelling"),  # an item whose body is a bulletin: one event per bullet
        ("Fighting", "Advances"),
        ("Diplomacy", "Talks"),
    ]
    assert {e.source for e in rss} == {"frontline-wire"}
    assert (
        rss[0].url == "https://example.org/frontline/1"
        and str(rss[0].bulletin_date) == "2025-03-04"
    )
    atom = parse_feed((SEEDS / "feed-atom.xml").read_bytes(), fmt="atom", received_at=NOW)
    assert [e.headline for e in atom] == ["Aid convoy reaches Kadugli", "Cholera cases rise"]
    assert (
        atom[1].text
        == "Health officials reported 400 new cholera cases in Kassala state this week."
    )
    assert guess_format((SEEDS / "feed-atom.xml").read_text()) == "atom"
    assert guess_format((SEEDS / "feed-rss.xml").read_text()) == "rss"


@pytest.mark.parametrize(
    ("body", "problem", "says"),
    [
        (BILLION_LAUGHS, UnsafeXml, "DTD or entities"),
        (EXTERNAL_ENTITY, UnsafeXml, "DTD or entities"),
        ("<rss><channel><item><title>x</title></channel></rss>", MalformedFeed, "line 1"),
        ("<html><body>not a feed</body></html>", FeedProblem, "no update events"),
    ],
)
def test_hostile_xml(body: str, problem: type[FeedProblem], says: str) -> None:
    with pytest.raises(problem, match=says):
        parse_feed(body, fmt="rss", received_at=NOW)


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = Settings(
        kafka_bootstrap="127.0.0.1:9", redis_url="redis://127.0.0.1:9/0",
        ingest_tokens={"s3cret-token": "field-desk", "any-source-token": ""},
    )  # fmt: skip
    with TestClient(create_app(settings)) as c:
        yield c


def test_tokens(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    body, ctype = b"Just prose.", {"Content-Type": "text/plain"}
    missing = client.post("/v1/feeds", content=body, headers=ctype)
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = client.post("/v1/feeds", content=body, headers=ctype | {"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "nope" not in wrong.text
    other = client.post(
        "/v1/feeds", content=body, params={"source": "someone-else"},
        headers=ctype | {"Authorization": "Bearer s3cret-token"},
    )  # fmt: skip
    assert other.status_code == 403 and "field-desk" in other.json()["detail"]
    # A valid token gets past authentication to the parser (which finds no events here).
    for token in ("s3cret-token", "any-source-token"):
        ok = client.post(
            "/v1/feeds", content=body, headers=ctype | {"Authorization": f"Bearer {token}"}
        )
        assert ok.status_code == 422


@pytest.mark.parametrize(
    ("body", "ctype", "status", "type_name"),
    [
        (BILLION_LAUGHS, "application/rss+xml", 400, "unsafe-xml"),
        (EXTERNAL_ENTITY, "application/atom+xml", 400, "unsafe-xml"),
        ("<rss><item>", "application/rss+xml", 400, "malformed-feed"),
        (bytes(range(256)) * 4, "text/plain", 400, "undecodable-body"),
        ("\n\n   \n", "application/x-ndjson", 422, "no-events"),
        ('{"text": "ok"}\n[1, 2]\n', "application/x-ndjson", 422, "invalid-event"),
        ("- " + "x" * 200_000, "text/plain", 413, "payload-too-large"),
    ],
)
def test_hostile_bodies_over_http(
    client: TestClient, body: str | bytes, ctype: str, status: int, type_name: str
) -> None:
    response = client.post(
        "/v1/feeds",
        content=body,
        headers={"Content-Type": ctype, "Authorization": "Bearer s3cret-token"},
    )
    assert response.status_code == status, response.text
    assert response.json()["type"].endswith("/" + type_name)
    assert client.get("/healthz").status_code == 200


LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Fighting:", "Politics", "- Headline: text here.", "• A bullet.", "1. Numbered item.",
                     "Published On 3 Mar 2025", "By Jane Roe", "", "   ", "## Header", "**Bold:** body"]),
    st.builds(lambda h, t: f"- {h}: {t}", st.text(max_size=20), st.text(max_size=60)),
)  # fmt: skip
BODIES = st.one_of(
    st.binary(max_size=2000),
    st.lists(LINES, max_size=30).map("\n".join),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda children: st.lists(children, max_size=5) | st.dictionaries(st.sampled_from(
            ["text", "headline", "source", "bulletin_date", "sections", "items", "title", "position", "x"]),
            children, max_size=5),
        max_leaves=20,
    ).map(lambda v: __import__("json").dumps(v)),
    st.builds(lambda t: f"<rss><channel><item><title>{t}</title></item></channel></rss>", st.text(max_size=40)),
)  # fmt: skip


@settings(
    max_examples=1200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(body=BODIES, fmt=st.sampled_from(FORMATS))
def test_generated_bodies_never_crash_the_parser(body: bytes | str, fmt: str) -> None:
    try:
        events = parse_feed(body, fmt=fmt, received_at=NOW)
    except FeedProblem as problem:
        assert 400 <= problem.status < 500 and problem.detail
        return
    assert events and all(isinstance(e, UpdateEvent) and e.text for e in events)
