"""Everything that changes the resources library: one function per change, in a
transaction, with an audit event."""

from django.db import transaction

from coeval.web.core import audit
from coeval.web.library.models import Resource, ResourceTopic

_FIELDS = ("title", "summary", "file", "link")


def _set_topics(resource, topics) -> None:
    resource.topics.all().delete()
    ResourceTopic.objects.bulk_create(ResourceTopic(resource=resource, topic=t) for t in topics)


def _store(resource, upload, file_type):
    resource.original_name = upload.name[:255]
    resource.content_type = file_type.content_type if file_type else ""
    resource.size = upload.size
    resource.file.save(upload.name, upload, save=False)


@transaction.atomic
def add_resource(
    actor, programme, *, title, summary, topics, upload=None, file_type=None, link=""
) -> Resource:
    resource = Resource(
        programme=programme, title=title, summary=summary, link=link, added_by=actor
    )
    if upload is not None:
        _store(resource, upload, file_type)
    resource.save()
    _set_topics(resource, topics)
    audit.record(
        actor,
        "created",
        resource,
        changes=audit.diff({}, {**audit.snapshot(resource, _FIELDS), "topics": sorted(topics)}),
        summary="Added a resource to the library",
    )
    return resource


@transaction.atomic
def update_resource(
    actor, resource, *, title, summary, topics, upload=None, file_type=None, link=""
) -> Resource:
    before = {
        **audit.snapshot(resource, _FIELDS),
        "topics": sorted(resource.topics.values_list("topic", flat=True)),
    }
    old_file = resource.file.name if resource.file else ""
    resource.title, resource.summary, resource.link = title, summary, link
    if upload is not None:
        _store(resource, upload, file_type)
    elif link and old_file:
        # A link replaces the file.
        resource.file, resource.original_name, resource.content_type, resource.size = (
            "",
            "",
            "",
            0,
        )
    resource.save()
    _set_topics(resource, topics)
    after = {**audit.snapshot(resource, _FIELDS), "topics": sorted(topics)}
    audit.record(
        actor,
        "updated",
        resource,
        changes=audit.diff(before, after),
        summary="Changed a library resource",
    )
    if old_file and old_file != (resource.file.name or ""):
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return resource


@transaction.atomic
def delete_resource(actor, resource) -> None:
    audit.record_deleted(actor, resource, summary="Removed a resource from the library")
    stored, storage = resource.file.name, resource.file.storage
    resource.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
