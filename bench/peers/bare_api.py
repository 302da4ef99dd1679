"""The bare FastAPI endpoint that bench/api_load.py measures the read API against: the same
framework and server (uvicorn, one process), no Redis, and the very bytes of a real
`/v1/events` page (read once from the file in BARE_BODY_FILE) as its answer.

Run by bench/api_load.py: uvicorn bare_api:app --app-dir bench/peers
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Response

BODY = Path(os.environ["BARE_BODY_FILE"]).read_bytes()
app = FastAPI()


@app.get("/bare")
def bare() -> Response:
    return Response(BODY, media_type="application/json")
