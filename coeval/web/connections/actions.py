"""Everything that changes profiles and connections; each writes an audit event."""

from django.db import transaction

from coeval.web.connections.models import Connection, Profile
from coeval.web.core import audit


@transaction.atomic
def update_profile(actor, **fields) -> Profile:
    profile, created = Profile.objects.get_or_create(user=actor)
    # Read from the database: a bound ModelForm has already changed the instance it was given.
    before = {} if created else audit.snapshot(Profile.objects.get(pk=profile.pk), fields=fields)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    if created:
        audit.record_created(actor, profile, summary="Filled in their profile")
    else:
        audit.record_updated(actor, profile, before, summary="Changed their profile")
    return profile


@transaction.atomic
def record_connection(actor, programme, **fields) -> Connection:
    connection = Connection.objects.create(programme=programme, recorded_by=actor, **fields)
    audit.record_created(
        actor,
        connection,
        summary=f"Recorded that {connection.introduced_by} introduced {connection.person} "
        f"to {connection.introduced_to}",
    )
    return connection


@transaction.atomic
def update_connection(actor, connection: Connection, **fields) -> Connection:
    before = audit.snapshot(Connection.objects.get(pk=connection.pk), fields=fields.keys())
    for name, value in fields.items():
        setattr(connection, name, value)
    connection.save()
    audit.record_updated(actor, connection, before, summary="Changed a connection record")
    return connection
