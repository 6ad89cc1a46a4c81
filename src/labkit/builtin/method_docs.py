"""The built-in method documents: the method guide and the checklists."""

from __future__ import annotations

from ..documents.document import Document
from ..documents.render import render_docx
from ..documents.views import Localizer, checklist_view, doc_view, format_version, method_view
from ..errors import NotFoundError
from ..generators import Request
from ..model import Method

__all__ = ["checklists", "guide"]


def _indicators(request: Request) -> dict[str, object]:
    return {i.id: i for i in request.catalog.indicators()}


def _method_names(request: Request, method: Method) -> dict[str, object]:
    if method.based_on is None:
        return {}
    try:
        return {method.based_on.method: request.catalog.method(method.based_on.method).name}
    except Exception:
        return {}


def guide(request: Request) -> Document:
    method: Method = request.subject
    tr = Localizer(request.lang)
    names = _method_names(request, method)
    view = method_view(tr, method, _indicators(request), names)  # type: ignore[arg-type]
    title = f"{view['method']['name']} – {tr.labels['method_guide']}"
    doc = doc_view(tr, title, subject=view["method"]["summary"])
    doc["author"] = tr(method.owner.name, tr.labels["owner"])
    context = {**view, "labels": tr.labels, "doc": doc}
    return render_docx(
        request,
        "guide",
        context,
        title=title,
        filename=f"{method.id}-guide-{request.lang}.docx",
        method_id=method.id,
        warnings=_missing(tr),
    )


def checklists(request: Request) -> Document:
    method: Method = request.subject
    role = request.options.get("role")
    tr = Localizer(request.lang)
    chosen = list(method.checklists)
    if role is not None:
        owners = sorted({c.owner for c in method.checklists})
        if role not in {r.id for r in method.roles}:
            raise NotFoundError(
                f"the method {method.id!r} has no role {role!r}; its roles are {', '.join(r.id for r in method.roles)}"
            )
        chosen = [c for c in chosen if c.owner == role]
        if not chosen:
            raise NotFoundError(
                f"the role {role!r} owns no checklist in {method.id!r}; checklists are owned by {', '.join(owners)}"
            )
    if not chosen:
        raise NotFoundError(f"the method {method.id!r} has no checklists")
    views = [checklist_view(tr, method, c) for c in chosen]
    name = tr(method.name, "name")
    title = f"{name} – {tr.labels['checklist']}"
    context = {
        "method": {
            "id": method.id,
            "name": name,
            "version": format_version(method.version),
            "revised": method.revised.isoformat(),
        },
        "checklists": views,
        "labels": tr.labels,
        "doc": {
            **doc_view(tr, title, subject=tr(method.summary)),
            "author": tr(method.owner.name, tr.labels["owner"]),
        },
    }
    suffix = f"-{role}" if role else ""
    return render_docx(
        request,
        "checklist",
        context,
        title=title,
        filename=f"{method.id}-checklists{suffix}-{request.lang}.docx",
        method_id=method.id,
        warnings=_missing(tr),
    )


def _missing(tr: Localizer) -> tuple[str, ...]:
    if not tr.missing:
        return ()
    return (f"texts missing in {tr.lang!r}, shown in another language: {', '.join(tr.missing)}",)
