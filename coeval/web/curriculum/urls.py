from django.urls import path

from coeval.web.curriculum import views

app_name = "curriculum"
urlpatterns = [
    path("", views.my_schedules, name="mine"),
    path("cohorts/<int:cohort_id>/", views.cohort_schedule, name="cohort"),
    path("cohorts/<int:cohort_id>/generate/", views.generate_schedule, name="generate"),
    path("cohorts/<int:cohort_id>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:session_id>/", views.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:session_id>/materials/new/", views.material_add, name="material_add"),
    path(
        "materials/<int:material_id>/download/", views.material_download, name="material_download"
    ),
    path("materials/<int:material_id>/remove/", views.material_remove, name="material_remove"),
    path("programmes/<int:programme_id>/template/", views.template, name="template"),
    path(
        "programmes/<int:programme_id>/template/new/",
        views.template_item_new,
        name="template_item_new",
    ),
    path("template/<int:item_id>/", views.template_item_edit, name="template_item_edit"),
    path("teams/<int:team_id>/tasks/", views.team_tasks, name="tasks"),
    path("teams/<int:team_id>/tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:task_id>/", views.task_edit, name="task_edit"),
]
