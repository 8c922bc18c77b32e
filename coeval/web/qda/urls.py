from django.urls import path

app_name = "qda"
urlpatterns: list = []
