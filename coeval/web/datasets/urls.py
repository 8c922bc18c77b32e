from django.urls import path

from coeval.web.datasets import views

app_name = "datasets"
urlpatterns = [
    path("teams/<int:team_id>/", views.team_data, name="team"),
    path("teams/<int:team_id>/upload/", views.upload, name="upload"),
    path("teams/<int:team_id>/connect/", views.connect, name="connect"),
    path("teams/<int:team_id>/access/", views.access, name="access"),
    path("datasets/<int:dataset_id>/", views.dataset_detail, name="dataset"),
    path("datasets/<int:dataset_id>/status/", views.dataset_status, name="dataset_status"),
    path("datasets/<int:dataset_id>/problems/", views.dataset_problems, name="problems"),
    path("datasets/<int:dataset_id>/preview/", views.dataset_preview, name="preview"),
    path("datasets/<int:dataset_id>/columns/", views.dataset_mapping, name="mapping"),
    path("datasets/<int:dataset_id>/analyse/", views.analysis_new, name="analysis_new"),
    path("analyses/<int:analysis_id>/", views.analysis_detail, name="analysis"),
    path("analyses/<int:analysis_id>/progress/", views.analysis_progress, name="progress"),
    path("analyses/<int:analysis_id>/results.csv", views.analysis_csv, name="csv"),
    path("analyses/<int:analysis_id>/results.pdf", views.analysis_pdf, name="pdf"),
    path("analyses/<int:analysis_id>/results.docx", views.analysis_docx, name="docx"),
    path("api/v1/analyses/<int:analysis_id>.json", views.analysis_api, name="api_analysis"),
]
