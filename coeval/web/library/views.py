from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.library import actions, services
from coeval.web.library.forms import ResourceForm
from coeval.web.library.models import Resource, Topic


def load_programme(programme_id):
    from coeval.web.programmes.models import Programme

    return get_object_or_404(Programme, pk=programme_id)


def load_resource(resource_id):
    return get_object_or_404(Resource.objects.select_related("programme"), pk=resource_id)


@permission_required(Permission.SIGN_IN_PAGES)
def index(request):
    programmes = services.programmes_with_library(request.user)
    if len(programmes) == 1:
        return redirect("library:programme", programme_id=programmes[0].pk)
    return render(request, "library/index.html", {"programmes": programmes})


@permission_required(Permission.RESOURCE_VIEW, load=load_programme)
def programme_library(request, programme):
    topic = request.GET.get("topic") or None
    if topic not in Topic.values:
        topic = None
    return render(
        request,
        "library/library.html",
        {
            "programme": programme,
            "resources": services.resources(programme, topic),
            "topics": services.topic_counts(programme),
            "topic": topic,
            "topic_label": Topic(topic).label if topic else "",
        },
    )


def _save(request, form, programme, resource=None):
    data = form.cleaned_data
    arguments = dict(
        title=data["title"],
        summary=data["summary"],
        topics=data["topics"],
        upload=data.get("file") or None,
        file_type=form.file_type,
        link=data.get("link", ""),
    )
    if resource is None:
        return actions.add_resource(request.user, programme, **arguments)
    return actions.update_resource(request.user, resource, **arguments)


@permission_required(Permission.RESOURCE_MANAGE, load=load_programme)
def resource_new(request, programme):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = _save(request, form, programme)
        messages.success(request, f"“{resource.title}” added to the library.")
        return redirect("library:programme", programme_id=programme.pk)
    return render(
        request,
        "library/resource_form.html",
        {"programme": programme, "form": form, "resource": None},
    )


@permission_required(Permission.RESOURCE_MANAGE, load=load_resource)
def resource_edit(request, resource):
    initial = {
        "title": resource.title,
        "summary": resource.summary,
        "topics": list(resource.topics.values_list("topic", flat=True)),
        "link": resource.link,
    }
    form = ResourceForm(
        request.POST or None, request.FILES or None, resource=resource, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        _save(request, form, resource.programme, resource)
        messages.success(request, "Resource saved.")
        return redirect("library:programme", programme_id=resource.programme_id)
    return render(
        request,
        "library/resource_form.html",
        {"programme": resource.programme, "form": form, "resource": resource},
    )


@require_POST
@permission_required(Permission.RESOURCE_MANAGE, load=load_resource)
def resource_delete(request, resource):
    programme_id = resource.programme_id
    actions.delete_resource(request.user, resource)
    messages.success(request, f"“{resource.title}” removed from the library.")
    return redirect("library:programme", programme_id=programme_id)


@permission_required(Permission.RESOURCE_VIEW, load=load_resource)
def resource_download(request, resource):
    if not resource.file:
        raise Http404
    # Always a download, never shown inline: an uploaded file cannot run in our pages.
    return FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.original_name or resource.file.name.rsplit("/", 1)[-1],
        content_type=resource.content_type or "application/octet-stream",
    )
