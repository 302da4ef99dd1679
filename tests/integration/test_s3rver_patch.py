"""The patched s3rver that `sitrep up --durable` stores Tansu's data in (deploy/npm/patch_s3rver.py).

Tansu updates its watermarks, offsets and producer state with conditional PUTs, so
the store must honour If-Match / If-None-Match, never leave half an object, and
never let a client that went away mid-upload hold up the next PUT of that key.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sitrep_cli.embedded import EmbeddedS3, free_port
from tests.conftest import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedS3]:
    root = Path(tmp_path_factory.mktemp("s3"))
    server = EmbeddedS3(
        port=free_port(), data_dir=root / "data", request_log=root / "requests.ndjson"
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def s3(s3_server: EmbeddedS3) -> str:
    return f"{s3_server.endpoint}/tansu"


def put(url: str, body: bytes, **headers: str) -> httpx.Response:
    return httpx.put(url, content=body, headers=headers, timeout=5)


def test_conditional_puts_are_honoured(s3: str) -> None:
    url = f"{s3}/conditional/watermark.json"
    assert put(url, b"v1", **{"If-None-Match": "*"}).status_code == 200
    assert put(url, b"v1 again", **{"If-None-Match": "*"}).status_code == 412
    etag = httpx.get(url, timeout=5).headers["ETag"]
    assert put(url, b"v2", **{"If-Match": '"not-the-etag"'}).status_code == 412
    assert put(url, b"v2", **{"If-Match": etag}).status_code == 200
    assert put(url, b"v3", **{"If-Match": etag}).status_code == 412  # etag moved on with v2
    assert httpx.get(url, timeout=5).content == b"v2"


def start_upload(url: str, declared: int, sent: bytes) -> socket.socket:
    """A PUT that declares `declared` body bytes and sends only `sent` (so far)."""
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    path = "/" + url.split("//", 1)[1].split("/", 1)[1]
    conn = socket.create_connection((host, int(port)))
    head = f"PUT {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {declared}\r\n\r\n"
    conn.sendall(head.encode() + sent)
    return conn


def test_an_upload_cut_off_leaves_the_object_whole_and_the_key_free(s3: str) -> None:
    url = f"{s3}/cutoff/watermark.json"
    assert put(url, b'{"high": 41}').status_code == 200
    # Two uploads of the key whose clients go away mid-body (a broker stopped or killed
    # while it wrote), one still open while the other is cut off.
    first = start_upload(url, 100, b'{"high": ')
    second = start_upload(url, 100, b'{"hi')
    time.sleep(0.3)
    second.close()
    time.sleep(0.3)
    first.close()
    time.sleep(0.3)
    # The key is free at once for the next writer, and nothing half-written shows.
    assert httpx.get(url, timeout=5).content == b'{"high": 41}'
    started = time.monotonic()
    assert put(url, b'{"high": 42}').status_code == 200
    assert time.monotonic() - started < 3
    assert httpx.get(url, timeout=5).content == b'{"high": 42}'


def test_every_request_is_logged_with_its_preconditions_and_answer(
    s3: str, s3_server: EmbeddedS3
) -> None:
    url = f"{s3}/logged/watermark.json"
    assert put(url, b"v1", **{"If-None-Match": "*"}).status_code == 200
    assert put(url, b"v1 again", **{"If-None-Match": "*"}).status_code == 412
    assert httpx.get(url, timeout=5).status_code == 200
    assert s3_server.request_log is not None

    def logged() -> list[dict[str, object]]:
        lines = s3_server.request_log.read_text().splitlines()  # type: ignore[union-attr]
        entries = [json.loads(line) for line in lines]
        return [e for e in entries if e["path"] == "/tansu/logged/watermark.json"]

    entries = wait_until(lambda: logged() if len(logged()) == 3 else None, timeout=5)
    assert [(e["method"], e.get("if_none_match"), e["status"]) for e in entries] == [
        ("PUT", "*", 200),
        ("PUT", "*", 412),
        ("GET", None, 200),
    ]
    assert entries[0]["length"] == "2"


def test_a_listing_longer_than_a_page_goes_on_with_continuation_tokens(s3: str) -> None:
    """S3 answers at most 1,000 keys per ListObjectsV2 page, in key order, and a token for
    the rest; Tansu lists a partition's batches on every fetch."""
    prefix = "paged/partitions/0000000001/records/"
    keys = [f"{prefix}{offset * 50:020d}.batch" for offset in range(1_203)]
    with httpx.Client(timeout=10) as http:
        for key in reversed(keys):  # written out of order: a listing is sorted by key
            assert http.put(f"{s3}/{key}", content=b"batch").status_code == 200
        listed: list[str] = []
        pages = 0
        params = {"list-type": "2", "prefix": prefix}
        while True:
            page = http.get(s3, params=params)
            assert page.status_code == 200, page.text
            pages += 1
            listed.extend(re.findall(r"<Key>([^<]+)</Key>", page.text))
            token = re.search(r"<NextContinuationToken>([^<]+)<", page.text)
            if not token:
                break
            params = {"list-type": "2", "prefix": prefix, "continuation-token": token[1]}
    assert pages == 2
    assert listed == keys


def test_listings_and_reads_during_writes_never_answer_500(s3: str) -> None:
    """A broker lists and reads a partition while it writes to it: no listing may trip over a
    write's temporary file, and no read may see half of an object's metadata."""
    prefix = "busy/partitions/0000000002/records/"
    statuses: Counter[int] = Counter()
    done = threading.Event()

    def write() -> None:
        with httpx.Client(timeout=10) as http:
            for n in range(400):
                http.put(f"{s3}/{prefix}{n * 50:020d}.batch", content=b"b" * (n % 7 + 1))
                http.put(f"{s3}/busy/watermark.json", content=b'{"high": %d}' % n)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    with httpx.Client(timeout=10) as http:
        while not done.is_set():
            statuses[http.get(s3, params={"list-type": "2", "prefix": prefix}).status_code] += 1
            statuses[http.get(f"{s3}/busy/watermark.json").status_code] += 1
    writer.join()
    assert set(statuses) <= {200, 404}, statuses
