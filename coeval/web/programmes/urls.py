from django.urls import path

from coeval.web.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:programme_id>/", views.programme_detail, name="detail"),
    path("<int:programme_id>/edit/", views.programme_edit, name="edit"),
    path("<int:programme_id>/invite/", views.programme_invite, name="invite"),
    path(
        "<int:programme_id>/invitations/<int:invitation_id>/",
        views.programme_invitation_answer,
        name="invitation",
    ),
    path("<int:programme_id>/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<int:cohort_id>/", views.cohort_dashboard, name="cohort"),
    path("cohorts/<int:cohort_id>/edit/", views.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:cohort_id>/teams/new/", views.team_create, name="team_create"),
    path("teams/<int:team_id>/", views.team_detail, name="team"),
    path("teams/<int:team_id>/edit/", views.team_edit, name="team_edit"),
    path("teams/<int:team_id>/invite/", views.team_invite, name="team_invite"),
    path("teams/<int:team_id>/members/", views.team_members, name="team_members"),
    path(
        "teams/<int:team_id>/members/<int:membership_id>/",
        views.team_member,
        name="team_member",
    ),
    path(
        "teams/<int:team_id>/members/<int:membership_id>/remove/",
        views.team_member_remove,
        name="team_member_remove",
    ),
    path(
        "teams/<int:team_id>/invitations/<int:invitation_id>/",
        views.team_invitation_answer,
        name="team_invitation",
    ),
]
