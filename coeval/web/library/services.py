"""Read-side queries for the resources library."""

from django.db.models import Count, Prefetch

from coeval.web.library.models import Resource, ResourceTopic, Topic


def programmes_with_library(user):
    from coeval.web.core.authorization import programmes_for
    from coeval.web.programmes.models import Programme

    return list(Programme.objects.filter(pk__in=programmes_for(user)))


def resources(programme, topic: str | None = None):
    found = Resource.objects.filter(programme=programme).prefetch_related(
        Prefetch("topics", queryset=ResourceTopic.objects.order_by("topic"))
    )
    if topic:
        found = found.filter(topics__topic=topic)
    return list(found.order_by("title"))


def topic_counts(programme) -> list[tuple[str, str, int]]:
    """(topic key, label, number of resources) for every topic, in the usual order."""
    counts = dict(
        ResourceTopic.objects.filter(resource__programme=programme)
        .values("topic")
        .annotate(n=Count("id"))
        .values_list("topic", "n")
    )
    return [(key, label, counts.get(key, 0)) for key, label in Topic.choices]
