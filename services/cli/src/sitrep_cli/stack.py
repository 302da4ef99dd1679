"""`sitrep up`: the whole pipeline on one machine, in the foreground, until Ctrl-C/SIGTERM.

Starts the embedded broker and Redis unless SITREP_KAFKA_BOOTSTRAP /
SITREP_REDIS_URL point elsewhere, creates the topics, runs ingest, classifier,
projector and api as child processes, waits until each is ready, optionally
pushes seed feeds, and on a signal stops the children, then Redis and the broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic_settings import BaseSettings, SettingsConfigDict

from sitrep_cli.embedded import EmbeddedKafka, EmbeddedRedis, EmbeddedS3, create_topics
from sitrep_cli.push import push
from sitrep_runtime.service import StopRequest
from sitrep_schemas.topics import (
    DLQ_TOPIC,
    INCIDENTS_TOPIC,
    RAW_TOPIC,
    RETRACTIONS_TOPIC,
    TAGGED_TOPIC,
)

SERVICES = ("ingest", "classifier", "projector", "resolver", "api")
DURABLE_FETCH_MAX_WAIT_MS = 500  # the services' fetch max wait on the durable broker


class StackSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    kafka_bootstrap: str | None = None
    redis_url: str | None = None
    embedded_kafka_port: int = 19092
    embedded_s3_port: int = 19000
    durable: bool = False  # the embedded broker on s3rver files instead of memory
    s3_request_log: bool = False  # durable: every S3 request the broker makes, in logs/
    embedded_redis_port: int = 16379
    data_dir: Path = Path(".sitrep")
    ingest_port: int = 8081
    api_port: int = 8080
    classifier_port: int = 8082
    projector_port: int = 8083
    resolver_port: int = 8084
    topic_raw: str = RAW_TOPIC
    topic_tagged: str = TAGGED_TOPIC
    topic_dlq: str = DLQ_TOPIC
    topic_incidents: str = INCIDENTS_TOPIC
    topic_retractions: str = RETRACTIONS_TOPIC
    partitions: int = 3


@dataclass
class RestartPolicy:
    """How `sitrep up` restarts a crashing child: after 1, 2, 4, 8... s (at most `max_delay_s`);
    a child that ran `stable_s` before it died starts again from 1 s; the `max_failures`th
    failure in a row gives up."""

    base_delay_s: float = 1.0
    max_delay_s: float = 30.0
    stable_s: float = 60.0
    max_failures: int = 5
    failures: dict[str, int] = field(default_factory=dict)

    def on_exit(self, name: str, ran_s: float) -> float | None:
        """The delay before restarting `name`, which ran `ran_s` before exiting; None: give up."""
        failures = 1 if ran_s >= self.stable_s else self.failures.get(name, 0) + 1
        self.failures[name] = failures
        if failures >= self.max_failures:
            return None
        return float(min(self.max_delay_s, self.base_delay_s * 2 ** (failures - 1)))


@dataclass
class Stack:
    settings: StackSettings
    out: Any = sys.stdout
    kafka: EmbeddedKafka | None = None
    s3: EmbeddedS3 | None = None
    redis: EmbeddedRedis | None = None
    children: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    stop_event: StopRequest = field(default_factory=StopRequest)
    addresses: dict[str, str] = field(default_factory=dict)  # what the children connect to

    def say(self, message: str) -> None:
        print(message, file=self.out, flush=True)

    @property
    def log_dir(self) -> Path:
        return self.settings.data_dir / "logs"

    def ports(self) -> dict[str, int]:
        s = self.settings
        return {
            "ingest": s.ingest_port,
            "classifier": s.classifier_port,
            "projector": s.projector_port,
            "resolver": s.resolver_port,
            "api": s.api_port,
        }

    def start_infrastructure(self) -> tuple[str, str]:
        s = self.settings
        self.log_dir.mkdir(parents=True, exist_ok=True)
        bootstrap, redis_url = s.kafka_bootstrap, s.redis_url
        if bootstrap is None:
            if s.durable:
                self.s3 = EmbeddedS3(
                    s.embedded_s3_port,
                    self.log_dir / "s3.log",
                    s.data_dir / "s3",
                    self.log_dir / "s3-requests.ndjson" if s.s3_request_log else None,
                )
                self.s3.start()
            self.kafka = EmbeddedKafka(
                s.embedded_kafka_port,
                self.log_dir / "broker.log",
                s3_endpoint=self.s3.endpoint if self.s3 else None,
            )
            self.kafka.start()
            bootstrap = self.kafka.bootstrap
            where = f"on s3rver files in {s.data_dir / 's3'}" if self.s3 else "in memory"
            self.say(f"broker   embedded Tansu ({where}) at {bootstrap}")
        if redis_url is None:
            self.redis = EmbeddedRedis(
                s.embedded_redis_port, self.log_dir / "redis.log", s.data_dir / "redis"
            )
            self.redis.start()
            redis_url = self.redis.url
            self.say(
                f"redis    embedded redis-server (AOF in {s.data_dir / 'redis'}) at {redis_url}"
            )
        create_topics(
            bootstrap,
            [s.topic_raw, s.topic_tagged, s.topic_dlq, s.topic_incidents, s.topic_retractions],
            s.partitions,
        )
        return bootstrap, redis_url

    def child_settings(self, bootstrap: str, redis_url: str) -> dict[str, str]:
        """What the children are told: where the broker and Redis are, and how to use them."""
        env = {"SITREP_KAFKA_BOOTSTRAP": bootstrap, "SITREP_REDIS_URL": redis_url}
        if self.s3 is not None:
            env["SITREP_KAFKA_IDEMPOTENCE"] = "false"  # see SitrepSettings.kafka_idempotence
            # Tansu spends at most a fetch's max wait on it, listing the partition's batches
            # on S3 included; s3rver takes 20-140 ms to list a few hundred, so at the 20 ms
            # of memory mode most fetches came back empty and the pipeline crawled.
            if "SITREP_KAFKA_FETCH_MAX_WAIT_MS" not in os.environ:
                env["SITREP_KAFKA_FETCH_MAX_WAIT_MS"] = str(DURABLE_FETCH_MAX_WAIT_MS)
        return env

    def spawn(self, name: str) -> None:
        env = dict(os.environ)
        env.update(self.addresses)
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child owns it
        self.children[name] = subprocess.Popen(
            [sys.executable, "-m", "sitrep_cli", name],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    def wait_ready(self, timeout: float = 90.0) -> None:
        pending = dict(self.ports())
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2) as client:
            while pending and not self.stop_event.is_set():
                for name, port in list(pending.items()):
                    child = self.children[name]
                    if child.poll() is not None:
                        raise RuntimeError(
                            f"{name} exited with {child.returncode}; see {self.log_dir / name}.log"
                        )
                    try:
                        if client.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                            del pending[name]
                    except httpx.HTTPError:
                        pass
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"not ready after {timeout}s: {', '.join(pending)}; logs in {self.log_dir}"
                    )
                self.stop_event.wait(0.2)

    def stop(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in self.children.values():
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if self.redis is not None:
            self.redis.stop()
        if self.kafka is not None:
            self.kafka.stop()
        if self.s3 is not None:
            self.s3.stop()

    def supervise(self, policy: RestartPolicy | None = None) -> bool:
        """Restart a child that dies, after a backoff that grows while it keeps dying, until
        asked to stop (True) or until a child has failed `policy.max_failures` times in a row
        (False: the stack is broken, and says so)."""
        policy = policy or RestartPolicy()
        started = {name: time.monotonic() for name in self.children}
        due: dict[str, float] = {}  # child -> when it is restarted
        while not self.stop_event.wait(0.2):
            now = time.monotonic()
            for name, child in list(self.children.items()):
                if name in due:
                    if now >= due[name]:
                        del due[name]
                        self.spawn(name)
                        started[name] = time.monotonic()
                    continue
                if child.poll() is None:
                    continue
                delay = policy.on_exit(name, ran_s=now - started[name])
                log = self.log_dir / f"{name}.log"
                if delay is None:
                    self.say(
                        f"{name} exited with {child.returncode} {policy.max_failures} times in a"
                        f" row; giving up and stopping everything (log: {log})"
                    )
                    return False
                self.say(
                    f"{name} exited with {child.returncode}; restarting in {delay:g}s (log: {log})"
                )
                due[name] = now + delay
        return True

    def run(self, seeds: list[str]) -> int:
        started = time.monotonic()
        try:
            bootstrap, redis_url = self.start_infrastructure()
            self.addresses = self.child_settings(bootstrap, redis_url)
            for name in SERVICES:
                self.spawn(name)
            self.wait_ready()
            if self.stop_event.is_set():
                return 0
            self.say(f"ready in {time.monotonic() - started:.1f}s")
            ingest = f"http://127.0.0.1:{self.settings.ingest_port}"
            api = f"http://127.0.0.1:{self.settings.api_port}"
            if seeds:
                summary = push(seeds, ingest)
                self.say(f"pushed {', '.join(seeds)}: {summary.line()}")
            self.say(
                f"dashboard {api}/\n"
                f"ingest   {ingest}/v1/feeds   (docs {ingest}/docs)\n"
                f"api      {api}/v1/state   {api}/v1/events   {api}/v1/places   (docs {api}/docs)\n"
                f"logs     {self.log_dir}/\n"
                "Ctrl-C stops everything."
            )
            return 0 if self.supervise() else 1
        finally:
            self.stop()
            self.say("stopped")


def up(seeds: list[str], durable: bool = False) -> int:
    settings = StackSettings()
    if durable:  # --durable turns it on; without the flag SITREP_DURABLE decides
        settings.durable = True
    stack = Stack(settings)

    def handler(signum: int, frame: Any) -> None:
        stack.stop_event.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
    return stack.run(seeds)
