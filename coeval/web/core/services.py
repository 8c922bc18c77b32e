"""Read-side queries for core pages: what the home page shows, and the audit trail."""

from django.apps import apps
from django.core.paginator import Paginator
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import import_string

from coeval.web.core.models import AuditEvent
from coeval.web.core.roles import role_label

# Each entry is (function(user) -> dict merged into the home page's context, the template
# that shows it). A part whose app is not there yet is left out, so the page always works.
HOME_PAGE_PARTS = [
    ("coeval.web.programmes.services.home_page_part", "programmes/_home_part.html"),
    ("coeval.web.curriculum.services.home_page_part", "curriculum/_home_part.html"),
    ("coeval.web.decisions.services.home_page_part", "decisions/_home_part.html"),
]


def _template_exists(name: str) -> bool:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def home_page_context(user) -> dict:
    context: dict = {"home_part_templates": []}
    for path, template in HOME_PAGE_PARTS:
        try:
            part = import_string(path)
        except ImportError:
            continue
        if not _template_exists(template):
            continue
        context.update(part(user))
        context["home_part_templates"].append(template)
    return context


AUDIT_PAGE_SIZE = 25


def _kind_label(target_type: str) -> str:
    try:
        return str(apps.get_model(target_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return target_type


def audit_trail(programme, *, person: str = "", kind: str = "", page: str | int = 1) -> dict:
    """One page of a programme's audit events, newest first, with the filter choices."""
    events = AuditEvent.objects.filter(programme_id=programme.pk)
    people = sorted(
        {(a, n) for a, n in events.values_list("actor_id", "actor_name").distinct()},
        key=lambda p: p[1].lower(),
    )
    kinds = sorted(
        {(t, _kind_label(t)) for t in events.values_list("target_type", flat=True).distinct()},
        key=lambda k: k[1],
    )
    if person.isdigit():
        events = events.filter(actor_id=int(person))
    elif person == "system":
        events = events.filter(actor_id__isnull=True)
    if kind:
        events = events.filter(target_type=kind)
    page_obj = Paginator(events, AUDIT_PAGE_SIZE).get_page(page)
    for event in page_obj.object_list:
        event.kind_label = _kind_label(event.target_type)
        event.role_labels = [role_label(k) for k in event.actor_roles.split(",") if k]
        event.change_rows = [
            (name.replace("_", " "), change.get("old"), change.get("new"))
            for name, change in sorted(event.changes.items())
            if isinstance(change, dict)
        ]
    return {
        "page_obj": page_obj,
        "people": [(str(a) if a is not None else "system", n) for a, n in people],
        "kinds": kinds,
        "person": person,
        "kind": kind,
    }
