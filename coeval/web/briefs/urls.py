from django.urls import path

from coeval.web.briefs import views

app_name = "briefs"
urlpatterns = [
    path("teams/<int:team_id>/", views.team_briefs, name="team"),
    path("teams/<int:team_id>/new/", views.brief_new, name="new"),
    path("teams/<int:team_id>/readability/", views.readability, name="readability"),
    path("programmes/<int:programme_id>/approvals/", views.approvals, name="approvals"),
    path("<int:brief_id>/", views.brief_detail, name="detail"),
    path("<int:brief_id>/read/", views.brief_read, name="read"),
    path("<int:brief_id>/edit/", views.brief_edit, name="edit"),
    path("<int:brief_id>/evidence/", views.brief_evidence, name="evidence"),
    path("<int:brief_id>/submit/", views.brief_submit, name="submit"),
    path("<int:brief_id>/take-back/", views.brief_take_back, name="take_back"),
    path("<int:brief_id>/approve/", views.brief_approve, name="approve"),
    path("<int:brief_id>/new-version/", views.brief_new_version, name="new_version"),
    path("<int:brief_id>/brief.html", views.export_html, name="export_html"),
    path("<int:brief_id>/brief.docx", views.export_docx, name="export_docx"),
    path("<int:brief_id>/pdf/", views.export_pdf, name="export_pdf"),
    path("items/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("exports/<int:export_id>/", views.export_status, name="export"),
    path("exports/<int:export_id>/download/", views.export_download, name="download"),
]
