from django.urls import path

app_name = "workbook"
urlpatterns: list = []
