from django.urls import path

from coeval.web.connections import views

app_name = "connections"
urlpatterns = [
    path("", views.directory, name="directory"),
]
