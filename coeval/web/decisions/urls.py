from django.urls import path

from coeval.web.decisions import views

app_name = "decisions"
urlpatterns = [
    path("teams/<int:team_id>/", views.team_log, name="team"),
    path("teams/<int:team_id>/new/", views.decision_new, name="new"),
    path("<int:decision_id>/", views.decision_detail, name="detail"),
    path("<int:decision_id>/impacts/new/", views.impact_new, name="impact_new"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
    path("programmes/<int:programme_id>/map/", views.knowledge_map, name="map"),
]
