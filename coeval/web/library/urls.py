from django.urls import path

from coeval.web.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<int:programme_id>/", views.programme_library, name="programme"),
    path("programmes/<int:programme_id>/new/", views.resource_new, name="new"),
    path("<int:resource_id>/edit/", views.resource_edit, name="edit"),
    path("<int:resource_id>/remove/", views.resource_delete, name="delete"),
    path("<int:resource_id>/download/", views.resource_download, name="download"),
]
