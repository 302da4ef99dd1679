"""`sitrep push`: post feed files to a running ingest, retrying while the broker is down."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from sitrep_ingest.parsers.dispatch import guess_format

CONTENT_TYPES = {
    "bulletin": "text/plain",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
}
_EXTENSIONS = {
    ".txt": "bulletin",
    ".md": "bulletin",
    ".json": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".rss": "rss",
    ".atom": "atom",
}


@dataclass
class PushSummary:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def line(self) -> str:
        return f"accepted {self.accepted}, duplicates {self.duplicates}, rejected files {len(self.rejected)}"


def feed_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def format_of(path: Path, body: bytes) -> str:
    return _EXTENSIONS.get(path.suffix.lower()) or guess_format(body.decode("utf-8", "replace"))


def post_feed(
    client: httpx.Client, url: str, body: bytes, fmt: str, source: str | None, attempts: int = 6
) -> httpx.Response:
    params = {"source": source} if source else {}
    delay = 1.0
    for attempt in range(attempts):
        response = client.post(
            url.rstrip("/") + "/v1/feeds",
            content=body,
            headers={"Content-Type": CONTENT_TYPES[fmt]},
            params=params,
        )
        if response.status_code != 503 or attempt == attempts - 1:
            return response
        retry_after = response.headers.get("Retry-After", "")
        time.sleep(float(retry_after) if retry_after.isdigit() else delay)
        delay = min(delay * 2, 30)
    raise AssertionError("unreachable")


def push(
    paths: list[str], url: str, source: str | None = None, token: str | None = None
) -> PushSummary:
    summary = PushSummary()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with httpx.Client(timeout=60, headers=headers) as client:
        files = list(feed_files(paths))
        for number, path in enumerate(files, start=1):
            progress = f"[{number}/{len(files)}]"
            body = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
            fmt = format_of(path, body)
            try:
                response = post_feed(client, url, body, fmt, source)
            except httpx.HTTPError as exc:
                summary.rejected.append((str(path), f"ingest unreachable at {url}: {exc}"))
                continue
            if response.status_code == 202:
                data = response.json()
                summary.accepted += data["accepted"]
                summary.duplicates += data["duplicates"]
                print(
                    f"{progress} {path}: accepted {data['accepted']}, duplicates {data['duplicates']}",
                    file=sys.stderr,
                )
            else:
                try:
                    reason = response.json().get("detail", response.text)
                except ValueError:
                    reason = response.text
                summary.rejected.append((str(path), f"{response.status_code}: {reason}"))
                print(
                    f"{progress} {path}: rejected ({response.status_code}): {reason}",
                    file=sys.stderr,
                )
    return summary
