"""`sitrep up`'s supervisor: a crashing child comes back after a growing backoff, and a child
that keeps crashing stops the stack loudly instead of respawning every second."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from pathlib import Path

from sitrep_cli.stack import RestartPolicy, Stack, StackSettings


def test_backoff_doubles_to_a_cap_resets_after_a_stable_run_and_gives_up() -> None:
    policy = RestartPolicy(base_delay_s=1, max_delay_s=5, stable_s=60, max_failures=6)
    assert [policy.on_exit("classifier", ran_s=2) for _ in range(5)] == [1, 2, 4, 5, 5]
    assert policy.on_exit("classifier", ran_s=2) is None  # the 6th failure in a row
    assert policy.on_exit("projector", ran_s=2) == 1  # each child counts its own
    policy.on_exit("projector", ran_s=2)
    assert policy.on_exit("projector", ran_s=600) == 1  # it had run for a while: a fresh start


class CrashingStack(Stack):
    """Children that are real processes: `classifier` exits with 3 at once, `api` stays up."""

    def spawn(self, name: str) -> None:
        code = "import sys; sys.exit(3)" if name == "classifier" else "import time; time.sleep(60)"
        self.children[name] = subprocess.Popen([sys.executable, "-c", code])


def test_a_child_that_keeps_crashing_stops_the_stack_loudly(tmp_path: Path) -> None:
    out = io.StringIO()
    stack = CrashingStack(StackSettings(data_dir=tmp_path), out=out)
    for name in ("classifier", "api"):
        stack.spawn(name)
    try:
        gave_up = not stack.supervise(RestartPolicy(base_delay_s=0.1, max_failures=3))
    finally:
        for child in stack.children.values():
            child.kill()
            child.wait()
    lines = out.getvalue().splitlines()
    assert gave_up
    assert [line.split(" (log")[0] for line in lines] == [
        "classifier exited with 3; restarting in 0.1s",
        "classifier exited with 3; restarting in 0.2s",
        "classifier exited with 3 3 times in a row; giving up and stopping everything",
    ]


def test_supervision_ends_when_asked_to_stop(tmp_path: Path) -> None:
    stack = CrashingStack(StackSettings(data_dir=tmp_path), out=io.StringIO())
    stack.spawn("api")
    threading.Timer(0.5, stack.stop_event.set).start()
    try:
        assert stack.supervise() is True
    finally:
        stack.children["api"].kill()
        stack.children["api"].wait()
