"""The one audit trail. Every action that changes data records an event here.

Events hold no foreign keys (ids and labels only), so history survives deletes.
"""

import datetime
import decimal
import uuid

from django.db import models as dj_models

from coeval.web.core.models import AuditEvent


def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, dj_models.Model):
        return str(value.pk)
    if isinstance(value, dj_models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(instance, fields=None) -> dict:
    """The concrete field values of a model instance, as plain JSON values."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.name] = _plain(getattr(instance, field.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _programme_id_of(target):
    scope = getattr(target, "permission_scope", None)
    if scope is None:
        return None
    try:
        return scope().programme_id
    except Exception:  # a half-built object has no scope yet; the event still records
        return None


def record(actor, action: str, target, *, changes=None, summary: str = "", programme_id=None):
    """Write one audit event. ``changes`` maps field name to {"old", "new"}."""
    from coeval.web.core.authorization import role_keys_in

    roles = []
    if (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and hasattr(target, "permission_scope")
    ):
        try:
            roles = role_keys_in(actor, target)
        except Exception:
            roles = []
    return AuditEvent.objects.create(
        actor_id=getattr(actor, "pk", None),
        actor_name=(
            actor.display_name if actor is not None and getattr(actor, "pk", None) else "system"
        ),
        actor_roles=",".join(sorted(set(roles))),
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        programme_id=programme_id if programme_id is not None else _programme_id_of(target),
        changes=changes or {},
        summary=summary[:500],
    )


def record_created(actor, target, summary: str = ""):
    return record(actor, "created", target, changes=diff({}, snapshot(target)), summary=summary)


def record_updated(actor, target, before: dict, summary: str = ""):
    changes = diff(before, snapshot(target, fields=before.keys()))
    if not changes:
        return None
    return record(actor, "updated", target, changes=changes, summary=summary)


def record_deleted(actor, target, summary: str = ""):
    return record(actor, "deleted", target, changes=diff(snapshot(target), {}), summary=summary)
