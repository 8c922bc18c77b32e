from django.urls import path

from coeval.web.surveys import views

app_name = "surveys"
urlpatterns = [
    path("cohorts/<int:cohort_id>/", views.cohort_surveys, name="cohort"),
    path("cohorts/<int:cohort_id>/capacity/", views.capacity_survey, name="capacity"),
    path("cohorts/<int:cohort_id>/results/", views.cohort_results, name="results"),
    path("sessions/<int:session_id>/feedback/", views.workshop_feedback, name="feedback"),
    path("teams/<int:team_id>/gripp2/", views.gripp2, name="gripp2"),
    path("teams/<int:team_id>/gripp2/edit/", views.gripp2_edit, name="gripp2_edit"),
]
