from django.urls import path

from coeval.web.connections import views

app_name = "connections"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile"),
    path("programmes/<int:programme_id>/", views.programme_directory, name="programme_directory"),
    path("programmes/<int:programme_id>/connections/", views.connection_list, name="list"),
    path(
        "programmes/<int:programme_id>/connections/new/",
        views.connection_create,
        name="create",
    ),
    path("connections/<int:connection_id>/edit/", views.connection_edit, name="edit"),
]
