"""`/docs`: the API reference rendered here from the OpenAPI document.

FastAPI's Swagger UI and ReDoc pages load their scripts from a CDN, which a local-first app
must not do; this page lists every endpoint with its parameters, body and response models
from the same `/openapi.json`, and needs no script at all.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from netweave.web.pages.common import page_router
from netweave.web.templating import render

router = page_router()


def schema_name(schema: dict[str, Any]) -> str:
    """A short type name: `PersonDetail`, `list[InteractionOut]`, `string | null`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(schema_name(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{schema_name(schema.get('items', {}))}]"
    if schema.get("type") == "object" and "additionalProperties" in schema:
        return f"dict[str, {schema_name(schema['additionalProperties'])}]"
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            responses = []
            for status, resp in op.get("responses", {}).items():
                content: dict[str, Any] = resp.get("content", {})
                first: dict[str, Any] = next(iter(content.values()), {})
                schema = first.get("schema")
                responses.append(
                    (status, schema_name(schema) if schema else "", resp.get("description", ""))
                )
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["api"])[0],
                    "params": [
                        (
                            p["name"],
                            p["in"],
                            schema_name(p.get("schema", {})),
                            p.get("required", False),
                            p.get("description", ""),
                        )
                        for p in op.get("parameters", [])
                    ],
                    "body": [(kind, schema_name(v.get("schema", {}))) for kind, v in body.items()],
                    "responses": responses,
                }
            )
    return out


def models(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, schema in sorted(spec.get("components", {}).get("schemas", {}).items()):
        required = set(schema.get("required", []))
        fields = [
            (field, schema_name(sub), field in required, sub.get("description", ""))
            for field, sub in schema.get("properties", {}).items()
        ]
        out.append({"name": name, "description": schema.get("description", ""), "fields": fields})
    return out


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    spec = request.app.openapi()
    context = {"spec": spec, "endpoints": endpoints(spec), "models": models(spec)}
    return render(request, "docs.html", context)
