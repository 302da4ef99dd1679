"""The repo stands alone: no tracked file refers to a path outside the checkout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A dot-dot path (allowed when it is a link to another file of the repo), or a folder beside
# the checkout reached in code through the parent of the repo's root, or by its name.
OUTSIDE = re.compile(r"""(?<![\w./])(?:\.\./)+[\w.-]+|(?:ROOT|\])\.parent\s*/|/\s*["']shared["']""")
SKIPPED = (".png", ".pickle", ".gz", ".woff", ".woff2", ".ico")


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in listed.stdout.decode().split("\0") if name]


def outside_references(name: str, text: str) -> list[str]:
    """Lines of the tracked file `name` (relative to the repo) that point outside the repo."""
    hits = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in OUTSIDE.finditer(line):
            target = match.group(0)
            if target.startswith("../"):
                resolved = (ROOT / name).parent.joinpath(target).resolve()
                if resolved.is_relative_to(ROOT) and resolved != ROOT and resolved.exists():
                    continue  # a relative link between two files of the repo
            hits.append(f"{name}:{number}: {line.strip()}")
    return hits


def test_no_tracked_file_refers_to_a_path_outside_the_repo() -> None:
    names = [n for n in tracked_files() if not n.endswith(SKIPPED) and "/vendor/" not in n]
    assert len(names) > 100
    hits = []
    for name in names:
        try:
            text = (ROOT / name).read_text("utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        hits += outside_references(name, text)
    assert not hits, "the repo must stand alone:\n" + "\n".join(hits)


def test_the_check_catches_paths_outside_and_allows_links_inside() -> None:
    up, beside = "../", "ROOT" + ".parent"  # split so this file does not match itself
    assert outside_references("README.md", f"curl --data-binary @{up}other/seeds/x.txt")
    assert outside_references("tests/conftest.py", f'SEED = {beside} / "other" / "x.txt"')
    assert outside_references("tests/conftest.py", "SEED = HERE.parents[2]" + '.parent / "x"')
    assert outside_references("tests/unit/x.md", f"see {up * 3}elsewhere/README.md")
    assert not outside_references("tests/unit/x.md", f"see {up}data/devset/")
    assert outside_references("tests/unit/x.md", f"see {up}no-such-folder/")
    assert not outside_references("services/api/app.py", 'STATIC = Path(__file__).parent / "x"')
