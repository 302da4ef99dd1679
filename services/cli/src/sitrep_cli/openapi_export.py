"""Write each HTTP service's OpenAPI document into `schemas/openapi/`.

Run `python -m sitrep_cli.openapi_export [DIR]` (or `make schemas`); a test fails when the
committed documents are stale. The documents are what the services serve at /openapi.json
with default settings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep_api.app import create_app as create_api
from sitrep_api.settings import Settings as ApiSettings
from sitrep_ingest.app import create_app as create_ingest
from sitrep_ingest.settings import Settings as IngestSettings

TARGET = Path(__file__).resolve().parents[4] / "schemas" / "openapi"


def render() -> dict[str, str]:
    """File name -> the OpenAPI JSON of each service."""
    apps = {
        "api": create_api(ApiSettings(_env_file=None)),
        "ingest": create_ingest(IngestSettings(_env_file=None)),
    }
    return {
        f"{name}.openapi.json": json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"
        for name, app in apps.items()
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name, text in render().items():
        (target / name).write_text(text, encoding="utf-8")
        print(target / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
