from django.urls import path

from coeval.web.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
]
