"""`sitrep up` in a child process on free ports, for the programs that drive a whole local
stack from outside: the end-to-end tests, the end-to-end benchmark, the dashboard screenshot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from sitrep_cli.embedded import free_port, terminate

SITREP = Path(sys.executable).parent / "sitrep"
SERVICES = ("kafka", "redis", "ingest", "api", "classifier", "projector", "resolver")


class ServiceAddresses:
    """The HTTP addresses of a local stack's services, from its `ports` (service -> port)."""

    ports: dict[str, int]

    @property
    def ingest(self) -> str:
        return f"http://127.0.0.1:{self.ports['ingest']}"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.ports['api']}"


@dataclass
class LocalStack(ServiceAddresses):
    process: subprocess.Popen[str]
    ports: dict[str, int]
    output: list[str] = field(default_factory=list)  # what `sitrep up` printed until ready
    seeded: int = 0  # events the seeds added, all of them stored by the time it is yielded

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.ports['kafka']}"


def stack_env(data_dir: Path, ports: dict[str, int], **settings: str) -> dict[str, str]:
    """This environment without any SITREP_* setting, plus the ports, data dir and `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env.update({f"SITREP_{name.upper()}_PORT": str(port) for name, port in ports.items()})
    env["SITREP_EMBEDDED_KAFKA_PORT"] = env.pop("SITREP_KAFKA_PORT")
    env["SITREP_EMBEDDED_REDIS_PORT"] = env.pop("SITREP_REDIS_PORT")
    env["SITREP_DATA_DIR"] = str(data_dir)
    env.update({f"SITREP_{name.upper()}": value for name, value in settings.items()})
    return env


def _wait_until_stored(api: str, events: int, timeout: float) -> None:
    """Until the seeds' events are stored and every one of them is in an incident."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=api, timeout=10) as http:
        while True:
            state = http.get("/v1/state").json()
            stored, resolved = state["events_stored"], state["incidents"]["reports"]
            if stored >= events and resolved >= stored:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{stored} of the seeds' {events} events stored, {resolved} in incidents,"
                    f" after {timeout} s"
                )
            time.sleep(0.2)


@contextmanager
def local_stack(
    data_dir: Path, seeds: list[str] | None = None, **settings: str
) -> Iterator[LocalStack]:
    """Starts `sitrep up` (memory broker, embedded Redis) and yields it once it is ready and,
    with `seeds`, once every event they added is stored (within 60 s); SIGTERMs it (then
    SIGKILL after 30 s) on exit."""
    ports = {name: free_port() for name in SERVICES}
    argv = [str(SITREP), "up", *(a for seed in seeds or [] for a in ("--seed", seed))]
    process = subprocess.Popen(
        argv, env=stack_env(data_dir, ports, **settings), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    stack = LocalStack(process, ports)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            stack.output.append(line)
            if line.startswith("pushed " if seeds else "ready in"):
                break
        else:
            raise RuntimeError("sitrep up exited before it was ready:\n" + "".join(stack.output))
        if seeds:
            stack.seeded = int(stack.output[-1].split("accepted ", 1)[1].split(",", 1)[0])
            _wait_until_stored(stack.api, stack.seeded, 60)
        yield stack
    finally:
        terminate(process, 30)
        process.stdout.close()
