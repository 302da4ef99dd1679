"""`sitrep push`: post feed files to a running ingest, retrying while the broker is down."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from tqdm import tqdm

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


class Unreachable(Exception):
    """Ingest did not answer (refused, timed out, no such host) after every retry."""


def post_feed(
    client: httpx.Client,
    url: str,
    body: bytes,
    fmt: str,
    source: str | None,
    retries: int = 5,
    first_delay: float = 1.0,
) -> httpx.Response:
    """POST one feed; a 503 (broker down, overloaded) or a connection that fails is retried
    `retries` times with exponential backoff (or the 503's Retry-After)."""
    params = {"source": source} if source else {}
    delay = first_delay
    for attempt in range(retries + 1):
        last = attempt == retries
        try:
            response = client.post(
                url.rstrip("/") + "/v1/feeds",
                content=body,
                headers={"Content-Type": CONTENT_TYPES[fmt]},
                params=params,
            )
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if last:
                raise Unreachable(f"ingest at {url} did not answer: {exc}") from None
            wait = delay
        else:
            if response.status_code != 503 or last:
                return response
            retry_after = response.headers.get("Retry-After", "")
            wait = float(retry_after) if retry_after.isdigit() else delay
        time.sleep(wait)
        delay = min(delay * 2, 30)
    raise AssertionError("unreachable")


def push(
    paths: list[str],
    url: str,
    source: str | None = None,
    token: str | None = None,
    retries: int = 5,
) -> PushSummary:
    """Post every feed file; raises Unreachable when ingest never answers, OSError when a file
    cannot be read."""
    summary = PushSummary()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    files = list(feed_files(paths))
    bar = tqdm(total=len(files), unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)
    with httpx.Client(timeout=60, headers=headers) as client, bar:
        for number, path in enumerate(files, start=1):
            body = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
            response = post_feed(client, url, body, format_of(path, body), source, retries)
            if response.status_code == 202:
                data = response.json()
                summary.accepted += data["accepted"]
                summary.duplicates += data["duplicates"]
                said = f"accepted {data['accepted']}, duplicates {data['duplicates']}"
            else:
                try:
                    reason = response.json().get("detail", response.text)
                except ValueError:
                    reason = response.text
                summary.rejected.append((str(path), f"{response.status_code}: {reason}"))
                said = f"rejected ({response.status_code}): {reason}"
            if bar.disable:
                print(f"[{number}/{len(files)}] {path}: {said}", file=sys.stderr)
            else:
                bar.set_postfix_str(f"accepted {summary.accepted}", refresh=False)
                bar.update()
    return summary
