"""The committed OpenAPI documents are what the services serve, and say what they answer."""

from __future__ import annotations

import json
import re

from sitrep_cli.openapi_export import TARGET, render
from tests.conftest import assert_committed


def test_committed_openapi_documents_match_the_services() -> None:
    assert_committed(TARGET, "*.openapi.json", render())


def test_every_route_documents_a_typed_answer_and_problem_errors() -> None:
    documents = sorted(TARGET.glob("*.openapi.json"))
    assert [p.name for p in documents] == ["api.openapi.json", "ingest.openapi.json"]
    for path in documents:
        spec = json.loads(path.read_text("utf-8"))
        assert "HTTPValidationError" not in json.dumps(spec), path.name
        for route, item in spec["paths"].items():
            for method, operation in item.items():
                responses = operation["responses"]
                ok = next(r for code, r in responses.items() if code.startswith("2"))
                schemas = [m.get("schema") for m in ok["content"].values()]
                assert schemas and all(schemas), f"{method} {route}: untyped answer"
                assert "422" not in responses or "application/problem+json" in str(
                    responses["422"]
                ), f"{method} {route}"
                for code, response in responses.items():
                    if code.startswith("4"):
                        assert list(response["content"]) == ["application/problem+json"], (
                            f"{method} {route} {code}"
                        )


def test_the_places_and_the_stream_say_their_media_types() -> None:
    api = json.loads((TARGET / "api.openapi.json").read_text("utf-8"))
    places = api["paths"]["/v1/places"]["get"]["responses"]["200"]["content"]
    assert list(places) == ["application/geo+json"]
    stream = api["paths"]["/v1/stream"]["get"]["responses"]["200"]["content"]
    assert list(stream) == ["text/event-stream"]
    ingest = json.loads((TARGET / "ingest.openapi.json").read_text("utf-8"))
    feeds = ingest["paths"]["/v1/feeds"]["post"]
    assert {"text/plain", "application/json"} <= set(feeds["requestBody"]["content"])
    assert ingest["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_docs_pages_work_offline() -> None:
    """Swagger UI and ReDoc load their scripts from the service, never from a CDN."""
    from fastapi.testclient import TestClient

    from sitrep_api.app import create_app as create_api
    from sitrep_ingest.app import create_app as create_ingest

    for app in (create_api(), create_ingest()):
        client = TestClient(app)  # no lifespan: the pages need no Redis or broker
        for page in ("/docs", "/redoc"):
            html = client.get(page).text
            scripts = re.findall(r'src="([^"]+)"', html)
            assert scripts and all(s.startswith("/") for s in scripts), (page, scripts)
            for script in scripts:
                assert client.get(script).status_code == 200, script
