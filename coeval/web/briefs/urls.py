from django.urls import path

app_name = "briefs"
urlpatterns: list = []
