from django.urls import path

from coeval.web.glossary import views

app_name = "glossary"
urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<int:programme_id>/", views.programme_glossary, name="programme"),
    path("programmes/<int:programme_id>/propose/", views.propose, name="propose"),
    path("terms/<int:term_id>/review/", views.review, name="review"),
]
