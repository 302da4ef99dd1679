"""Process plumbing: stop on SIGTERM without deadlock, JSON logs, worker health endpoint."""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from kafka import TopicPartition
from kafka.errors import KafkaConnectionError, KafkaError

from sitrep_runtime.service import (
    ConsumerMetrics,
    HealthServer,
    JsonFormatter,
    StopRequest,
    poll_loop,
    stop_on_signals,
)


def test_sigterm_during_a_wait_stops_it_promptly() -> None:
    stop = StopRequest()
    previous = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    stop_on_signals(stop)
    try:
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        started = time.monotonic()
        assert stop.wait(10) is True
        assert time.monotonic() - started < 5
        stop.set()  # setting it again from the main thread is harmless
        assert stop.is_set()
    finally:
        signal.signal(signal.SIGTERM, previous[0])
        signal.signal(signal.SIGINT, previous[1])


def test_json_log_lines_keep_record_coordinates() -> None:
    record = logging.makeLogRecord(
        {"msg": "sent to DLQ", "levelname": "WARNING", "topic": "t", "partition": 2, "offset": 7}
    )
    line = json.loads(JsonFormatter().format(record))
    assert (line["msg"], line["topic"], line["partition"], line["offset"]) == (
        "sent to DLQ",
        "t",
        2,
        7,
    )


def test_health_server_answers_readiness_from_its_callback() -> None:
    ready = {"value": False}
    server = HealthServer("127.0.0.1", 0, lambda: ready["value"]).start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        with urllib.request.urlopen(f"{base}/healthz") as response:
            assert json.load(response) == {"status": "ok"}
        try:
            urllib.request.urlopen(f"{base}/readyz")
            raise AssertionError("readyz answered 200 while not ready")
        except urllib.error.HTTPError as exc:
            assert exc.code == 503
            exc.close()
        ready["value"] = True
        with urllib.request.urlopen(f"{base}/readyz") as response:
            assert response.status == 200
        with urllib.request.urlopen(f"{base}/metrics") as response:
            assert response.headers["Content-Type"].startswith("text/plain")
    finally:
        server.stop()


def test_log_lines_carry_a_utc_millisecond_time_and_the_request_id() -> None:
    from datetime import datetime

    from sitrep_runtime.service import REQUEST_ID

    record = logging.makeLogRecord({"msg": "feed accepted", "levelname": "INFO"})
    line = json.loads(JsonFormatter().format(record))
    when = datetime.fromisoformat(line["ts"])
    assert when.utcoffset() is not None and len(line["ts"].split(".")[1]) == len("123+00:00")
    assert "request_id" not in line and "\x1b" not in JsonFormatter().format(record)
    token = REQUEST_ID.set("r-1")
    try:
        assert json.loads(JsonFormatter().format(record))["request_id"] == "r-1"
    finally:
        REQUEST_ID.reset(token)


def test_http_answers_carry_the_request_id_they_were_given_or_a_new_one() -> None:
    from fastapi.testclient import TestClient

    from sitrep_api.app import create_app

    client = TestClient(create_app())
    assert (
        client.get("/healthz", headers={"X-Request-ID": "abc-1"}).headers["x-request-id"] == "abc-1"
    )
    made = client.get("/healthz", headers={"X-Request-ID": "not sane\x01"}).headers["x-request-id"]
    assert len(made) == 32 and made != client.get("/healthz").headers["x-request-id"]


def test_source_freshness_is_the_age_of_each_sources_newest_event_when_scraped() -> None:
    from prometheus_client import CollectorRegistry, generate_latest

    from sitrep_runtime.service import SourceFreshness

    registry = CollectorRegistry()
    freshness = SourceFreshness("sitrep_test_source_age_seconds", registry)
    now = time.time()
    freshness.saw("desk-a", now - 100)
    freshness.saw("desk-a", now - 500)  # older: does not move it back
    freshness.saw("desk-b", now - 10)
    text = generate_latest(registry).decode()
    ages = {
        line.split('"')[1]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("sitrep_test_source_age_seconds{")
    }
    assert set(ages) == {"desk-a", "desk-b"}
    assert 100 <= ages["desk-a"] < 110 and 10 <= ages["desk-b"] < 20


def test_the_alert_rules_example_names_metrics_the_services_export() -> None:
    import yaml

    from tests.conftest import ROOT

    rules = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yml").read_text())
    exprs = " ".join(r["expr"] for g in rules["groups"] for r in g["rules"])
    for metric in (
        "sitrep_projector_source_age_seconds", "sitrep_api_request_seconds_bucket",
        "sitrep_classifier_lag", "sitrep_projector_lag",
    ):  # fmt: skip
        assert metric in exprs


class BrokerAwayConsumer:
    """A consumer whose broker is away for its first polls: poll raises, as kafka-python does
    when a rebalance needs the coordinator, and the position of a partition is unknown."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.polls = 0
        self.tp = TopicPartition("t", 0)

    def poll(self, timeout_ms: int) -> dict[Any, list[Any]]:
        self.polls += 1
        if self.polls <= self.failures:
            raise KafkaConnectionError("111 ECONNREFUSED")
        return {}

    def assignment(self) -> set[TopicPartition]:
        return {self.tp}

    def highwater(self, tp: TopicPartition) -> int:
        return 10

    def position(self, tp: TopicPartition, timeout_ms: int | None = None) -> int:
        if self.polls <= self.failures + 1:
            raise KafkaConnectionError("111 ECONNREFUSED")
        return 4


def test_a_broker_away_mid_rebalance_is_waited_for_not_fatal() -> None:
    consumer = BrokerAwayConsumer(failures=2)
    stop = StopRequest()
    metrics = ConsumerMetrics("test")

    def after_poll() -> None:
        if consumer.polls >= 5:
            stop.set()

    poll_loop(
        consumer, lambda batch: None, stop, retriable=(KafkaError,), poll_ms=1,
        metrics=metrics, after_poll=after_poll,
    )  # fmt: skip
    assert consumer.polls == 5
    lag = metrics.registry.get_sample_value("sitrep_test_lag", {"topic": "t", "partition": "0"})
    assert lag == 6
