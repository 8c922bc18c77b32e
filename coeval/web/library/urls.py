from django.urls import path

from coeval.web.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
]
