from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from coeval.web.connections import actions, services
from coeval.web.connections.forms import ConnectionForm, ProfileForm
from coeval.web.connections.models import Connection
from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.programmes.services import programmes_visible_to
from coeval.web.programmes.views import load_programme


def load_connection(connection_id):
    return get_object_or_404(Connection.objects.select_related("programme"), pk=connection_id)


@permission_required(Permission.SIGN_IN_PAGES)
def directory(request):
    programmes = list(programmes_visible_to(request.user))
    if len(programmes) == 1:
        return redirect("connections:programme_directory", programme_id=programmes[0].pk)
    return render(request, "connections/directory.html", {"programmes": programmes})


@permission_required(Permission.DIRECTORY_VIEW, load=load_programme)
def programme_directory(request, programme):
    words = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "connections/programme_directory.html",
        {
            "programme": programme,
            "people": services.directory(programme, request.user, words),
            "words": words,
        },
    )


@permission_required(Permission.SIGN_IN_PAGES)
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=services.profile_for(request.user))
    if request.method == "POST" and form.is_valid():
        actions.update_profile(request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("connections:profile")
    return render(request, "connections/profile_form.html", {"form": form})


@permission_required(Permission.DIRECTORY_VIEW, load=load_programme)
def connection_list(request, programme):
    return render(
        request,
        "connections/connection_list.html",
        {"programme": programme, "connections": services.programme_connections(programme)},
    )


@permission_required(Permission.CONNECTION_RECORD, load=load_programme)
def connection_create(request, programme):
    form = ConnectionForm(
        request.POST or None,
        people=services.people_choices(programme),
        initial={"introduced_by": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        actions.record_connection(request.user, programme, **form.cleaned_data)
        messages.success(request, "The connection is recorded.")
        return redirect("connections:list", programme_id=programme.pk)
    return render(
        request, "connections/connection_form.html", {"form": form, "programme": programme}
    )


@permission_required(Permission.CONNECTION_RECORD, load=load_connection)
def connection_edit(request, connection):
    programme = connection.programme
    form = ConnectionForm(
        request.POST or None, instance=connection, people=services.people_choices(programme)
    )
    if request.method == "POST" and form.is_valid():
        actions.update_connection(request.user, connection, **form.cleaned_data)
        messages.success(request, "The connection is updated.")
        return redirect("connections:list", programme_id=programme.pk)
    return render(
        request,
        "connections/connection_form.html",
        {"form": form, "programme": programme, "connection": connection},
    )
