from django.urls import path

from coeval.web.workbook import views

app_name = "workbook"
section = "plans/<int:plan_id>/sections/<slug:key>/"
urlpatterns = [
    path("teams/<int:team_id>/", views.team_plan, name="team"),
    path("teams/<int:team_id>/start/", views.start_plan, name="start"),
    path("teams/<int:team_id>/import/", views.import_plan, name="import"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/submit/", views.plan_submit, name="submit"),
    path("plans/<int:plan_id>/decision/", views.plan_decision, name="decision"),
    path("plans/<int:plan_id>/contributions/", views.plan_contributions, name="contributions"),
    path("plans/<int:plan_id>/plan.docx", views.export_docx, name="docx"),
    path("plans/<int:plan_id>/plan.pdf", views.export_pdf, name="pdf"),
    path("api/v1/plans/<int:plan_id>.json", views.api_plan, name="api_plan"),
    path("api/v1/", views.api_docs, name="api_docs"),
    path(section, views.section_detail, name="section"),
    path(section + "edit/", views.section_edit, name="edit"),
    path(section + "autosave/", views.section_autosave, name="autosave"),
    path(section + "discard/", views.section_discard, name="discard"),
    path(section + "ready/", views.section_ready, name="ready"),
    path(section + "review/", views.section_review, name="review"),
    path(section + "history/", views.section_history, name="history"),
    path(section + "history/<int:number>/", views.revision_detail, name="revision"),
    path(section + "history/<int:number>/restore/", views.revision_restore, name="restore"),
    path(section + "builder/", views.logic_model, name="logic_model"),
    path(section + "comments/", views.comment_add, name="comment"),
    path(section + "advice/", views.advice_ask, name="ask"),
    path("comments/<int:comment_id>/adopt/", views.comment_adopt, name="adopt"),
    path("advice/<int:question_id>/", views.advice_thread, name="advice"),
    path("advice/<int:question_id>/faq/", views.advice_promote, name="promote"),
    path("programmes/<int:programme_id>/faq/", views.faq, name="faq"),
    path("cohorts/<int:cohort_id>/", views.cohort_dashboard, name="cohort"),
    path("my-influence/", views.my_influence, name="influence"),
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read/", views.notifications_read, name="read_all"),
    path("notifications/<int:notification_id>/", views.notification_open, name="open"),
]
