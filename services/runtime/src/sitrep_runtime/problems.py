"""RFC 9457 problem JSON for both HTTP services: the error, its OpenAPI model, the handlers.

Every error either service answers is a `Problem`: the ones a route raises (`ProblemError`),
bad parameters (400, naming the parameter), unknown query parameters (400, naming the allowed
ones), unknown paths and methods (404, 405 with `Allow`). `document_problems` makes the OpenAPI
say so: FastAPI's 422 `HTTPValidationError`, which neither service ever answers, is replaced by
the problem responses each route declares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_BASE = "https://sitrep.dev/problems/"
PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "The request is not valid",
    401: "A valid bearer token is required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    413: "The body is too large",
    415: "Unsupported media type",
    422: "The body holds nothing this service can use",
    503: "A backing service did not answer; try again after Retry-After seconds",
}


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, for people (title, detail) and programs (type)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_BASE + "invalid-parameter",
                    "title": "A request parameter is invalid",
                    "status": 400,
                    "detail": "query.limit: Input should be less than or equal to 500",
                }
            ]
        },
    )

    type: str = Field(description="A URI naming the kind of problem", examples=[PROBLEM_BASE])
    title: str = Field(description="The kind of problem, for people")
    status: int = Field(ge=400, le=599, description="The HTTP status")
    detail: str = Field(description="This occurrence, for people: what to change")
    instance: str | None = Field(default=None, description="The path that answered")


class ProblemError(Exception):
    """An error a route answers as problem JSON; subclasses fix status, type and title."""

    status = 400
    type_name = "bad-request"
    title = "The request is not valid"
    default_headers: ClassVar[dict[str, str] | None] = None

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        type_name: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail, self.extra = detail, extra
        self.status = status or self.status
        self.type_name = type_name or self.type_name
        self.title = title or self.title
        self.headers = headers or self.default_headers

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        return problem_body(
            self.status, self.type_name, self.title, self.detail, instance, **self.extra
        )


class Unauthorized(ProblemError):
    """401 with the bearer challenge: both services' credentials (ingest tokens, api keys)."""

    status = 401
    type_name = "unauthorized"
    title = "Valid credentials are required"
    default_headers: ClassVar[dict[str, str] | None] = {"WWW-Authenticate": 'Bearer realm="sitrep"'}


def problem_body(
    status: int, type_name: str, title: str, detail: str, instance: str | None = None, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + type_name,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def problem_response(
    status: int,
    type_name: str,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    return JSONResponse(
        problem_body(status, type_name, title, detail, **extra),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status as problem JSON in the OpenAPI."""
    return {
        status: {
            "description": TITLES.get(status, "Problem"),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def install_problem_handlers(app: FastAPI) -> None:
    """Answer route errors, bad parameters and unknown routes as problem JSON."""

    @app.exception_handler(ProblemError)
    async def route_problem(request: Request, exc: ProblemError) -> JSONResponse:
        return JSONResponse(
            exc.to_problem(request.url.path),
            status_code=exc.status,
            media_type=PROBLEM_JSON,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
        first = errors[0]
        detail = f"{'.'.join(first['loc'])}: {first['msg']}"
        return problem_response(
            400, "invalid-parameter", "A request parameter is invalid", detail, errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 405 carries Allow (RFC 9110), which the router put on the exception
        return problem_response(
            exc.status_code, "http-error", str(exc.detail), str(exc.detail),
            headers=dict(exc.headers or {}),
        )  # fmt: skip


def query_names(route: APIRoute) -> frozenset[str]:
    """The query parameters a route declares, by the name a client sends."""
    names: set[str] = set()
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        names.update(param.alias for param in dependant.query_params)
        pending.extend(dependant.dependencies)
    return frozenset(names)


async def reject_unknown_query(request: Request) -> None:
    """A dependency for every route: a query parameter the route does not declare is a 400
    naming the ones it does (a misspelt filter must not silently return everything)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return  # undocumented routes (the dashboard page keeps its own filters in its URL)
    known: frozenset[str] | None = getattr(route, "sitrep_query_names", None)
    if known is None:  # once per route (routes are not hashable: kept on the route itself)
        known = query_names(route)
        route.sitrep_query_names = known  # type: ignore[attr-defined]
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        allowed = sorted(known)
        raise ProblemError(
            f"unknown query parameter {', '.join(repr(u) for u in unknown)}; "
            + (f"this route takes: {', '.join(allowed)}" if allowed else "this route takes none"),
            type_name="unknown-parameter",
            title="The request names a query parameter this route does not take",
            unknown=unknown,
            allowed=allowed,
        )


def document_problems(
    app: FastAPI,
    models: Iterable[type[BaseModel]] = (),
    extra: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """The app's OpenAPI without FastAPI's 422 `HTTPValidationError` (the services answer bad
    parameters with a 400 problem, declared per route), with `Problem` and `models` (schemas
    routes refer to by `$ref` under media types FastAPI does not fill in) among the components,
    then `extra` for what a route cannot declare itself (request bodies read from the stream)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        for operation in _operations(spec):
            validation = operation.get("responses", {}).get("422", {})
            if "HTTPValidationError" in str(validation):
                del operation["responses"]["422"]
            # reject_unknown_query answers 400 on any route
            operation["responses"].setdefault("400", problem_responses(400)[400])
            for parameter in operation.get("parameters", []):
                _not_null(parameter)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        every: list[type[BaseModel]] = [Problem, *models]
        for model in every:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema
        if extra is not None:
            extra(spec)
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def _not_null(parameter: dict[str, Any]) -> None:
    """An optional parameter is left out, never sent as JSON null: FastAPI's `anyOf [X, null]`
    for `X | None` would have clients (and schemathesis) send the text 'null' for it."""
    schema = parameter.get("schema", {})
    options = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    if len(options) == 1 and len(options) < len(schema["anyOf"]):
        del schema["anyOf"]
        schema.update(options[0])
    elif options and len(options) < len(schema.get("anyOf", [])):
        schema["anyOf"] = options


def _operations(spec: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for item in spec.get("paths", {}).values():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete", "head", "options"}:
                yield operation
