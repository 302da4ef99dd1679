"""`sitrep probe`: is the sitrep service in this container (or on this host) ready?

The image runs one service per container, picked by its command, so a HEALTHCHECK cannot
know which port to ask. The probe asks each service's health port (the same SITREP_*
settings the services read) for `/readyz`: the first that answers decides. Exit 0 when it
is ready, 1 when it answers not ready or when none answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from sitrep_cli.stack import StackSettings


@dataclass(frozen=True)
class Probe:
    ready: bool
    line: str


def health_ports(settings: StackSettings | None = None) -> dict[str, int]:
    s = settings or StackSettings()
    return {
        "api": s.api_port,
        "ingest": s.ingest_port,
        "classifier": s.classifier_port,
        "projector": s.projector_port,
        "resolver": s.resolver_port,
    }


def probe(ports: dict[str, int], host: str = "127.0.0.1", timeout: float = 3.0) -> Probe:
    """The readiness of the first service that answers on `ports`."""
    for name, port in ports.items():
        url = f"http://{host}:{port}/readyz"
        try:
            response = httpx.get(url, timeout=timeout)
        except httpx.TransportError:
            continue  # nothing listens there: another service's port
        if response.status_code == 200:
            return Probe(True, f"{name} ready ({url})")
        return Probe(False, f"{name} not ready ({url} answered {response.status_code})")
    listed = ", ".join(f"{name} :{port}" for name, port in ports.items())
    return Probe(False, f"no sitrep service answers on {host} ({listed})")
