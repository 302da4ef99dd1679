"""The read API under concurrent load: requests/s and p50/p99 latency of `GET /v1/events`
(a page of 20) and `GET /v1/state` on a store of COUNT tagged events, beside a bare FastAPI
endpoint (bench/peers/bare_api.py: same server, the same page's bytes, no Redis), all hit
by the same load generator in the same run, interleaved over the runs.

The store does not change during the run, so the api answers from the answers it keeps
until a write (conditional.py); two more lines show the other paths: clients that send
the page's ETag back (304, no body), and an api that keeps no answers, which computes
every one as it must after each write.

The load generator: CLIENTS threads, each with one keep-alive HTTP/1.1 connection, for
SECONDS per measurement. It shares the 2 cores with the server, the same for every
endpoint, so the ratios hold; the absolute figures are a floor.

Run: .venv/bin/python bench/api_load.py [runs] [count]
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import redis
from harness import ROOT, peak_rss_mb, record, service_env, summary
from projector_stage import tagged_values

from sitrep_api.state_writer import AppliedRecord, StateWriter
from sitrep_cli.embedded import EmbeddedRedis, free_port, terminate, wait_for_port
from sitrep_schemas import TaggedEvent

CLIENTS, SECONDS = 8, 5.0


def fill(redis_url: str, prefix: str, count: int) -> None:
    store = StateWriter(redis.Redis.from_url(redis_url), prefix)
    records = [
        AppliedRecord("bench", i % 3, i // 3, TaggedEvent.model_validate_json(value), value)
        for i, (_, value) in enumerate(tagged_values(count))
    ]
    for first in range(0, len(records), 1000):
        store.apply(records[first : first + 1000])
    store.client.close()


def get(conn: socket.socket, request: bytes, buffer: bytearray) -> tuple[int, bytes]:
    """One request on a keep-alive connection: the status code and the body."""
    conn.sendall(request)
    while b"\r\n\r\n" not in buffer:
        buffer += conn.recv(65536)
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0 if status == 304 else next(
        int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )  # fmt: skip
    while len(rest) < length:
        rest += conn.recv(65536)
    buffer[:] = rest[length:]
    return status, rest[:length]


def load(port: int, path: str, etag: str | None = None) -> tuple[float, list[float]]:
    """CLIENTS clients on `path` for SECONDS; with `etag`, each sends it in If-None-Match
    and expects 304."""
    extra = f"If-None-Match: {etag}\r\n" if etag else ""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n".encode()
    expected = 304 if etag else 200
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors: list[str] = []
    stop_at = time.perf_counter() + SECONDS

    def client(n: int) -> None:
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            buffer = bytearray()
            while (start := time.perf_counter()) < stop_at:
                status, _ = get(conn, request, buffer)
                latencies[n].append((time.perf_counter() - start) * 1000)
                if status != expected:
                    errors.append(f"{path}: HTTP {status}")
                    return

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(errors[0])
    done = [x for lat in latencies for x in lat]
    return len(done) / (time.perf_counter() - started), done


def serve(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    wait_for_port(port, 30, proc)
    return proc


def main(runs: int = 3, count: int = 10_000) -> None:
    page = "/v1/events?limit=20"
    paths = {
        "GET /v1/events?limit=20": page,
        "GET /v1/events?limit=20, If-None-Match: 304": page,
        "GET /v1/events?limit=20, answers not kept": page,
        "GET /v1/state": "/v1/state",
        "bare FastAPI endpoint, same page bytes": "/bare",
    }
    rates: dict[str, list[float]] = {name: [] for name in paths}
    lats: dict[str, list[float]] = {name: [] for name in paths}
    rss: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as data:
        redis_server = EmbeddedRedis(free_port(), data_dir=Path(data))
        redis_server.start()
        prefix = f"bench{uuid.uuid4().hex[:8]}"
        fill(redis_server.url, prefix, count)
        api_port, bare_port = free_port(), free_port()
        env = service_env(redis_url=redis_server.url, redis_prefix=prefix, api_port=api_port)
        api = serve([sys.executable, "-m", "sitrep_cli", "api"], env, api_port)
        unkept_port = free_port()
        bare = unkept = None
        try:
            # the same api keeping no answers: every request computes its answer, as a write
            # between requests would make it (the version is still read)
            unkept = serve(
                [sys.executable, "-m", "sitrep_cli", "api"],
                {**env, "SITREP_API_PORT": str(unkept_port), "SITREP_API_KEPT_ANSWERS": "0"},
                unkept_port,
            )
            with socket.create_connection(("127.0.0.1", api_port)) as conn:
                request = f"GET {page} HTTP/1.1\r\nHost: x\r\n\r\n"
                conn.sendall(request.encode())
                head = conn.recv(65536).partition(b"\r\n\r\n")[0].decode()
                etag = next(
                    line.split(":", 1)[1].strip() for line in head.split("\r\n")
                    if line.lower().startswith("etag:")
                )  # fmt: skip
            with socket.create_connection(("127.0.0.1", api_port)) as conn:
                _, body = get(conn, request.encode(), bytearray())
            page_file = Path(data) / "page.json"
            page_file.write_bytes(body)
            bare = serve(
                [sys.executable, "-m", "uvicorn", "bare_api:app", "--app-dir", "bench/peers",
                 "--port", str(bare_port), "--log-level", "warning"],
                {**env, "BARE_BODY_FILE": str(page_file)}, bare_port,
            )  # fmt: skip
            for run in range(runs):
                order = list(paths) if run % 2 == 0 else list(reversed(paths))
                for name in order:
                    port = (
                        bare_port if paths[name] == "/bare"
                        else unkept_port if "not kept" in name
                        else api_port
                    )  # fmt: skip
                    rate, latencies = load(port, paths[name], etag if "304" in name else None)
                    rates[name].append(rate)
                    lats[name] += latencies
                    print(f"run {run + 1}: {name:<40}{rate:>9,.0f} req/s", flush=True)
            rss = {"api": peak_rss_mb(api.pid), "bare": peak_rss_mb(bare.pid)}
        finally:
            for proc in (api, unkept, bare):
                if proc is not None:
                    terminate(proc, 30)
            redis_server.stop()
    print(
        f"\nread API, {count:,} events stored, {CLIENTS} keep-alive clients, {SECONDS:.0f} s each"
    )
    print(f"{'endpoint':<42}{'median req/s':>13}{'min':>9}{'max':>9}{'p50 ms':>8}{'p99 ms':>8}")
    out = {}
    for name in paths:
        s, lat = summary(rates[name]), sorted(lats[name])
        p50, p99 = statistics.median(lat), lat[int(len(lat) * 0.99)]
        out[name] = {"requests_per_s": s, "p50_ms": p50, "p99_ms": p99}
        print(f"{name:<42}{s['median']:>13,.0f}{s['min']:>9,.0f}{s['max']:>9,.0f}"
              f"{p50:>8.2f}{p99:>8.2f}")  # fmt: skip
    ratios = [e / b for e, b in zip(rates["GET /v1/events?limit=20"],
                                    rates["bare FastAPI endpoint, same page bytes"], strict=True)]  # fmt: skip
    r = summary(ratios)
    unkept_ratios = [e / b for e, b in zip(rates["GET /v1/events?limit=20, answers not kept"],
                                           rates["bare FastAPI endpoint, same page bytes"], strict=True)]  # fmt: skip
    u = summary(unkept_ratios)
    print(f"ratio /v1/events / bare per run: median {r['median']:.2f} (target >= 0.8, p99 < 5 ms); "
          f"answers not kept {u['median']:.2f}; peak RSS api {rss['api']:.0f} MB")  # fmt: skip
    record("api_load", {
        "count": count, "clients": CLIENTS, "seconds": SECONDS, "endpoints": out,
        "ratio_events_to_bare": r, "ratio_unkept_events_to_bare": u,
        "peak_rss_mb": {"api": rss["api"]},
    })  # fmt: skip


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
